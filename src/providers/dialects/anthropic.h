#pragma once
// Anthropic: Messages API for chat, the legacy Text Completions API for
// completions, Anthropic's event stream for chat streaming.
// The body builders and response mappers are exposed so that other dialects
// carrying Anthropic payloads (e.g. Bedrock InvokeModel for anthropic.*) can
// reuse them.
#include "providers/provider.h"
#include "stream/chunk_translator.h"

namespace gw::providers {

/// The Anthropic dialect's translator functions.
const DialectOps& anthropicOps();

namespace anthropic {

/// Unified chat request -> Messages API body (with `model`).
Outcome<Json> messagesBody(const TranslateContext& ctx, const Json& unified);
/// Unified completions request -> legacy `/complete` body (with `model`).
Outcome<Json> completeBody(const TranslateContext& ctx, const Json& unified);

/// Messages API response -> unified chat response.
Json chatResponse(const TranslateContext& ctx, const Json& message);
/// `/complete` response -> unified completions response.
Json completionsResponse(const TranslateContext& ctx, const Json& completion);

/// `stop_reason` -> unified `finish_reason`.
Json finishReason(const Json& stopReason);
/// Anthropic usage (input/output/cache tokens) -> unified usage.
Json usage(const Json& anthropicUsage);

/// The native lane: Anthropic Messages clients forwarded as they are (anthropic_native.cc).
std::span<const NativeLane> nativeLanes();

/// The chat stream translator (Anthropic SSE events -> unified chunks).
std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx);

}  // namespace anthropic
}  // namespace gw::providers
