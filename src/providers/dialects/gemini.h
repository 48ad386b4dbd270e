#pragma once
// Google Gemini (Generative Language API): generateContent for chat and
// completions, streamGenerateContent?alt=sse for streams, embedContent /
// batchEmbedContents for embeddings. The body builders and response mappers
// are exposed for dialects that speak the same payloads (e.g. Vertex AI).
#include <memory>

#include "providers/provider.h"
#include "stream/chunk_translator.h"

namespace gw::providers {

/// The Gemini dialect's translator functions.
const DialectOps& geminiOps();

namespace gemini {

/// The native lane: a Gemini client's body as it came (gemini_native.cc).
std::span<const NativeLane> nativeLanes();

/// Unified chat request -> generateContent body.
Outcome<Json> chatBody(const Json& unified);
/// Unified completions request -> generateContent body (one user turn,
/// optional `system_prompt` -> system instruction).
Outcome<Json> completionsBody(const Json& unified);
/// Unified embeddings request -> embedContent (one input) or batchEmbedContents body.
Outcome<Json> embeddingsBody(const std::string& model, const Json& unified);

/// generateContent response -> unified chat / completions response.
Json chatResponse(const TranslateContext& ctx, const Json& response);
Json completionsResponse(const TranslateContext& ctx, const Json& response);
/// embedContent / batchEmbedContents response -> unified embeddings response.
Json embeddingsResponse(const TranslateContext& ctx, const Json& response);

/// Gemini `finishReason` -> unified finish_reason ("tool_calls" when the
/// candidate called functions); null stays null.
Json finishReason(const Json& reason, bool calledTools);
/// `usageMetadata` -> unified usage (cached and thinking tokens as details).
Json usage(const Json& usageMetadata);
/// The unified tool calls of a candidate's functionCall parts (ids synthesized
/// when Gemini sends none).
Json toolCalls(const Json& parts);
/// The text of a candidate's parts (thought parts excluded); null when none.
Json partsText(const Json& parts);

/// The stream translator (SSE `data:` GenerateContentResponse events).
std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx);

}  // namespace gemini
}  // namespace gw::providers
