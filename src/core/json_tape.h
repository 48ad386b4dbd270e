#pragma once
// A JSON document scanned once into a flat *tape* of tokens that point into the
// original bytes: no DOM, no copies. The hot paths read the few fields they
// need through `JsonRef` and splice untouched values into their output as raw
// bytes (see json_writer.h); code that needs a DOM converts with `toJson()`.
//
//   Outcome<JsonTape> tape = JsonTape::scan(body);   // validates: RFC 8259 + UTF-8
//   JsonRef messages = tape->root().find("messages");
//   for (JsonRef m : messages.elements()) ... m.find("role").string() ...
//
// The tape keeps a view of the text: the text must outlive the tape and every
// JsonRef into it. Strings stay escaped on the tape and are decoded on demand.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace gw {

/// The kind of a JSON value.
enum class JsonKind : uint8_t { Null, False, True, Number, String, Array, Object };

/// One value on the tape. Objects and arrays are followed by their contents
/// (objects as key, value, key, value ...).
struct JsonToken {
  static constexpr uint8_t kEscaped = 1;  ///< string: contains backslash escapes
  static constexpr uint8_t kInteger = 2;  ///< number: no fraction, no exponent
  JsonKind kind = JsonKind::Null;
  uint8_t flags = 0;
  uint32_t offset = 0;  ///< first byte of the value in the text
  uint32_t length = 0;  ///< raw length (strings with quotes, containers with brackets)
  uint32_t next = 0;    ///< index of the token after this value and its contents
};

/// Limits applied while scanning.
struct JsonScanLimits {
  uint32_t maxDepth = 256;  ///< deeper nesting is an error, never a stack overflow
};

class JsonRef;

/// A scanned, validated JSON document.
class JsonTape {
 public:
  /// Scans and validates `text`. Errors read like "parse error at line 1,
  /// column 15: syntax error while parsing value - unexpected '}'; expected
  /// '[', '{', or a literal" (the wording of nlohmann/json, which the gateway
  /// used before). A leading UTF-8 byte order mark is skipped.
  static Outcome<JsonTape> scan(std::string_view text, JsonScanLimits limits = {});

  /// The root value.
  inline JsonRef root() const;
  /// The scanned text.
  std::string_view text() const { return text_; }
  /// Number of tokens.
  uint32_t size() const { return static_cast<uint32_t>(tokens_.size()); }
  const JsonToken& token(uint32_t index) const { return tokens_[index]; }
  /// Whether some object has the same key twice (a DOM keeps only the last value,
  /// so raw splicing would not be equivalent).
  bool hasDuplicateKeys() const { return duplicateKeys_; }

 private:
  friend class JsonScanner;
  std::string_view text_;
  std::vector<JsonToken> tokens_;
  bool duplicateKeys_ = false;
};

/// A handle on one value of a tape (or an absent value: `!ref`). Cheap to copy.
class JsonRef {
 public:
  JsonRef() = default;
  JsonRef(const JsonTape* tape, uint32_t index) : tape_(tape), index_(index) {}

  /// False for an absent value (e.g. `find` of a missing key).
  explicit operator bool() const { return tape_ != nullptr; }
  /// The kind of a present value (call only when `*this` is true).
  JsonKind kind() const { return token().kind; }
  /// Kind tests; all false for an absent value.
  bool is(JsonKind k) const { return tape_ && token().kind == k; }
  bool isNull() const { return is(JsonKind::Null); }
  bool isBool() const { return is(JsonKind::True) || is(JsonKind::False); }
  bool isNumber() const { return is(JsonKind::Number); }
  bool isString() const { return is(JsonKind::String); }
  bool isArray() const { return is(JsonKind::Array); }
  bool isObject() const { return is(JsonKind::Object); }
  /// Present and not null.
  bool present() const { return tape_ && token().kind != JsonKind::Null; }
  /// An integer as a DOM parser sees it: integer syntax that fits 64 bits.
  bool isInteger() const { return integer().has_value(); }

  /// The value's JSON text exactly as received (strings with their quotes).
  std::string_view raw() const {
    if (!tape_) return {};
    return tape_->text().substr(token().offset, token().length);
  }
  /// A string's bytes between the quotes, escapes not decoded.
  std::string_view rawString() const {
    if (!isString()) return {};
    return tape_->text().substr(token().offset + 1, token().length - 2);
  }
  /// A string, decoded.
  std::string string() const;
  /// Whether this is a string equal to `text` (decodes only when escaped).
  bool stringEquals(std::string_view text) const {
    if (!isString()) return false;
    if (token().flags & JsonToken::kEscaped) return string() == text;
    return rawString() == text;
  }
  /// A number as a double.
  double number() const;
  /// An integer (int64, or uint64 reinterpreted as a DOM's get<int64_t> does);
  /// nullopt for fractions, exponents, overflow and non-numbers.
  std::optional<int64_t> integer() const;
  /// A boolean's value.
  bool boolean() const { return is(JsonKind::True); }

  /// The member `key` of an object (the last one when repeated, as a DOM keeps);
  /// absent when missing or when this is not an object.
  inline JsonRef find(std::string_view key) const;
  /// Element / member count of an array / object (0 for scalars).
  size_t size() const;

  struct Member;
  template <bool kMembers> class Cursor;
  template <bool kMembers> class Range;
  /// `for (JsonRef element : ref.elements())`: empty unless an array.
  Range<false> elements() const;
  /// `for (auto [key, value] : ref.members())`: empty unless an object.
  Range<true> members() const;

  /// The value as a DOM, with the same types a nlohmann parse would give.
  Json toJson() const;

  const JsonTape& tape() const { return *tape_; }
  uint32_t index() const { return index_; }
  const JsonToken& token() const { return tape_->token(index_); }

 private:
  const JsonTape* tape_ = nullptr;
  uint32_t index_ = 0;
};

/// An object member: its key (a string value) and its value.
struct JsonRef::Member {
  JsonRef key;
  JsonRef value;
};

/// Steps through the children of a container: elements (JsonRef) or members (Member).
template <bool kMembers>
class JsonRef::Cursor {
 public:
  Cursor(const JsonTape* tape, uint32_t index) : tape_(tape), index_(index) {}
  bool operator!=(const Cursor& other) const { return index_ != other.index_; }
  void operator++() { index_ = tape_->token(kMembers ? index_ + 1 : index_).next; }
  auto operator*() const {
    if constexpr (kMembers) {
      return Member{JsonRef(tape_, index_), JsonRef(tape_, index_ + 1)};
    } else {
      return JsonRef(tape_, index_);
    }
  }

 private:
  const JsonTape* tape_;
  uint32_t index_;
};

/// The children of a container, for range-for.
template <bool kMembers>
class JsonRef::Range {
 public:
  Range(const JsonTape* tape, uint32_t begin, uint32_t end)
      : tape_(tape), begin_(begin), end_(end) {}
  Cursor<kMembers> begin() const { return {tape_, begin_}; }
  Cursor<kMembers> end() const { return {tape_, end_}; }

 private:
  const JsonTape* tape_;
  uint32_t begin_, end_;
};

inline JsonRef JsonTape::root() const { return JsonRef(this, 0); }

inline JsonRef JsonRef::find(std::string_view key) const {
  JsonRef found;
  for (auto [k, value] : members()) {
    if (k.stringEquals(key)) found = value;
  }
  return found;
}

inline JsonRef::Range<false> JsonRef::elements() const {
  if (!tape_ || !isArray()) return {nullptr, 0, 0};
  return {tape_, index_ + 1, token().next};
}

inline JsonRef::Range<true> JsonRef::members() const {
  if (!tape_ || !isObject()) return {nullptr, 0, 0};
  return {tape_, index_ + 1, token().next};
}

/// Appends the decoded form of a string's raw bytes (between the quotes) to `out`.
/// The bytes must come from a scanned tape (escapes already validated).
void appendDecodedString(std::string_view raw, std::string& out);

}  // namespace gw
