#include "clients/anthropic/response.h"

#include <string>

#include "clients/anthropic/mapping.h"
#include "clients/unified_answer.h"

namespace gw::clients::anthropic {
namespace {

Json textBlock(const Json& text) { return Json{{"type", "text"}, {"text", text}}; }

Status appendText(const Json& content, Json& blocks) {
  GW_TRY(std::vector<std::string> texts, answerTexts(content, "Anthropic block"));
  for (std::string& text : texts) blocks.push_back(textBlock(std::move(text)));
  return Status{};
}

void appendToolUses(const Json& calls, const std::string& messageId, Json& blocks) {
  if (!calls.is_array()) return;
  for (size_t i = 0; i < calls.size(); ++i) {
    const Json& call = calls[i];
    Json function = memberOr(call, "function", Json::object());
    blocks.push_back(Json{{"type", "tool_use"},
                          {"id", toolUseId(findMember(call, "id"), messageId, i)},
                          {"name", stringMember(function, "name")},
                          {"input", argumentsObject(memberOr(function, "arguments", Json()))}});
  }
}

const Json& firstChoice(const Json& unified) {
  static const Json kNone = Json::object();
  const Json* choices = findMember(unified, "choices");
  return choices && choices->is_array() && !choices->empty() ? choices->front() : kNone;
}

}  // namespace

Outcome<Json> fromChatResponse(const Json& unified, std::string_view requestedModel) {
  if (!unified.is_object()) {
    return makeError(ErrorCode::BadGateway, "The provider's answer is not a chat completion.");
  }
  const std::string id = messageId(findMember(unified, "id"), dumpJson(unified));
  const Json& choice = firstChoice(unified);
  Json message = memberOr(choice, "message", Json::object());
  Json content = Json::array();
  GW_CHECK(appendText(memberOr(message, "content", Json()), content));
  Json refusal = memberOr(message, "refusal", "");
  bool refused = refusal.is_string() && !refusal.get_ref<const std::string&>().empty();
  if (refused) content.push_back(textBlock(refusal));
  size_t textBlocks = content.size();
  appendToolUses(memberOr(message, "tool_calls", Json()), id, content);
  std::string stop(stopReason(memberOr(choice, "finish_reason", Json()), content.size() > textBlocks,
                              refused));
  std::string model = stringMember(unified, "model");
  return Json{{"id", id},
              {"type", "message"},
              {"role", "assistant"},
              {"model", model.empty() ? std::string(requestedModel) : model},
              {"content", std::move(content)},
              {"stop_reason", std::move(stop)},
              {"stop_sequence", nullptr},
              {"usage", usageJson(readUsage(memberOr(unified, "usage", Json::object())))}};
}

}  // namespace gw::clients::anthropic
