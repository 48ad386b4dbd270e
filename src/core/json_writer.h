#pragma once
// Writes compact JSON: structure, escaped strings, integers, and raw spans of
// already-valid JSON (values spliced from a JsonTape). Commas are placed
// automatically. Small writes are inline pointer bumps into an owned buffer
// (std::string's push_back/append are out-of-line calls, costly in Wasm).
//
//   JsonWriter w(request.text().size() + 64);
//   w.beginObject();
//   w.key("model"); w.string(name);
//   w.key("messages"); w.raw(request.root().find("messages").raw());
//   w.endObject();
//   std::string body = w.take();
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gw {

/// A compact JSON writer. The caller keeps the structure well formed (a key
/// before each object member, balanced begin/end); `raw` must be valid JSON.
class JsonWriter {
 public:
  /// An empty writer whose first buffer holds `expectedSize` bytes.
  explicit JsonWriter(size_t expectedSize = 256) { buffer_.resize(expectedSize); }

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }

  /// An object key (escaped as needed).
  void key(std::string_view name) {
    separate();
    if (isPlain(name)) {  // the usual short ASCII key: no scan loop
      put('"');
      put(name);
      put("\":");
    } else {
      quoted(name);
      put(':');
    }
    needComma_ = false;
  }
  /// An object key given as a raw JSON string token, quotes included.
  void rawKey(std::string_view quotedName) {
    separate();
    put(quotedName);
    put(':');
    needComma_ = false;
  }
  /// A string value (escaped as needed; ill-formed UTF-8 becomes U+FFFD).
  void string(std::string_view text) {
    separate();
    quoted(text);
    needComma_ = true;
  }
  /// A value given as JSON text, copied as is.
  void raw(std::string_view json) {
    separate();
    put(json);
    needComma_ = true;
  }
  void integer(int64_t value);
  void boolean(bool value) { raw(value ? "true" : "false"); }
  void null() { raw("null"); }

  /// The text written so far; the writer is left empty.
  std::string take() {
    buffer_.resize(size_);
    size_ = 0;
    needComma_ = false;
    return std::move(buffer_);
  }

 private:
  char* room(size_t n) {
    if (buffer_.size() - size_ < n) grow(n);
    return buffer_.data() + size_;
  }
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
  }
  void separate() {
    if (needComma_) put(',');
  }
  void open(char bracket) {
    separate();
    put(bracket);
    needComma_ = false;
  }
  void close(char bracket) {
    put(bracket);
    needComma_ = true;
  }
  static bool isPlain(std::string_view text) {
    for (char c : text) {
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
          static_cast<unsigned char>(c) >= 0x80) {
        return false;
      }
    }
    return true;
  }
  void grow(size_t n);
  void quoted(std::string_view text);

  std::string buffer_;  // [0, size_) written; the rest is room
  size_t size_ = 0;
  bool needComma_ = false;  // a value was written at the current level
};

}  // namespace gw
