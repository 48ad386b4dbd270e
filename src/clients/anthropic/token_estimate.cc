#include "clients/anthropic/token_estimate.h"

namespace gw::clients::anthropic {
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

struct Tally {
  int64_t characters = 0;
  int64_t images = 0;
};

void tally(JsonRef value, Tally& t) {
  if (value.isString()) {
    t.characters += characters(value.rawString());
  } else if (value.isArray()) {
    for (JsonRef element : value.elements()) tally(element, t);
  } else if (value.isObject()) {
    if (value.find("type").stringEquals("image")) {
      ++t.images;  // its base64 or URL is not text the model reads
      return;
    }
    for (auto [key, member] : value.members()) {
      t.characters += characters(key.rawString());
      tally(member, t);
    }
  }
}

}  // namespace

Outcome<int64_t> estimateInputTokens(JsonRef body) {
  JsonRef messages = body.find("messages");
  if (!messages.isArray()) {
    return makeError(ErrorCode::BadRequest, "messages: Field required (a list of messages).",
                     "messages");
  }
  Tally t;
  int64_t count = 0;
  for (JsonRef message : messages.elements()) {
    tally(message.find("content"), t);
    ++count;
  }
  tally(body.find("system"), t);
  tally(body.find("tools"), t);
  int64_t text = (t.characters + kCharactersPerToken - 1) / kCharactersPerToken;
  return text + count * kTokensPerMessage + t.images * kTokensPerImage;
}

}  // namespace gw::clients::anthropic
