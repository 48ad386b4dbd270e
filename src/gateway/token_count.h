#pragma once
// A client dialect's token count (`POST /v1/messages/count_tokens`, Gemini's
// `:countTokens`) off its native lane (gateway/native_lane.h counts natively):
//   * the endpoint's provider has a counting API (providers::TokenCounter: Gemini,
//     Anthropic): the body is translated like a chat request and counted there
//     (Lane::TranslatedCount), answered as `x-gateway-token-count: provider`;
//   * otherwise the documented estimate (clients/token_estimate.h), no upstream call,
//     `x-gateway-token-count: estimate`. Never a fake 0.
// Either way the answer is the client's: `{"input_tokens": N}` (Anthropic),
// `{"totalTokens": N}` (Gemini) or `{"object": "response.input_tokens", "input_tokens": N}`
// (OpenAI Responses' `/v1/responses/input_tokens`).
#include <cstdint>
#include <string_view>

#include "core/json_tape.h"
#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "providers/provider.h"

namespace gw::gateway {

/// A count body as its dialect's chat translator takes it: an Anthropic body gets
/// `max_tokens: 1` when it has none (count bodies have none; nothing is generated), a
/// Gemini body in countTokens' `generateContentRequest` form is unwrapped.
Json countableBody(schema::Surface surface, Json body);

/// The estimate for `body`, or a 400 naming the bad field.
Step estimateTokenCount(const Attempt& attempt, JsonRef body);

/// The client's answer for the provider's 2xx count answer (its JSON body read by
/// `counter`), or the BadGateway failure when the body holds no count.
Outcome<Reply> providerCountReply(const providers::TokenCounter& counter, const Attempt& attempt,
                                  std::string_view answer);

}  // namespace gw::gateway
