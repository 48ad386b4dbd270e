#pragma once
// What a unified answer and a Gemini GenerateContentResponse share, for the response
// and the stream writer alike. API reference:
// https://ai.google.dev/api/generate-content#generatecontentresponse
#include <string>
#include <string_view>

#include "core/json.h"

namespace gw::clients::gemini {

/// `finishReason` for a unified `finish_reason`: stop, tool_calls, function_call and
/// null -> STOP (Gemini reports STOP for function calls too), length -> MAX_TOKENS,
/// content_filter -> SAFETY, anything else -> OTHER.
std::string_view finishReasonOf(const Json& finishReason);

/// `usageMetadata` for a unified `usage`: promptTokenCount = prompt_tokens,
/// candidatesTokenCount = completion_tokens - reasoning_tokens (Gemini counts thoughts
/// apart), thoughtsTokenCount = reasoning_tokens and cachedContentTokenCount =
/// prompt_tokens_details.cached_tokens (each only when > 0), totalTokenCount =
/// total_tokens, else prompt + completion. Null when `usage` is not an object.
Json usageMetadata(const Json& usage);

/// A `functionCall` part {name, args, id?} for a unified tool call's id, name and
/// arguments (args parsed: clients/unified_answer.h); no id when `id` is empty.
Json functionCallPart(std::string_view id, std::string_view name, const Json& arguments);

}  // namespace gw::clients::gemini
