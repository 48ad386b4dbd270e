#include "clients/token_estimate.h"

namespace gw::clients {
namespace {

constexpr int64_t kCharactersPerToken = 4;
constexpr int64_t kTokensPerMessage = 3;
constexpr int64_t kTokensPerImage = 1600;

// Code points of a raw (escaped) JSON string: UTF-8 lead bytes, an escape as one.
int64_t characters(std::string_view raw) {
  int64_t count = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '\\') {
      i += raw[i + 1] == 'u' ? 5 : 1;
    } else if ((c & 0xC0) == 0x80) {
      continue;
    }
    ++count;
  }
  return count;
}

}  // namespace

void TokenTally::add(JsonRef value) {
  if (value.isString()) {
    characters_ += characters(value.rawString());
  } else if (value.isArray()) {
    for (JsonRef element : value.elements()) add(element);
  } else if (value.isObject()) {
    if (isImage_(value)) {
      ++images_;  // its base64 or URL is not text the model reads
      return;
    }
    for (auto [key, member] : value.members()) {
      characters_ += characters(key.rawString());
      add(member);
    }
  }
}

int64_t TokenTally::tokens() const {
  int64_t text = (characters_ + kCharactersPerToken - 1) / kCharactersPerToken;
  return text + messages_ * kTokensPerMessage + images_ * kTokensPerImage;
}

}  // namespace gw::clients
