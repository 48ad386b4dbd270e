#pragma once
// `:countTokens` on an endpoint without a provider count (any non-Gemini endpoint):
// the documented estimate (clients/token_estimate.h) over every string of `contents`,
// `systemInstruction` and `tools` (also inside `generateContentRequest`, the other form
// countTokens takes), 3 tokens per content, 1600 per inlineData/fileData part.
// Answered as `{"totalTokens": N}`.
#include <cstdint>

#include "core/json_tape.h"
#include "core/status.h"

namespace gw::clients::gemini {

/// The estimate for a countTokens body; a 400 naming `contents` when it has none.
Outcome<int64_t> estimateTotalTokens(JsonRef body);

}  // namespace gw::clients::gemini
