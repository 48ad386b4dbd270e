#pragma once
// What a unified answer and an Anthropic message share, for the response and the
// stream writer alike: ids, stop reasons, tool input and usage.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.h"

namespace gw::clients::anthropic {

/// A message id: prefixedId(upstream id, seed, "msg_") (clients/unified_answer.h).
std::string messageId(const Json* upstreamId, std::string_view seed);

/// A tool_use id: safeId(upstream id); without one, "toolu_" + the message id's
/// tail + "_" + `position` (stable for a given answer).
std::string toolUseId(const Json* upstreamId, std::string_view messageId, size_t position);

/// `stop_reason` for a unified `finish_reason`: length -> max_tokens,
/// content_filter -> refusal, tool_calls -> tool_use; stop, null and anything
/// else -> tool_use when the answer holds tool_use blocks (Gemini, for one,
/// reports "stop" for function calls), else refusal when it carried a refusal,
/// else end_turn.
std::string_view stopReason(const Json& finishReason, bool sawToolUse, bool sawRefusal);

/// Token counts in Anthropic's terms. `input` excludes the cache reads and writes
/// that OpenAI-style `prompt_tokens` include.
struct Usage {
  int64_t input = 0;
  int64_t output = 0;
  int64_t cacheCreation = 0;
  int64_t cacheRead = 0;
};

/// Reads a unified `usage`: cacheRead = prompt_tokens_details.cached_tokens,
/// cacheCreation = cache_creation_input_tokens (as the Anthropic dialect reports
/// it), input = max(prompt_tokens - cacheRead - cacheCreation, 0), output =
/// completion_tokens. Missing or non-integer counts are 0.
Usage readUsage(const Json& usage);

/// `{"input_tokens", "output_tokens"}` plus `cache_creation_input_tokens` and
/// `cache_read_input_tokens`, each only when > 0.
Json usageJson(const Usage& usage);

}  // namespace gw::clients::anthropic
