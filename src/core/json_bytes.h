#pragma once
// Byte-level helpers shared by the JSON scanner (json_tape_scan.cc), the writer
// (json_writer.cc) and the streaming cursor (stream/json_cursor.cc): finding the
// next byte of a string that needs attention, validating one UTF-8 sequence,
// reading hex escapes, encoding a code point (also used by the config's YAML reader).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace gw::json_bytes {

/// Whether a byte ends a run of plain string bytes: a quote, a backslash, a
/// control character (< 0x20, must be escaped) or a non-ASCII byte (must be
/// validated as UTF-8).
inline bool isSpecialStringByte(unsigned char c) {
  return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

/// The first special string byte in [p, end), or `end`. Reads eight bytes at a
/// time (SWAR: plain 64-bit integer arithmetic, fast natively and in Wasm).
inline const char* findSpecialStringByte(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  while (end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    uint64_t quote = word ^ (kOnes * '"');
    uint64_t backslash = word ^ (kOnes * '\\');
    // "Has a zero byte" / "has a byte below n": a borrow can flag a byte above a
    // real hit, never below it, so the lowest flagged byte is the first special one.
    uint64_t hits = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                     ((word - kOnes * 0x20) & ~word) | word) &
                    kHigh;
    if (hits != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return p + (std::countr_zero(hits) >> 3);
      }
      break;
    }
    p += 8;
  }
  while (p < end && !isSpecialStringByte(static_cast<unsigned char>(*p))) ++p;
  return p;
}

/// Length of the well-formed UTF-8 sequence starting at `p` (a byte >= 0x80),
/// or 0 when it is ill-formed (Unicode 15, table 3-7: no overlongs, no
/// surrogates, nothing above U+10FFFF) or truncated by `end`.
inline size_t utf8SequenceLength(const char* p, const char* end) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(p[i]); };
  auto cont = [&](size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return p + i < end && at(i) >= lo && at(i) <= hi;
  };
  unsigned char c = at(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/// Value of a hex digit, or -1.
inline int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Appends the UTF-8 encoding of a code point (JSON's and YAML's escapes).
inline void appendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

/// The four hex digits at `p` as a code unit, or -1 when they are not hex.
inline int32_t hex4(const char* p) {
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int digit = hexValue(p[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace gw::json_bytes
