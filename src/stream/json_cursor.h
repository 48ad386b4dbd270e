#pragma once
// A strict, allocation-free JSON reader for the streaming hot path.
//
// Stream translators mostly copy values from an upstream chunk into a unified
// chunk. Parsing into a DOM, copying and serialising again costs ~80k
// instructions per chunk; this cursor walks the text once and hands out each
// value's raw bytes plus whether those bytes are *canonical*, i.e. exactly what
// `dumpJson(parseJson(bytes))` would print (compact, integers only, strings
// escaped the way nlohmann escapes them, valid UTF-8, no duplicate keys).
// Canonical raw bytes can be copied to the output unchanged; anything else
// makes the caller fall back to its DOM path, which defines the semantics.
#include <cstddef>
#include <string_view>

namespace gw::stream {

/// One JSON value as found in the text.
struct RawJson {
  enum class Kind { None, Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::None;   ///< None: the member was absent
  std::string_view text;    ///< the value's bytes exactly as in the input
  bool canonical = false;   ///< `text` equals its compact nlohmann serialisation

  bool present() const { return kind != Kind::None && kind != Kind::Null; }
};

/// Walks one JSON text. Every method returns false on malformed JSON (then
/// `failed()` is true) or at the end of an object/array (then it is not).
/// Containers nest: after `enterObject()`/`enterArray()` iterate to the closing
/// bracket (until `nextMember`/`nextElement` returns false), then carry on in
/// the parent. A value can also be taken whole with `value()`.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  /// Consumes `{`; false when the next value is not an object.
  bool enterObject();
  /// Reads the next member's key (raw, without quotes) and its `:`, or the
  /// closing `}` (returns false). `escaped` is set when the key has escapes.
  bool nextMember(std::string_view& key, bool& escaped);
  /// Consumes `[`; false when the next value is not an array.
  bool enterArray();
  /// Positions before the next element, or consumes `]` (returns false).
  bool nextElement();
  /// Reads (and validates) the next value.
  bool value(RawJson& out);
  /// Whether only whitespace is left.
  bool atEnd();
  /// The next non-whitespace character (0 at the end), not consumed.
  char peek();

  bool failed() const { return failed_; }

 private:
  bool fail();
  bool enter(char open);
  bool nextItem(char close);
  void skipSpace();
  bool spaceInside(bool& canonical);
  bool scan(RawJson::Kind& kind, bool& canonical, int depth);
  bool scanString(bool& canonical);
  bool scanNumber(bool& canonical);
  bool scanLiteral(std::string_view word);
  bool scanContainer(char close, bool object, bool& canonical, int depth);
  bool scanEscape(bool& canonical);
  bool scanUtf8();

  std::string_view text_;
  size_t pos_ = 0;
  bool failed_ = false;
  bool first_ = true;  // the next member/element is the first of its container
};

}  // namespace gw::stream
