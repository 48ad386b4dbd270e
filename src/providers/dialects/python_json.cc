#include "providers/dialects/python_json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gw::providers {
namespace {

void appendHex4(std::string& out, uint32_t unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(unit & 0xFFFF));
  out += buf;
}

// Decodes one UTF-8 sequence at `i` and advances past it; malformed input
// yields U+FFFD for one byte (nlohmann strings are normally valid already).
uint32_t decodeUtf8(const std::string& s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  uint32_t cp = lead & (extra == 3 ? 0x07u : extra == 2 ? 0x0Fu : 0x1Fu);
  bool ok = extra > 0 && i + extra < s.size();
  for (size_t k = 1; ok && k <= extra; ++k) {
    ok = (byte(i + k) & 0xC0) == 0x80;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (!ok) {
    ++i;
    return 0xFFFD;
  }
  i += extra + 1;
  return cp;
}

// Python's float repr: the shortest round-trip digits, positional for
// exponents -4..15, else d.ddde+XX (at least two exponent digits).
std::string pythonFloat(double value) {
  // The shortest correctly rounded digits that read back as `value` (what
  // repr prints); printf rounds correctly, std::to_chars is not in every libc++.
  char buf[40];
  for (int precision = 0; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string sci(buf);  // e.g. "-1.2345e+15"
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  size_t e = sci.find('e');
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits = sci.substr(0, 1) + (e > 2 ? sci.substr(2, e - 2) : "");
  if (exponent < -4 || exponent >= 16) {
    std::string mantissa = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "");
    char exp[8];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + exp;
  }
  if (exponent < 0) return sign + "0." + std::string(-exponent - 1, '0') + digits;
  if (digits.size() <= static_cast<size_t>(exponent) + 1) {
    return sign + digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
  }
  return sign + digits.insert(exponent + 1, ".");
}

void appendString(std::string& out, const std::string& s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
      }
      if (c < 0x20 || c == 0x7F) appendHex4(out, c);
      else out += static_cast<char>(c);
      continue;
    }
    uint32_t cp = decodeUtf8(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      appendHex4(out, 0xD800 + (cp >> 10));
      appendHex4(out, 0xDC00 + (cp & 0x3FF));
    } else {
      appendHex4(out, cp);
    }
  }
  out += '"';
}

void appendValue(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        appendString(out, it.key());
        out += ": ";
        appendValue(out, it.value());
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        appendValue(out, v[i]);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: appendString(out, v.get_ref<const std::string&>()); return;
    case Json::value_t::number_float: {
      double d = v.get<double>();
      out += std::isfinite(d) ? pythonFloat(d) : (std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      return;
    }
    default: out += v.dump(); return;  // numbers, booleans, null: same spelling as Python
  }
}

}  // namespace

std::string pythonJsonDumps(const Json& value) {
  std::string out;
  appendValue(out, value);
  return out;
}

}  // namespace gw::providers
