#pragma once
// `/v1/messages/count_tokens` without a provider count: the documented estimate
// (clients/token_estimate.h) over every string of `system`, `messages[].content` and
// `tools`, 3 tokens per message, 1600 per `image` block.
#include <cstdint>

#include "core/json_tape.h"
#include "core/status.h"

namespace gw::clients::anthropic {

/// The estimate for a count_tokens body; a 400 naming `messages` when it is not an array.
Outcome<int64_t> estimateInputTokens(JsonRef body);

}  // namespace gw::clients::anthropic
