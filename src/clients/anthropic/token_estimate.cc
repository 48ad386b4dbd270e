#include "clients/anthropic/token_estimate.h"

#include "clients/token_estimate.h"

namespace gw::clients::anthropic {

Outcome<int64_t> estimateInputTokens(JsonRef body) {
  JsonRef messages = body.find("messages");
  if (!messages.isArray()) {
    return makeError(ErrorCode::BadRequest, "messages: Field required (a list of messages).",
                     "messages");
  }
  TokenTally tally([](JsonRef block) { return block.find("type").stringEquals("image"); });
  for (JsonRef message : messages.elements()) {
    tally.add(message.find("content"));
    tally.addMessage();
  }
  tally.add(body.find("system"));
  tally.add(body.find("tools"));
  return tally.tokens();
}

}  // namespace gw::clients::anthropic
