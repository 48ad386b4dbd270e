#include "clients/responses/response.h"

#include <string>

#include "clients/responses/mapping.h"
#include "clients/unified_answer.h"

namespace gw::clients::responses {
namespace {

const Json& firstChoice(const Json& unified) {
  static const Json kNone = Json::object();
  const Json* choices = findMember(unified, "choices");
  return choices && choices->is_array() && !choices->empty() ? choices->front() : kNone;
}

std::string messageItem(const std::string& id, std::string_view text, std::string_view status) {
  return R"({"id":)" + jsonString(id) + R"(,"type":"message","status":)" + jsonString(status) +
         R"(,"role":"assistant","content":[)" + outputTextPart(text) + "]}";
}

std::string functionCallItem(const std::string& id, const Json& call) {
  Json function = memberOr(call, "function", Json::object());
  Json arguments = memberOr(function, "arguments", "");
  return R"({"id":)" + jsonString(id) + R"(,"type":"function_call","status":"completed","arguments":)" +
         jsonString(arguments.is_string() ? arguments.get<std::string>() : dumpJson(arguments)) + R"(,"call_id":)" +
         jsonString(stringMember(call, "id")) + R"(,"name":)" + jsonString(stringMember(function, "name")) + "}";
}

}  // namespace

Outcome<std::string> fromChatResponse(const Json& unified, std::string_view requestedModel) {
  if (!unified.is_object()) return makeError(ErrorCode::BadGateway, "The provider's answer is not a chat completion.");
  ResponseFields f;
  f.id = responseId(findMember(unified, "id"), dumpJson(unified));
  const Json& choice = firstChoice(unified);
  const Json message = memberOr(choice, "message", Json::object());
  const Json finish = memberOr(choice, "finish_reason", Json());
  GW_TRY(std::vector<std::string> texts, answerTexts(memberOr(message, "content", Json()), "Responses output part"));
  std::string text;
  for (const std::string& t : texts) text += t;
  text += stringMember(message, "refusal");
  f.model = stringMember(unified, "model");
  if (f.model.empty()) f.model = std::string(requestedModel);
  const Json* created = findMember(unified, "created");
  f.createdAt = created && created->is_number_integer() ? created->get<int64_t>() : 0;
  f.status = statusOf(finish);
  std::vector<std::string> items;
  if (!text.empty()) items.push_back(messageItem(itemId("msg", f.id, 0), text, f.status));
  const Json calls = memberOr(message, "tool_calls", Json::array());
  for (size_t i = 0; calls.is_array() && i < calls.size(); ++i) {
    items.push_back(functionCallItem(itemId("fc", f.id, items.size()), calls[i]));
  }
  f.output = "[";
  for (size_t i = 0; i < items.size(); ++i) f.output.append(i ? "," : "").append(items[i]);
  f.output += "]";
  f.incompleteDetails = dumpJson(incompleteDetails(finish));
  f.usage = dumpJson(usageOf(memberOr(unified, "usage", Json())));
  return responseText(f);
}

}  // namespace gw::clients::responses
