#include "stream/json_cursor.h"

#include <array>

#include "core/json_bytes.h"

namespace gw::stream {
namespace {

constexpr int kMaxDepth = 32;          // deeper values are declined, not recursed into
constexpr size_t kMaxCanonicalDigits = 18;  // always an int64 in nlohmann
constexpr size_t kMaxKeysChecked = 16;  // duplicate-key check bound (more: not canonical)

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLowerHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f'); }

}  // namespace

bool JsonCursor::fail() {
  failed_ = true;
  return false;
}

void JsonCursor::skipSpace() {
  while (pos_ < text_.size() && isSpace(text_[pos_])) ++pos_;
}

char JsonCursor::peek() {
  skipSpace();
  return pos_ < text_.size() ? text_[pos_] : '\0';
}

bool JsonCursor::atEnd() {
  skipSpace();
  return !failed_ && pos_ == text_.size();
}

bool JsonCursor::enterObject() { return enter('{'); }

bool JsonCursor::enterArray() { return enter('['); }

bool JsonCursor::enter(char open) {
  skipSpace();
  if (failed_ || pos_ >= text_.size() || text_[pos_] != open) return false;
  ++pos_;
  first_ = true;
  return true;
}

bool JsonCursor::nextElement() { return nextItem(']'); }

// Steps over the separator before the next item of the open container; false at
// its `close` bracket (consumed: back in the parent, which just had a value) or
// on malformed JSON.
bool JsonCursor::nextItem(char close) {
  skipSpace();
  if (failed_ || pos_ >= text_.size()) return fail();
  if (text_[pos_] == close) {
    ++pos_;
    first_ = false;
    return false;
  }
  if (!first_) {
    if (text_[pos_] != ',') return fail();
    ++pos_;
  }
  first_ = false;
  return true;
}

bool JsonCursor::nextMember(std::string_view& key, bool& escaped) {
  if (!nextItem('}')) return false;
  skipSpace();
  size_t start = pos_ + 1;
  bool canonical = true;
  if (pos_ >= text_.size() || text_[pos_] != '"' || !scanString(canonical)) return fail();
  key = text_.substr(start, pos_ - 1 - start);
  escaped = key.find('\\') != std::string_view::npos;
  skipSpace();
  if (pos_ >= text_.size() || text_[pos_] != ':') return fail();
  ++pos_;
  return true;
}

bool JsonCursor::value(RawJson& out) {
  skipSpace();
  size_t start = pos_;
  bool canonical = true;
  if (failed_ || !scan(out.kind, canonical, 0)) return fail();
  out.text = text_.substr(start, pos_ - start);
  out.canonical = canonical;
  return true;
}

bool JsonCursor::scan(RawJson::Kind& kind, bool& canonical, int depth) {
  if (pos_ >= text_.size()) return false;
  switch (text_[pos_]) {
    case '"': kind = RawJson::Kind::String; return scanString(canonical);
    case '{': kind = RawJson::Kind::Object; return scanContainer('}', true, canonical, depth);
    case '[': kind = RawJson::Kind::Array; return scanContainer(']', false, canonical, depth);
    case 't': kind = RawJson::Kind::Bool; return scanLiteral("true");
    case 'f': kind = RawJson::Kind::Bool; return scanLiteral("false");
    case 'n': kind = RawJson::Kind::Null; return scanLiteral("null");
    default: kind = RawJson::Kind::Number; return scanNumber(canonical);
  }
}

bool JsonCursor::scanLiteral(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return false;
  pos_ += word.size();
  return true;
}

// JSON number grammar; canonical only for short integers other than -0.
bool JsonCursor::scanNumber(bool& canonical) {
  size_t start = pos_;
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  size_t digits = pos_;
  if (pos_ >= text_.size() || !isDigit(text_[pos_])) return false;
  if (text_[pos_] == '0') ++pos_;
  else while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  bool integer = true;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    integer = false;
    if (++pos_ >= text_.size() || !isDigit(text_[pos_])) return false;
    while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    integer = false;
    if (++pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ >= text_.size() || !isDigit(text_[pos_])) return false;
    while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  }
  std::string_view number = text_.substr(start, pos_ - start);
  if (!integer || pos_ - digits > kMaxCanonicalDigits || number == "-0") canonical = false;
  return true;
}

// After a backslash. nlohmann prints \" \\ \b \f \n \r \t and \u00xx (lower-case)
// for the other control characters; every other escape is valid but not canonical.
bool JsonCursor::scanEscape(bool& canonical) {
  if (pos_ >= text_.size()) return false;
  char c = text_[pos_++];
  switch (c) {
    case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't': return true;
    case '/': canonical = false; return true;
    case 'u': break;
    default: return false;
  }
  if (pos_ + 4 > text_.size()) return false;
  std::string_view hex = text_.substr(pos_, 4);
  const int32_t value = json_bytes::hex4(hex.data());
  if (value < 0) return false;
  pos_ += 4;
  bool shortForm = value == 8 || value == 9 || value == 10 || value == 12 || value == 13;
  bool lower = isLowerHex(hex[2]) && isLowerHex(hex[3]);
  if (value >= 0x20 || shortForm || !lower) canonical = false;
  if (value >= 0xDC00 && value <= 0xDFFF) return false;  // a lone low surrogate
  if (value < 0xD800 || value > 0xDBFF) return true;
  // A high surrogate must be followed by an escaped low one (nlohmann rejects it otherwise).
  if (text_.substr(pos_, 2) != "\\u" || pos_ + 6 > text_.size()) return false;
  const int32_t low = json_bytes::hex4(text_.data() + pos_ + 2);
  pos_ += 6;
  return low >= 0xDC00 && low <= 0xDFFF;
}

// One UTF-8 sequence starting at a byte >= 0x80 (RFC 3629, as nlohmann checks it).
bool JsonCursor::scanUtf8() {
  const char* end = text_.data() + text_.size();
  size_t length = json_bytes::utf8SequenceLength(text_.data() + pos_, end);
  pos_ += length;
  return length != 0;
}

bool JsonCursor::scanString(bool& canonical) {
  ++pos_;  // opening quote
  const size_t size = text_.size();
  const char* end = text_.data() + size;
  while (pos_ < size) {
    // The common case: a run of printable ASCII, found eight bytes at a time.
    pos_ = json_bytes::findSpecialStringByte(text_.data() + pos_, end) - text_.data();
    if (pos_ == size) break;
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c < 0x20) return false;
    if (c == '\\') {
      ++pos_;
      if (!scanEscape(canonical)) return false;
    } else if (!scanUtf8()) {
      return false;
    }
  }
  return false;
}

// Skips whitespace inside a copied value (which makes it non-canonical);
// false at the end of the text.
bool JsonCursor::spaceInside(bool& canonical) {
  size_t before = pos_;
  skipSpace();
  if (pos_ != before) canonical = false;
  return pos_ < text_.size();
}

bool JsonCursor::scanContainer(char close, bool object, bool& canonical, int depth) {
  if (depth >= kMaxDepth) return false;
  ++pos_;  // the opening bracket
  std::array<std::string_view, kMaxKeysChecked> keys;
  size_t keyCount = 0;
  if (!spaceInside(canonical)) return false;
  if (text_[pos_] == close) return ++pos_, true;
  for (;;) {
    if (object) {
      size_t start = pos_;
      if (text_[pos_] != '"' || !scanString(canonical)) return false;
      // Canonical keys are unique encodings, so raw comparison finds duplicates.
      std::string_view key = text_.substr(start, pos_ - start);
      for (size_t i = 0; i < keyCount; ++i) canonical = canonical && keys[i] != key;
      if (keyCount < kMaxKeysChecked) keys[keyCount++] = key;
      else canonical = false;
      if (!spaceInside(canonical) || text_[pos_] != ':') return false;
      ++pos_;
      if (!spaceInside(canonical)) return false;
    }
    RawJson::Kind kind;
    if (!scan(kind, canonical, depth + 1) || !spaceInside(canonical)) return false;
    if (text_[pos_] == close) return ++pos_, true;
    if (text_[pos_] != ',') return false;
    ++pos_;
    if (!spaceInside(canonical)) return false;
  }
}

}  // namespace gw::stream
