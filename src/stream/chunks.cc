#include "stream/chunks.h"

namespace gw::stream {

Json chatDeltaChoice(int64_t index, Json role, Json content, Json toolCalls, Json finishReason,
                     Json refusal) {
  Json delta = {{"role", std::move(role)},
                {"content", std::move(content)},
                {"tool_calls", std::move(toolCalls)}};
  if (!refusal.is_null()) delta["refusal"] = std::move(refusal);
  return Json{{"index", index}, {"finish_reason", std::move(finishReason)},
              {"delta", std::move(delta)}};
}

Json chatChunk(Json id, int64_t created, Json model, Json choices, Json usage,
               std::string_view provider) {
  return Json{{"id", std::move(id)},
              {"object", "chat.completion.chunk"},
              {"created", created},
              {"model", std::move(model)},
              {"choices", std::move(choices)},
              {"usage", std::move(usage)},
              {"provider", provider}};
}

Json completionsChoice(int64_t index, Json text, Json finishReason) {
  return Json{{"index", index}, {"finish_reason", std::move(finishReason)},
              {"text", std::move(text)}};
}

Json completionsChunk(Json id, int64_t created, Json model, Json choices, Json usage) {
  return Json{{"id", std::move(id)},
              {"object", "text_completion_chunk"},
              {"created", created},
              {"model", std::move(model)},
              {"choices", std::move(choices)},
              {"usage", std::move(usage)}};
}

Outcome<Json> parseEventJson(const Event& event) {
  Json parsed = parseJson(event.data);
  if (!parsed.is_discarded()) return parsed;
  return makeError(ErrorCode::BadGateway, "The upstream stream sent an event that is not valid "
                                          "JSON: " + describeJsonError(event.data));
}

bool isBlankEvent(const Event& event) {
  return event.data.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace gw::stream
