#pragma once
// The OpenAI dialect's stream translator (OpenAI, Azure and the OpenAI-compatible
// family): upstream `chat.completion.chunk` / `text_completion` SSE events to
// unified chunks.
#include <memory>

#include "providers/provider.h"
#include "stream/chunk_translator.h"

namespace gw::providers {

/// A translator for one streamed OpenAI-dialect response (chat or completions).
std::unique_ptr<stream::ChunkTranslator> openOpenAIStream(const TranslateContext& ctx);

}  // namespace gw::providers
