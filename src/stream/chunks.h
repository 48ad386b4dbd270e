#pragma once
// Builders for the unified stream chunks (MLflow 2.10+ / OpenAI wire shape), so
// that every dialect's ChunkTranslator emits the same field order and nulls.
//
//   chat:        {id, object: "chat.completion.chunk", created, model,
//                 choices: [{index, finish_reason, delta: {role, content, tool_calls}}],
//                 usage | null, provider}
//   completions: {id, object: "text_completion_chunk", created, model,
//                 choices: [{index, finish_reason, text}], usage | null}
#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "stream/chunk_translator.h"

namespace gw::stream {

/// `{"index", "finish_reason", "delta": {"role", "content", "tool_calls"}}`; a
/// non-null `refusal` is added to the delta (never dropped).
Json chatDeltaChoice(int64_t index, Json role, Json content, Json toolCalls, Json finishReason,
                     Json refusal = nullptr);

/// The chat chunk envelope; `usage` is null on every chunk but the last.
Json chatChunk(Json id, int64_t created, Json model, Json choices, Json usage,
               std::string_view provider);

/// `{"index", "finish_reason", "text"}`.
Json completionsChoice(int64_t index, Json text, Json finishReason);

/// The completions chunk envelope (no `provider`, as in MLflow).
Json completionsChunk(Json id, int64_t created, Json model, Json choices, Json usage);

/// Parses an event's data as JSON, or a BadGateway error naming the problem.
Outcome<Json> parseEventJson(const Event& event);

/// Whether the event's data is empty or only whitespace (keep-alive events).
bool isBlankEvent(const Event& event);

}  // namespace gw::stream
