#include "providers/unified_chunks.h"

namespace gw::providers {

Json chatDelta(Json role, Json content, Json toolCalls) {
  return Json{{"role", std::move(role)},
              {"content", std::move(content)},
              {"tool_calls", std::move(toolCalls)}};
}

Json chatStreamChoice(size_t index, Json delta, Json finishReason) {
  return Json{{"index", index},
              {"finish_reason", std::move(finishReason)},
              {"delta", std::move(delta)}};
}

Json chatChunk(const ChunkHeader& header, Json choices, Json usage) {
  return Json{{"id", header.id},
              {"object", "chat.completion.chunk"},
              {"created", header.created},
              {"model", header.model},
              {"choices", std::move(choices)},
              {"usage", std::move(usage)},
              {"provider", header.provider}};
}

Json toolCallDelta(size_t index, Json id, Json name, Json arguments) {
  Json type = id.is_null() ? Json(nullptr) : Json("function");
  return Json{{"index", index},
              {"id", std::move(id)},
              {"type", std::move(type)},
              {"function", Json{{"name", std::move(name)}, {"arguments", std::move(arguments)}}}};
}

Json completionStreamChoice(size_t index, Json text, Json finishReason) {
  return Json{{"index", index}, {"finish_reason", std::move(finishReason)}, {"text", std::move(text)}};
}

Json completionChunk(const ChunkHeader& header, Json choices, Json usage) {
  return Json{{"id", header.id},
              {"object", "text_completion_chunk"},
              {"created", header.created},
              {"model", header.model},
              {"choices", std::move(choices)},
              {"usage", std::move(usage)}};
}

}  // namespace gw::providers
