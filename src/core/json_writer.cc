#include "core/json_writer.h"

#include <algorithm>
#include <charconv>

#include "core/json_bytes.h"

namespace gw {

void JsonWriter::grow(size_t n) {
  buffer_.resize(std::max(buffer_.size() * 2, size_ + n + 64));
}

void JsonWriter::integer(int64_t value) {
  separate();
  char* at = room(24);
  size_ = std::to_chars(at, at + 24, value).ptr - buffer_.data();
  needComma_ = true;
}

// Escapes as nlohmann's dump does (ensure_ascii off, invalid UTF-8 replaced):
// quote, backslash and control characters; everything else is copied.
void JsonWriter::quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  put('"');
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* special = json_bytes::findSpecialStringByte(p, end);
    put(std::string_view(p, special - p));
    p = special;
    if (p == end) break;
    auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      size_t n = json_bytes::utf8SequenceLength(p, end);
      put(n ? std::string_view(p, n) : std::string_view("\xEF\xBF\xBD"));
      p += n ? n : 1;
      continue;
    }
    ++p;
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\b': put("\\b"); break;
      case '\f': put("\\f"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default: {
        char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        put(std::string_view(escape, 6));
      }
    }
  }
  put('"');
}

}  // namespace gw
