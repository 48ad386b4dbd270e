// The validating JSON scanner behind JsonTape::scan: one pass, no recursion
// (open containers are linked through their own tokens), strings skipped eight
// bytes at a time. Error texts follow nlohmann/json's wording so that messages
// the gateway produced before the scanner existed stay the same.
#include "core/json_tape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/decimal.h"
#include "core/json_bytes.h"

namespace gw {
namespace {

constexpr const char* kLiteralOrValue = "'[', '{', or a literal";

bool isDigit(char c) { return c >= '0' && c <= '9'; }



// nlohmann's name for the token starting at `p`, or null when no token starts there.
const char* tokenNameAt(const char* p, const char* end) {
  if (p == end) return "end of input";
  switch (*p) {
    case '{': return "'{'";
    case '}': return "'}'";
    case '[': return "'['";
    case ']': return "']'";
    case ',': return "','";
    case ':': return "':'";
    case '"': return "string literal";
    case '-': return "number literal";
    default: break;
  }
  if (isDigit(*p)) return "number literal";
  std::string_view rest(p, end - p);
  if (rest.starts_with("true")) return "'true'";
  if (rest.starts_with("false")) return "'false'";
  if (rest.starts_with("null")) return "'null'";
  return nullptr;
}

}  // namespace

/// Scans one document into a JsonTape (see json_tape.h for the contract).
class JsonScanner {
 public:
  JsonScanner(std::string_view text, JsonScanLimits limits, JsonTape& tape)
      : text_(text), p_(text.data()), end_(text.data() + text.size()), limits_(limits),
        tape_(tape), tokens_(tape.tokens_) {}

  // Scans the whole text; on false, `error()` says why.
  bool run() {
    if (text_.size() >= UINT32_MAX) return errorAt(p_, "documents are limited to 4 GiB");
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") p_ += 3;  // byte order mark, as nlohmann skips it
    tokens_.reserve(std::min<size_t>(16 + text_.size() / 16, 4096));
    for (;;) {
      bool openedNonEmpty = false;
      if (!scanValue(openedNonEmpty)) return false;
      if (openedNonEmpty) continue;
      bool another = false;
      if (!afterValue(another)) return false;
      if (!another) return true;
    }
  }

 private:
  uint32_t offsetOf(const char* p) const { return static_cast<uint32_t>(p - text_.data()); }

  void skipWhitespace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  void push(JsonKind kind, uint8_t flags, const char* start) {
    JsonToken t;
    t.kind = kind;
    t.flags = flags;
    t.offset = offsetOf(start);
    t.length = static_cast<uint32_t>(p_ - start);
    t.next = static_cast<uint32_t>(tokens_.size() + 1);
    tokens_.push_back(t);
  }

  // Expects a value at p_: scans a scalar, or opens a container. `openedNonEmpty`
  // tells the caller that the container's first value (after its key) comes next.
  bool scanValue(bool& openedNonEmpty) {
    skipWhitespace();
    if (p_ == end_) return syntaxError("value", kLiteralOrValue);
    if (*p_ != '{' && *p_ != '[') return scanScalar("value");
    bool object = *p_ == '{';
    if (!openContainer(object ? JsonKind::Object : JsonKind::Array)) return false;
    skipWhitespace();
    if (p_ < end_ && *p_ == (object ? '}' : ']')) {
      closeContainer();
      return true;
    }
    openedNonEmpty = true;
    return object ? scanKey() : true;
  }

  // After a complete value: a separator (then `another` value), a closing
  // bracket, or the end of the document.
  bool afterValue(bool& another) {
    for (;;) {
      skipWhitespace();
      if (open_ == 0) {
        return p_ == end_ || syntaxError("value", "end of input");
      }
      bool object = tokens_[open_ - 1].kind == JsonKind::Object;
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        another = true;
        return object ? scanKey() : true;
      }
      if (p_ < end_ && *p_ == (object ? '}' : ']')) {
        closeContainer();
        continue;
      }
      return object ? syntaxError("object", "'}'") : syntaxError("array", "']'");
    }
  }

  // The open container's `next` holds its parent (index + 1, 0 = none) until it closes.
  bool openContainer(JsonKind kind) {
    if (depth_ == limits_.maxDepth) {
      return errorAt(p_, "nesting is deeper than " + std::to_string(limits_.maxDepth) + " levels");
    }
    ++depth_;
    const char* start = p_++;
    push(kind, 0, start);
    tokens_.back().next = open_;
    open_ = static_cast<uint32_t>(tokens_.size());
    return true;
  }

  void closeContainer() {
    ++p_;
    --depth_;
    uint32_t index = open_ - 1;
    JsonToken& t = tokens_[index];
    open_ = t.next;
    t.next = static_cast<uint32_t>(tokens_.size());
    t.length = offsetOf(p_) - t.offset;
    if (t.kind == JsonKind::Object && !tape_.duplicateKeys_) {
      tape_.duplicateKeys_ = hasDuplicateKeys(index);
    }
  }

  bool scanKey() {
    skipWhitespace();
    if (p_ == end_ || *p_ != '"') return syntaxError("object key", "string literal");
    if (!scanString("object key")) return false;
    skipWhitespace();
    if (p_ == end_ || *p_ != ':') return syntaxError("object separator", "':'");
    ++p_;
    return true;
  }

  bool scanScalar(const char* context) {
    switch (*p_) {
      case '"': return scanString(context);
      case 't': return scanLiteral(context, "true", JsonKind::True);
      case 'f': return scanLiteral(context, "false", JsonKind::False);
      case 'n': return scanLiteral(context, "null", JsonKind::Null);
      default: break;
    }
    if (*p_ == '-' || isDigit(*p_)) return scanNumber(context);
    return syntaxError(context, kLiteralOrValue);
  }

  bool scanLiteral(const char* context, std::string_view literal, JsonKind kind) {
    const char* start = p_;
    size_t matched = 0;
    while (matched < literal.size() && start + matched < end_ && start[matched] == literal[matched]) {
      ++matched;
    }
    if (matched < literal.size()) {
      size_t read = std::min<size_t>(matched + 1, end_ - start);
      return lexError(start + matched, context,
                      "invalid literal; last read: '" + std::string(start, read) + "'");
    }
    p_ += literal.size();
    push(kind, 0, start);
    return true;
  }

  bool scanNumber(const char* context) {
    const char* start = p_;
    uint8_t flags = JsonToken::kInteger;
    bool exponent = false;
    auto digits = [&] { while (p_ < end_ && isDigit(*p_)) ++p_; };
    auto fail = [&](const char* what) {
      size_t read = std::min<size_t>(p_ + 1 - start, end_ - start);
      return lexError(p_, context, std::string("invalid number; ") + what + "; last read: '" +
                                       std::string(start, read) + "'");
    };
    if (*p_ == '-') ++p_;
    if (p_ == end_ || !isDigit(*p_)) return fail("expected digit after '-'");
    if (*p_ == '0') ++p_;
    else digits();
    if (p_ < end_ && *p_ == '.') {
      flags = 0;
      ++p_;
      if (p_ == end_ || !isDigit(*p_)) return fail("expected digit after '.'");
      digits();
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      flags = 0;
      exponent = true;
      ++p_;
      bool sign = p_ < end_ && (*p_ == '+' || *p_ == '-');
      if (sign) ++p_;
      if (p_ == end_ || !isDigit(*p_)) {
        return fail(sign ? "expected digit after exponent sign"
                         : "expected '+', '-', or digit after exponent");
      }
      digits();
    }
    // Only an exponent or > 300 digits can leave the double range (nlohmann rejects that).
    if ((exponent || p_ - start > 300) &&
        std::isinf(parseDecimal(std::string_view(start, p_ - start)).value_or(0))) {
      return lexError(start, context,
                      "number overflow; last read: '" + std::string(start, p_) + "'");
    }
    push(JsonKind::Number, flags, start);
    return true;
  }

  bool scanString(const char* context) {
    const char* start = p_++;
    uint8_t flags = 0;
    for (;;) {
      p_ = json_bytes::findSpecialStringByte(p_, end_);
      if (p_ == end_) return lexError(p_, context, "invalid string: missing closing quote");
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c == '\\') {
        flags = JsonToken::kEscaped;
        if (!scanEscape(context)) return false;
      } else if (c < 0x20) {
        char what[96];
        std::snprintf(what, sizeof what,
                      "invalid string: control character U+%04X must be escaped", c);
        return lexError(p_, context, what);
      } else {
        size_t n = json_bytes::utf8SequenceLength(p_, end_);
        if (n == 0) return lexError(p_, context, "invalid string: ill-formed UTF-8 byte");
        p_ += n;
      }
    }
    ++p_;
    push(JsonKind::String, flags, start);
    return true;
  }

  // p_ is at a backslash inside a string.
  bool scanEscape(const char* context) {
    if (end_ - p_ < 2) return lexError(end_, context, "invalid string: missing closing quote");
    switch (p_[1]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        p_ += 2;
        return true;
      case 'u': break;
      default:
        return lexError(p_ + 1, context, "invalid string: forbidden character after backslash");
    }
    int32_t unit = end_ - p_ >= 6 ? json_bytes::hex4(p_ + 2) : -1;
    if (unit < 0) return lexError(p_, context, "invalid string: '\\u' must be followed by 4 hex digits");
    p_ += 6;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return lexError(p_ - 6, context, "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
    }
    if (unit < 0xD800 || unit > 0xDBFF) return true;
    int32_t low = end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u' ? json_bytes::hex4(p_ + 2) : -1;
    if (low < 0xDC00 || low > 0xDFFF) {
      return lexError(p_, context, "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
    }
    p_ += 6;
    return true;
  }

  bool hasDuplicateKeys(uint32_t object) const;

  bool syntaxError(const char* context, const char* expected) {
    const char* found = tokenNameAt(p_, end_);
    if (!found) {
      return lexError(p_, context, "invalid literal; last read: '" + std::string(p_, 1) + "'");
    }
    return errorAt(p_, std::string("syntax error while parsing ") + context + " - unexpected " +
                           found + "; expected " + expected);
  }

  bool lexError(const char* at, const char* context, const std::string& what) {
    return errorAt(at, std::string("syntax error while parsing ") + context + " - " + what);
  }

  // Records the error (the first one only happens: scanning stops) and returns false.
  bool errorAt(const char* at, const std::string& what) {
    size_t line = 1;
    const char* lineStart = text_.data();
    for (const char* q = text_.data(); q < at; ++q) {
      if (*q == '\n') {
        ++line;
        lineStart = q + 1;
      }
    }
    error_ = makeError(ErrorCode::MalformedJson, "parse error at line " + std::to_string(line) +
                                                     ", column " +
                                                     std::to_string(at - lineStart + 1) + ": " + what);
    return false;
  }

  std::string_view text_;
  const char* p_;
  const char* end_;
  JsonScanLimits limits_;
  JsonTape& tape_;
  std::vector<JsonToken>& tokens_;
  uint32_t open_ = 0;   // innermost open container (index + 1), 0 = none
  uint32_t depth_ = 0;
  Status error_;  // why run() failed

 public:
  const Status& error() const { return error_; }
};

bool JsonScanner::hasDuplicateKeys(uint32_t object) const {
  std::vector<std::string> keys;  // decoded; only objects whose keys can collide get here
  bool escaped = false;
  size_t count = 0;
  uint32_t end = tokens_[object].next;
  for (uint32_t k = object + 1; k < end; k = tokens_[k + 1].next) {
    escaped = escaped || (tokens_[k].flags & JsonToken::kEscaped);
    ++count;
  }
  if (count < 2) return false;
  JsonTape& tape = tape_;
  if (!escaped && count <= 16) {  // the common case: a few plain keys, compared in place
    for (uint32_t a = object + 1; a < end; a = tokens_[a + 1].next) {
      const JsonToken& ka = tokens_[a];
      for (uint32_t b = tokens_[a + 1].next; b < end; b = tokens_[b + 1].next) {
        const JsonToken& kb = tokens_[b];
        if (kb.length == ka.length &&
            std::memcmp(text_.data() + ka.offset, text_.data() + kb.offset, ka.length) == 0) {
          return true;
        }
      }
    }
    return false;
  }
  for (uint32_t k = object + 1; k < end; k = tokens_[k + 1].next) {
    keys.push_back(JsonRef(&tape, k).string());
  }
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

Outcome<JsonTape> JsonTape::scan(std::string_view text, JsonScanLimits limits) {
  JsonTape tape;
  tape.text_ = text;
  JsonScanner scanner(text, limits, tape);
  if (!scanner.run()) return scanner.error();
  return tape;
}

}  // namespace gw
