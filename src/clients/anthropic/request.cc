#include "clients/anthropic/request.h"

#include <string>

#include "clients/anthropic/content.h"
#include "clients/field_checks.h"

namespace gw::clients::anthropic {
namespace {

Outcome<Json> messages(const Json& body) {
  const Json* list = findMember(body, "messages");
  if (!list) return fieldError("messages", "Field required");
  if (!list->is_array()) return fieldError("messages", "Input should be a valid list");
  if (list->empty()) return fieldError("messages", "List should have at least 1 item");
  Json out = Json::array();
  if (const Json* system = findMember(body, "system"); system && !system->is_null()) {
    GW_TRY(Json message, systemMessage(*system));
    if (!message.is_null()) out.push_back(std::move(message));
  }
  for (size_t i = 0; i < list->size(); ++i) GW_CHECK(appendMessages((*list)[i], i, out));
  return out;
}

Status sampling(const Json& body, Json& out) {
  const Json* maxTokens = findMember(body, "max_tokens");
  if (!maxTokens) return fieldError("max_tokens", "Field required");
  GW_TRY(out["max_tokens"], integerAtLeast(*maxTokens, 1, "max_tokens"));
  for (const char* key : {"temperature", "top_p"}) {
    if (absent(body, key)) continue;
    GW_CHECK(numberIn(body[key], 0, 1, key));
    out[key] = body[key];
  }
  if (!absent(body, "top_k")) {
    GW_TRY(out["top_k"], integerAtLeast(body["top_k"], 1, "top_k"));
  }
  if (absent(body, "stop_sequences")) return Status{};
  const Json& stop = body["stop_sequences"];
  if (!stop.is_array()) return fieldError("stop_sequences", "Input should be a valid list");
  for (size_t i = 0; i < stop.size(); ++i) {
    if (!stop[i].is_string()) return fieldError(pathAt("stop_sequences", i), "Input should be a valid string");
  }
  if (!stop.empty()) out["stop"] = stop;
  return Status{};
}

Status streamAndUser(const Json& body, Json& out) {
  if (!absent(body, "stream")) {
    GW_TRY(bool stream, optionalBool(body, "stream", ""));
    out["stream"] = stream;
    if (stream) out["stream_options"] = Json{{"include_usage", true}};
  }
  if (absent(body, "metadata")) return Status{};
  const Json& metadata = body["metadata"];
  if (!metadata.is_object()) return fieldError("metadata", "Input should be a valid dictionary");
  GW_CHECK(onlyKeys(metadata, {"user_id"}, "metadata"));
  GW_TRY(std::string user, optionalString(metadata, "user_id", "metadata"));
  if (!absent(metadata, "user_id")) out["user"] = std::move(user);
  return Status{};
}

// Beta tool fields whose default value changes nothing.
Status toolDefaults(const Json& tool, const std::string& where) {
  GW_TRY(bool deferred, optionalBool(tool, "defer_loading", where));
  if (deferred) return untranslatable(pathAt(where, "defer_loading"), "deferred tool loading");
  const Json* callers = findMember(tool, "allowed_callers");
  if (callers && !callers->is_null() && *callers != Json::array({"direct"})) {
    return untranslatable(pathAt(where, "allowed_callers"), "callers other than 'direct'");
  }
  GW_TRY(bool eager, optionalBool(tool, "eager_input_streaming", where));
  (void)eager;  // a stream-granularity hint: the unified stream is as fine as the provider's
  return Status{};
}

Outcome<Json> functionTool(const Json& tool, const std::string& where) {
  if (!tool.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_TRY(std::string type, optionalString(tool, "type", where));
  if (!type.empty() && type != "custom") {
    return untranslatable(pathAt(where, "type"), "the server tool '" + type + "'");
  }
  GW_CHECK(onlyKeys(tool, {"type", "name", "description", "input_schema", "cache_control", "strict",
                           "eager_input_streaming", "defer_loading", "allowed_callers"},
                    where));
  GW_CHECK(toolDefaults(tool, where));
  Json function;
  GW_TRY(function["name"], requiredString(tool, "name", where));
  if (!absent(tool, "description")) {
    GW_TRY(function["description"], requiredString(tool, "description", where));
  }
  const Json* schema = findMember(tool, "input_schema");
  if (!schema) return fieldError(pathAt(where, "input_schema"), "Field required");
  if (!schema->is_object()) return fieldError(pathAt(where, "input_schema"), "Input should be a valid dictionary");
  function["parameters"] = *schema;
  if (!absent(tool, "strict")) {
    GW_TRY(function["strict"], optionalBool(tool, "strict", where));
  }
  return Json{{"type", "function"}, {"function", std::move(function)}};
}

Status tools(const Json& body, Json& out) {
  if (absent(body, "tools")) return Status{};
  const Json& list = body["tools"];
  if (!list.is_array()) return fieldError("tools", "Input should be a valid list");
  if (list.empty()) return Status{};  // OpenAI refuses an empty list; no tools means the same
  Json translated = Json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    GW_TRY(Json tool, functionTool(list[i], pathAt("tools", i)));
    translated.push_back(std::move(tool));
  }
  out["tools"] = std::move(translated);
  return Status{};
}

Status toolChoice(const Json& body, Json& out) {
  if (absent(body, "tool_choice")) return Status{};
  const Json& choice = body["tool_choice"];
  if (!choice.is_object()) return fieldError("tool_choice", "Input should be a valid dictionary");
  GW_TRY(std::string type, requiredString(choice, "type", "tool_choice"));
  GW_CHECK(onlyKeys(choice, {"type", "name", "disable_parallel_tool_use"}, "tool_choice"));
  GW_TRY(bool single, optionalBool(choice, "disable_parallel_tool_use", "tool_choice"));
  Json unified;
  if (type == "auto" || type == "none") {
    unified = type;
  } else if (type == "any") {
    unified = "required";
  } else if (type == "tool") {
    GW_TRY(std::string name, requiredString(choice, "name", "tool_choice"));
    unified = Json{{"type", "function"}, {"function", Json{{"name", std::move(name)}}}};
  } else {
    return fieldError("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
  }
  if (!out.contains("tools")) {
    if (unified.is_string() && unified != "required") return Status{};
    return fieldError("tool_choice", "tool_choice '" + type + "' requires tools");
  }
  out["tool_choice"] = std::move(unified);
  if (single) out["parallel_tool_calls"] = false;
  return Status{};
}

Status thinking(const Json& body) {
  if (absent(body, "thinking")) return Status{};
  const Json& t = body["thinking"];
  if (!t.is_object()) return fieldError("thinking", "Input should be a valid dictionary");
  if (stringMember(t, "type") == "disabled") return onlyKeys(t, {"type"}, "thinking");
  return untranslatable("thinking", "extended thinking");
}

}  // namespace

Outcome<Json> toChatRequest(const Json& body) {
  if (!body.is_object()) return fieldError("", "The request body must be a JSON object");
  GW_CHECK(onlyKeys(body, {"model", "max_tokens", "messages", "system", "temperature", "top_p",
                           "top_k", "stop_sequences", "stream", "metadata", "tools", "tool_choice",
                           "thinking", "cache_control"},
                    ""));
  Json out = Json::object();
  GW_TRY(out["model"], requiredString(body, "model", ""));
  GW_TRY(out["messages"], messages(body));
  GW_CHECK(sampling(body, out));
  GW_CHECK(streamAndUser(body, out));
  GW_CHECK(tools(body, out));
  GW_CHECK(toolChoice(body, out));
  GW_CHECK(thinking(body));
  return out;
}

}  // namespace gw::clients::anthropic
