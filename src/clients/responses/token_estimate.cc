#include "clients/responses/token_estimate.h"

#include "clients/token_estimate.h"

namespace gw::clients::responses {

Outcome<int64_t> estimateInputTokens(JsonRef body) {
  TokenTally tally([](JsonRef part) { return part.find("type").stringEquals("input_image"); });
  JsonRef input = body.find("input");
  if (input.isArray()) {
    for (JsonRef item : input.elements()) {
      tally.add(item);
      tally.addMessage();
    }
  } else if (input.present()) {
    tally.add(input);
    tally.addMessage();
  }
  tally.add(body.find("instructions"));
  tally.add(body.find("tools"));
  return tally.tokens();
}

}  // namespace gw::clients::responses
