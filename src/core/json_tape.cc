// JsonRef accessors: decoding strings and numbers on demand, member lookup,
// and the conversion to a DOM for code paths that still want one.
#include <charconv>
#include <cstring>

#include "core/decimal.h"
#include "core/json_bytes.h"
#include "core/json_tape.h"

namespace gw {
namespace {

char simpleEscape(char c) {
  switch (c) {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return c;  // '"', '\\', '/'
  }
}

// An integer literal as nlohmann parses it: negative -> int64, otherwise uint64;
// nullopt on overflow (nlohmann then makes it a double).
template <typename T>
std::optional<T> integerLiteral(std::string_view raw) {
  T value = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (ec == std::errc() && end == raw.data() + raw.size()) return value;
  return std::nullopt;
}

Json numberToJson(const JsonRef& ref) {
  std::string_view raw = ref.raw();
  if (ref.token().flags & JsonToken::kInteger) {
    if (raw.front() == '-') {
      if (auto value = integerLiteral<int64_t>(raw)) return Json(*value);
    } else if (auto value = integerLiteral<uint64_t>(raw)) {
      return Json(*value);
    }
  }
  return Json(ref.number());
}

}  // namespace

void appendDecodedString(std::string_view raw, std::string& out) {
  const char* p = raw.data();
  const char* end = p + raw.size();
  while (p < end) {
    const char* slash = static_cast<const char*>(std::memchr(p, '\\', end - p));
    if (!slash) {
      out.append(p, end);
      return;
    }
    out.append(p, slash);
    if (slash[1] != 'u') {
      out += simpleEscape(slash[1]);
      p = slash + 2;
      continue;
    }
    uint32_t code = static_cast<uint32_t>(json_bytes::hex4(slash + 2));
    p = slash + 6;
    if (code >= 0xD800 && code <= 0xDBFF) {  // validated: a low surrogate escape follows
      uint32_t low = static_cast<uint32_t>(json_bytes::hex4(p + 2));
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      p += 6;
    }
    json_bytes::appendUtf8(code, out);
  }
}

std::string JsonRef::string() const {
  std::string out;
  if (!isString()) return out;
  if (token().flags & JsonToken::kEscaped) appendDecodedString(rawString(), out);
  else out.assign(rawString());
  return out;
}

double JsonRef::number() const {
  if (!isNumber()) return 0;
  return parseDecimal(raw()).value_or(0);  // validated by the scanner: always a value
}

std::optional<int64_t> JsonRef::integer() const {
  if (!isNumber() || !(token().flags & JsonToken::kInteger)) return std::nullopt;
  std::string_view raw = this->raw();
  if (raw.front() == '-') return integerLiteral<int64_t>(raw);
  std::optional<uint64_t> value = integerLiteral<uint64_t>(raw);
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);  // as a DOM's get<int64_t>() of an unsigned
}

size_t JsonRef::size() const {
  size_t count = 0;
  if (isObject()) {
    for (auto member : members()) (void)member, ++count;
  } else {
    for (JsonRef element : elements()) (void)element, ++count;
  }
  return count;
}

Json JsonRef::toJson() const {
  if (!tape_) return Json();
  switch (kind()) {
    case JsonKind::Null: return Json(nullptr);
    case JsonKind::False: return Json(false);
    case JsonKind::True: return Json(true);
    case JsonKind::Number: return numberToJson(*this);
    case JsonKind::String: return Json(string());
    case JsonKind::Array: {
      Json array = Json::array();
      for (JsonRef element : elements()) array.push_back(element.toJson());
      return array;
    }
    case JsonKind::Object: {
      Json object = Json::object();
      // operator[]: a repeated key keeps its first position and its last value, as nlohmann's parse.
      for (auto [k, value] : members()) object[k.string()] = value.toJson();
      return object;
    }
  }
  return Json();
}

}  // namespace gw
