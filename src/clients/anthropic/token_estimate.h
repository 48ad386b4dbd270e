#pragma once
// The documented estimate `/v1/messages/count_tokens` answers with when the
// endpoint's provider has no token-counting API (docs/DIALECTS.md):
//
//   input_tokens = ceil(characters / 4)      over every string of `system`, `messages`
//                                            and `tools` (keys and values; Unicode
//                                            code points, not bytes)
//                + 3 per message             (role and turn framing)
//                + 1600 per image            (Anthropic's cost of a ~1.15 megapixel
//                                            image, its largest unscaled size; the
//                                            image data itself is not counted)
//
// About 4 characters per token is what Anthropic's and OpenAI's tokenizers average on
// English text; code and non-Latin scripts count higher, so this errs on both sides.
// An estimate, never a fake 0: clients such as Claude Code show it to the user.
#include <cstdint>

#include "core/json_tape.h"
#include "core/status.h"

namespace gw::clients::anthropic {

/// The estimate for a count_tokens body; a 400 naming `messages` when it is not an array.
Outcome<int64_t> estimateInputTokens(JsonRef body);

}  // namespace gw::clients::anthropic
