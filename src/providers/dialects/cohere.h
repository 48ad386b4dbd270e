#pragma once
// Cohere v1 API: /generate (completions), /chat, /embed; streams are
// newline-delimited JSON.
#include <memory>

#include "providers/provider.h"
#include "stream/chunk_translator.h"

namespace gw::providers {

/// The Cohere dialect's translator functions.
const DialectOps& cohereOps();

namespace cohere {

/// Cohere `finish_reason` (COMPLETE, MAX_TOKENS, ...) -> unified finish_reason.
Json finishReason(const Json& reason);
/// Usage from a chat response's `token_count`, else its `meta.billed_units`.
Json usage(const Json& response);

/// The stream translator (NDJSON events -> unified chunks).
std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx);

}  // namespace cohere
}  // namespace gw::providers
