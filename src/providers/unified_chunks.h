#pragma once
// Builders for the unified stream chunks (reference §3.5) that the vendor
// stream translators emit:
//   chat:        {id, object: "chat.completion.chunk", created, model,
//                 choices: [{index, finish_reason, delta: {role, content, tool_calls}}],
//                 usage | null, provider}
//   completions: {id, object: "text_completion_chunk", created, model,
//                 choices: [{index, finish_reason, text}], usage | null}
#include <string>
#include <string_view>

#include "core/json.h"

namespace gw::providers {

/// The fields every chunk of one stream shares.
struct ChunkHeader {
  Json id;                    ///< upstream id (null when the vendor has none yet)
  int64_t created = 0;        ///< seconds
  Json model;                 ///< upstream model, else the configured name
  std::string provider;       ///< provider id, chat chunks only
};

/// `{role, content, tool_calls}`; pass null for what the chunk does not carry.
Json chatDelta(Json role, Json content, Json toolCalls);

/// One chat stream choice.
Json chatStreamChoice(size_t index, Json delta, Json finishReason);

/// A chat chunk; `usage` null except on the last chunk.
Json chatChunk(const ChunkHeader& header, Json choices, Json usage = nullptr);

/// One tool-call delta: {index, id, type, function: {name, arguments}};
/// `type` is "function" when the delta opens the call (has an id), else null.
Json toolCallDelta(size_t index, Json id, Json name, Json arguments);

/// One completions stream choice.
Json completionStreamChoice(size_t index, Json text, Json finishReason);

/// A completions chunk.
Json completionChunk(const ChunkHeader& header, Json choices, Json usage = nullptr);

}  // namespace gw::providers
