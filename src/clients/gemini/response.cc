#include "clients/gemini/response.h"

#include <string>

#include "clients/gemini/mapping.h"
#include "clients/unified_answer.h"

namespace gw::clients::gemini {
namespace {

Json textPart(const Json& text) { return Json{{"text", text}}; }

Status appendText(const Json& content, Json& parts) {
  GW_TRY(std::vector<std::string> texts, answerTexts(content, "Gemini part"));
  for (std::string& text : texts) parts.push_back(textPart(std::move(text)));
  return Status{};
}

void appendFunctionCalls(const Json& calls, Json& parts) {
  if (!calls.is_array()) return;
  for (const Json& call : calls) {
    Json function = memberOr(call, "function", Json::object());
    parts.push_back(functionCallPart(stringMember(call, "id"), stringMember(function, "name"),
                                     memberOr(function, "arguments", Json())));
  }
}

Outcome<Json> candidate(const Json& choice, size_t position) {
  Json message = memberOr(choice, "message", Json::object());
  Json parts = Json::array();
  GW_CHECK(appendText(memberOr(message, "content", Json()), parts));
  Json refusal = memberOr(message, "refusal", "");
  if (refusal.is_string() && !refusal.get_ref<const std::string&>().empty()) parts.push_back(textPart(refusal));
  appendFunctionCalls(memberOr(message, "tool_calls", Json()), parts);
  if (parts.empty()) parts.push_back(textPart(""));
  Json index = memberOr(choice, "index", Json(position));
  return Json{{"content", Json{{"parts", std::move(parts)}, {"role", "model"}}},
              {"finishReason", std::string(finishReasonOf(memberOr(choice, "finish_reason", Json())))},
              {"index", index.is_number_integer() ? index : Json(position)}};
}

}  // namespace

Outcome<Json> fromChatResponse(const Json& unified, std::string_view requestedModel) {
  if (!unified.is_object()) {
    return makeError(ErrorCode::BadGateway, "The provider's answer is not a chat completion.");
  }
  Json candidates = Json::array();
  Json choices = memberOr(unified, "choices", Json::array());
  for (size_t i = 0; choices.is_array() && i < choices.size(); ++i) {
    GW_TRY(Json c, candidate(choices[i], i));
    candidates.push_back(std::move(c));
  }
  Json out{{"candidates", std::move(candidates)}};
  if (Json usage = usageMetadata(memberOr(unified, "usage", Json())); !usage.is_null()) {
    out["usageMetadata"] = std::move(usage);
  }
  std::string model = stringMember(unified, "model");
  out["modelVersion"] = model.empty() ? std::string(requestedModel) : model;
  if (std::string id = stringMember(unified, "id"); !id.empty()) out["responseId"] = std::move(id);
  return out;
}

}  // namespace gw::clients::gemini
