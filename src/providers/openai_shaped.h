#pragma once
// Response mapping for vendors whose responses are OpenAI-shaped but whose
// requests are not plain OpenAI (Mistral, TogetherAI): chat, completions and
// embeddings bodies -> unified responses. Tool calls are normalised to
// {id, type: "function", function: {name, arguments: <string>}}.
#include "providers/provider.h"

namespace gw::providers::shaped {

/// Which model name a response reports.
enum class ModelName { Upstream, Configured };

/// `choices[i].message` -> unified chat response.
Json chatResponse(const TranslateContext& ctx, const Json& response, ModelName model);
/// A chat-shaped response answering a completions request: text =
/// `message.content` (or `text`), id/created kept.
Json completionsFromChat(const TranslateContext& ctx, const Json& response);
/// A `/completions` response: text = `choices[i].text`.
Json completionsResponse(const TranslateContext& ctx, const Json& response);
/// `data[i].embedding` with the upstream `index` -> unified embeddings response
/// (model = the configured name).
Json embeddingsResponse(const TranslateContext& ctx, const Json& response);

}  // namespace gw::providers::shaped
