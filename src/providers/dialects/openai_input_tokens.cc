#include "providers/dialects/openai_input_tokens.h"

#include <string>

namespace gw::providers {
namespace {

Status unsupportedPart(size_t message, size_t part, const std::string& type) {
  return makeError(ErrorCode::BadRequest,
                   "messages[" + std::to_string(message) + "].content[" + std::to_string(part) +
                       "]: a '" + type + "' part cannot be counted by OpenAI's input_tokens.",
                   "messages");
}

Outcome<Json> contentItems(const Json& content, size_t index) {
  Json items = Json::array();
  for (size_t i = 0; i < content.size(); ++i) {
    const Json& part = content[i];
    const std::string type = stringMember(part, "type");
    if (type == "text") {
      items.push_back(Json{{"type", "input_text"}, {"text", memberOr(part, "text", "")}});
    } else if (type == "image_url") {
      Json image = memberOr(part, "image_url", Json::object());
      Json item{{"type", "input_image"}, {"image_url", memberOr(image, "url", "")}};
      if (const Json* detail = findMember(image, "detail"); detail && detail->is_string()) item["detail"] = *detail;
      items.push_back(std::move(item));
    } else {
      return unsupportedPart(index, i, type);
    }
  }
  return items;
}

Status appendMessage(const Json& message, size_t index, Json& input) {
  const std::string role = stringMember(message, "role");
  const Json content = memberOr(message, "content", Json());
  if (role == "tool") {
    input.push_back(Json{{"type", "function_call_output"},
                         {"call_id", memberOr(message, "tool_call_id", "")},
                         {"output", content.is_string() ? content : Json(dumpJson(content))}});
    return Status{};
  }
  if (content.is_string()) {
    input.push_back(Json{{"role", role}, {"content", content}});
  } else if (content.is_array()) {
    GW_TRY(Json items, contentItems(content, index));
    input.push_back(Json{{"role", role}, {"content", std::move(items)}});
  }
  const Json calls = memberOr(message, "tool_calls", Json());
  for (size_t i = 0; calls.is_array() && i < calls.size(); ++i) {
    Json function = memberOr(calls[i], "function", Json::object());
    input.push_back(Json{{"type", "function_call"},
                         {"call_id", memberOr(calls[i], "id", "")},
                         {"name", memberOr(function, "name", "")},
                         {"arguments", memberOr(function, "arguments", "{}")}});
  }
  return Status{};
}

Json responsesTools(const Json& tools) {
  Json out = Json::array();
  for (const Json& tool : tools) {
    Json function = memberOr(tool, "function", Json::object());
    Json flat{{"type", "function"}, {"name", memberOr(function, "name", "")}};
    for (const char* key : {"description", "parameters", "strict"}) {
      if (const Json* v = findMember(function, key); v && !v->is_null()) flat[key] = *v;
    }
    out.push_back(std::move(flat));
  }
  return out;
}

Json responsesToolChoice(const Json& choice) {
  if (!choice.is_object()) return choice;
  return Json{{"type", "function"}, {"name", memberOr(memberOr(choice, "function", Json::object()), "name", "")}};
}

}  // namespace

Outcome<Json> inputTokensBody(const Json& unified, std::string_view model) {
  Json input = Json::array();
  const Json messages = memberOr(unified, "messages", Json::array());
  for (size_t i = 0; messages.is_array() && i < messages.size(); ++i) {
    GW_CHECK(appendMessage(messages[i], i, input));
  }
  Json body{{"model", std::string(model)}, {"input", std::move(input)}};
  if (const Json* tools = findMember(unified, "tools"); tools && tools->is_array() && !tools->empty()) {
    body["tools"] = responsesTools(*tools);
  }
  if (const Json* choice = findMember(unified, "tool_choice"); choice && !choice->is_null()) {
    body["tool_choice"] = responsesToolChoice(*choice);
  }
  if (const Json* parallel = findMember(unified, "parallel_tool_calls"); parallel && parallel->is_boolean()) {
    body["parallel_tool_calls"] = *parallel;
  }
  return body;
}

}  // namespace gw::providers
