#pragma once
// The parts of a Gemini request that qualify its tools and its filtering, translated
// after `tools` (request.h has the whole mapping):
//   toolConfig.functionCallingConfig -> tool_choice (and the tools narrowed to
//                                       allowedFunctionNames)
//   safetySettings                    -> checked only: a threshold that blocks is a 400
#include "core/status.h"

namespace gw::clients::gemini {

/// Translates `toolConfig` into `out` (a unified request that already has its `tools`).
Status toolConfig(const Json& body, Json& out);

/// Accepts safety settings that block nothing (BLOCK_NONE, OFF, unspecified); a 400
/// naming the threshold otherwise (no other provider runs Gemini's filters).
Status safetySettings(const Json& body);

}  // namespace gw::clients::gemini
