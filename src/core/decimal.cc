#include "core/decimal.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace gw {
namespace {

using Uint128 = unsigned __int128;

constexpr uint64_t kPowersOfTen[20] = {1ULL,
                                       10ULL,
                                       100ULL,
                                       1000ULL,
                                       10000ULL,
                                       100000ULL,
                                       1000000ULL,
                                       10000000ULL,
                                       100000000ULL,
                                       1000000000ULL,
                                       10000000000ULL,
                                       100000000000ULL,
                                       1000000000000ULL,
                                       10000000000000ULL,
                                       100000000000000ULL,
                                       1000000000000000ULL,
                                       10000000000000000ULL,
                                       100000000000000000ULL,
                                       1000000000000000000ULL,
                                       10000000000000000000ULL};
constexpr int kMaxDigits = 19;    // a mantissa of 19 digits fits 64 bits
constexpr int kMaxExponent = 19;  // 10^19 fits 64 bits

int bitLength(Uint128 v) {
  auto high = static_cast<uint64_t>(v >> 64);
  auto low = static_cast<uint64_t>(v);
  if (high != 0) return 128 - __builtin_clzll(high);
  return low != 0 ? 64 - __builtin_clzll(low) : 0;
}

// mantissa × 10^exponent (mantissa > 0, |exponent| <= 19), rounded to nearest-even.
// A division is done on the mantissa shifted to 127 bits, so the quotient keeps
// at least 62 bits and the remainder tells whether anything was cut off.
double scaleExactly(uint64_t mantissa, int exponent) {
  Uint128 value;
  int binaryExponent = 0;
  bool sticky = false;  // nonzero bits below `value`
  if (exponent >= 0) {
    value = static_cast<Uint128>(mantissa) * kPowersOfTen[exponent];
  } else {
    int shift = 127 - bitLength(mantissa);
    Uint128 numerator = static_cast<Uint128>(mantissa) << shift;
    value = numerator / kPowersOfTen[-exponent];
    sticky = numerator % kPowersOfTen[-exponent] != 0;
    binaryExponent = -shift;
  }
  int bits = bitLength(value);
  if (bits <= 53) return std::ldexp(static_cast<double>(static_cast<uint64_t>(value)), binaryExponent);
  int dropped = bits - 53;
  auto kept = static_cast<uint64_t>(value >> dropped);
  Uint128 rest = value & ((Uint128(1) << dropped) - 1);
  Uint128 half = Uint128(1) << (dropped - 1);
  if (rest > half || (rest == half && (sticky || (kept & 1)))) ++kept;
  return std::ldexp(static_cast<double>(kept), binaryExponent + dropped);
}

// Clinger's fast path: mantissa and 10^|exponent| are both exact doubles, so one
// IEEE multiplication or division rounds correctly.
constexpr uint64_t kMaxExactMantissa = 1ULL << 53;
constexpr double kExactPowersOfTen[20] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                          1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                          1e14, 1e15, 1e16, 1e17, 1e18, 1e19};

double scaleFast(uint64_t mantissa, int exponent) {
  auto value = static_cast<double>(mantissa);
  return exponent >= 0 ? value * kExactPowersOfTen[exponent]
                       : value / kExactPowersOfTen[-exponent];
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

double viaStrtod(std::string_view text) {
  std::string copy(text);
  return std::strtod(copy.c_str(), nullptr);
}

}  // namespace

std::optional<double> parseDecimal(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = p < end && *p == '-';
  if (negative) ++p;
  if (p == end || !isDigit(*p) || (*p == '0' && p + 1 < end && isDigit(p[1]))) return std::nullopt;
  uint64_t mantissa = 0;
  int digits = 0;    // significant digits kept in `mantissa`
  int exponent = 0;  // decimal exponent applied to `mantissa`
  bool exact = true;
  auto take = [&](char c, bool fraction) {
    if (digits == 0 && c == '0') {
      exponent -= fraction ? 1 : 0;
    } else if (digits < kMaxDigits) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
      exponent -= fraction ? 1 : 0;
    } else {
      exact = false;  // more digits than 64 bits hold: strtod decides
    }
  };
  for (; p < end && isDigit(*p); ++p) take(*p, false);
  if (p < end && *p == '.') {
    if (++p == end || !isDigit(*p)) return std::nullopt;
    for (; p < end && isDigit(*p); ++p) take(*p, true);
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool minus = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+')) ++p;
    if (p == end || !isDigit(*p)) return std::nullopt;
    int value = 0;
    for (; p < end && isDigit(*p); ++p) value = std::min(value * 10 + (*p - '0'), 100000);
    exponent += minus ? -value : value;
  }
  if (p != end) return std::nullopt;
  if (mantissa == 0 && exact) return negative ? -0.0 : 0.0;
  if (!exact || exponent < -kMaxExponent || exponent > kMaxExponent) return viaStrtod(text);
  double magnitude = mantissa <= kMaxExactMantissa ? scaleFast(mantissa, exponent)
                                                   : scaleExactly(mantissa, exponent);
  return negative ? -magnitude : magnitude;
}

}  // namespace gw
