#pragma once
// `POST /v1/responses/input_tokens` without a provider count: the documented estimate
// (clients/token_estimate.h) over every string of `instructions`, `input` and `tools`,
// 3 tokens per input item (a string input is one item), 1600 per `input_image` part.
#include <cstdint>

#include "core/json_tape.h"
#include "core/status.h"

namespace gw::clients::responses {

/// The estimate for an input_tokens body (which may have no `input`: then instructions
/// and tools only).
Outcome<int64_t> estimateInputTokens(JsonRef body);

}  // namespace gw::clients::responses
