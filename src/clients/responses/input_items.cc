#include "clients/responses/input_items.h"

#include <string>

#include "clients/field_checks.h"
#include "clients/unified_request.h"

namespace gw::clients::responses {
namespace {


Outcome<Json> imagePart(const Json& part, const std::string& where) {
  GW_CHECK(onlyKeys(part, {"type", "image_url", "detail", "file_id"}, where));
  if (!absent(part, "file_id")) return untranslatable(pathAt(where, "file_id"), "an image by file id");
  Json image{{"url", Json()}};
  GW_TRY(image["url"], requiredString(part, "image_url", where));
  GW_TRY(std::string detail, optionalString(part, "detail", where));
  if (!detail.empty()) image["detail"] = detail;
  return Json{{"type", "image_url"}, {"image_url", std::move(image)}};
}

Outcome<Json> contentPart(const Json& part, bool assistant, const std::string& where) {
  if (!part.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_TRY(std::string type, requiredString(part, "type", where));
  if (type == "input_text" || type == "output_text") {
    GW_CHECK(onlyKeys(part, {"type", "text", "annotations", "logprobs", "prompt_cache_breakpoint"}, where));
    GW_TRY(std::string text, requiredString(part, "text", where));
    return unifiedTextPart(text);
  }
  if (type == "refusal" && assistant) {
    GW_TRY(std::string refusal, requiredString(part, "refusal", where));
    return unifiedTextPart(refusal);
  }
  if (type == "input_image" && !assistant) return imagePart(part, where);
  return untranslatable(pathAt(where, "type"), "a '" + type + "' content part");
}

Outcome<std::string> roleOf(const Json& item, const std::string& where) {
  GW_TRY(std::string role, requiredString(item, "role", where));
  if (role == "developer") return std::string("system");
  if (role != "user" && role != "assistant" && role != "system") {
    return fieldError(pathAt(where, "role"), "Input should be 'user', 'assistant', 'system' or 'developer'");
  }
  return role;
}

Status appendMessage(const Json& item, const std::string& where, Json& out) {
  GW_CHECK(onlyKeys(item, {"type", "role", "content", "id", "status", "phase"}, where));
  GW_TRY(std::string role, roleOf(item, where));
  const Json* content = findMember(item, "content");
  if (!content) return fieldError(pathAt(where, "content"), "Field required");
  if (content->is_string()) {
    out.push_back(Json{{"role", role}, {"content", *content}});
    return Status{};
  }
  if (!content->is_array()) return fieldError(pathAt(where, "content"), "Input should be a valid string or list");
  Json parts = Json::array();
  for (size_t i = 0; i < content->size(); ++i) {
    GW_TRY(Json part, contentPart((*content)[i], role == "assistant", indexPath(pathAt(where, "content"), i)));
    parts.push_back(std::move(part));
  }
  out.push_back(Json{{"role", role}, {"content", unifiedContent(std::move(parts))}});
  return Status{};
}

Status appendFunctionCall(const Json& item, const std::string& where, Json& out) {
  GW_CHECK(onlyKeys(item, {"type", "call_id", "name", "arguments", "id", "status", "namespace"}, where));
  Json call{{"id", Json()}, {"type", "function"}, {"function", Json::object()}};
  GW_TRY(call["id"], requiredString(item, "call_id", where));
  GW_TRY(call["function"]["name"], requiredString(item, "name", where));
  GW_TRY(call["function"]["arguments"], requiredString(item, "arguments", where));
  const bool joinsTurn = !out.empty() && out.back()["role"] == "assistant";
  if (!joinsTurn) out.push_back(Json{{"role", "assistant"}, {"content", Json()}});
  Json& turn = out.back();
  if (!turn.contains("tool_calls")) turn["tool_calls"] = Json::array();
  turn["tool_calls"].push_back(std::move(call));
  return Status{};
}

Outcome<std::string> outputText(const Json& output, const std::string& where) {
  if (output.is_string()) return output.get<std::string>();
  if (!output.is_array()) return fieldError(where, "Input should be a valid string or list");
  std::string text;
  for (size_t i = 0; i < output.size(); ++i) {
    const std::string at = indexPath(where, i);
    if (stringMember(output[i], "type") != "input_text" && stringMember(output[i], "type") != "output_text") {
      return untranslatable(pathAt(at, "type"), "a '" + stringMember(output[i], "type") + "' tool output part");
    }
    GW_TRY(std::string part, requiredString(output[i], "text", at));
    text += part;
  }
  return text;
}

Status appendFunctionOutput(const Json& item, const std::string& where, Json& out) {
  GW_CHECK(onlyKeys(item, {"type", "call_id", "output", "id", "status", "name", "namespace"}, where));
  GW_TRY(std::string callId, requiredString(item, "call_id", where));
  const Json* output = findMember(item, "output");
  if (!output) return fieldError(pathAt(where, "output"), "Field required");
  GW_TRY(std::string text, outputText(*output, pathAt(where, "output")));
  out.push_back(Json{{"role", "tool"}, {"tool_call_id", std::move(callId)}, {"content", std::move(text)}});
  return Status{};
}

Status appendItem(const Json& item, size_t index, Json& out) {
  const std::string where = indexPath("input", index);
  if (!item.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_TRY(std::string type, optionalString(item, "type", where));
  if (type.empty() || type == "message") return appendMessage(item, where, out);
  if (type == "function_call") return appendFunctionCall(item, where, out);
  if (type == "function_call_output") return appendFunctionOutput(item, where, out);
  if (type == "item_reference") {
    return fieldError(pathAt(where, "type"), "Item references need stored responses, which this gateway "
                                             "does not keep yet; send the items themselves (store: false)");
  }
  return untranslatable(pathAt(where, "type"), "a '" + type + "' item");
}

}  // namespace

Outcome<Json> chatMessages(const Json& body) {
  Json out = Json::array();
  if (!absent(body, "instructions")) {
    GW_TRY(std::string instructions, requiredString(body, "instructions", ""));
    if (!instructions.empty()) out.push_back(Json{{"role", "system"}, {"content", std::move(instructions)}});
  }
  const Json* input = findMember(body, "input");
  if (!input || input->is_null()) return fieldError("input", "Field required");
  if (input->is_string()) {
    out.push_back(Json{{"role", "user"}, {"content", *input}});
    return out;
  }
  if (!input->is_array()) return fieldError("input", "Input should be a valid string or list");
  for (size_t i = 0; i < input->size(); ++i) GW_CHECK(appendItem((*input)[i], i, out));
  if (out.empty()) return fieldError("input", "List should have at least 1 item");
  return out;
}

}  // namespace gw::clients::responses
