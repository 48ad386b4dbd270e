#include "clients/responses/request.h"

#include <algorithm>
#include <string>

#include "clients/field_checks.h"
#include "clients/responses/input_items.h"

namespace gw::clients::responses {
namespace {

Status sampling(const Json& body, Json& out) {
  if (!absent(body, "max_output_tokens")) {
    GW_TRY(out["max_tokens"], integerAtLeast(body["max_output_tokens"], 1, "max_output_tokens"));
  }
  if (!absent(body, "temperature")) {
    GW_CHECK(numberIn(body["temperature"], 0, 2, "temperature"));
    out["temperature"] = body["temperature"];
  }
  if (!absent(body, "top_p")) {
    GW_CHECK(numberIn(body["top_p"], 0, 1, "top_p"));
    out["top_p"] = body["top_p"];
  }
  for (const char* key : {"user", "service_tier"}) {
    GW_TRY(std::string value, optionalString(body, key, ""));
    if (!value.empty()) out[key] = std::move(value);
  }
  GW_TRY(std::string safety, optionalString(body, "safety_identifier", ""));
  if (!safety.empty() && !out.contains("user")) out["user"] = std::move(safety);
  if (!absent(body, "parallel_tool_calls")) {
    GW_TRY(out["parallel_tool_calls"], optionalBool(body, "parallel_tool_calls", ""));
  }
  return Status{};
}

Status reasoning(const Json& body, Json& out) {
  if (absent(body, "reasoning")) return Status{};
  const Json& r = body["reasoning"];
  if (!r.is_object()) return fieldError("reasoning", "Input should be a valid dictionary");
  GW_CHECK(onlyKeys(r, {"effort", "summary", "generate_summary"}, "reasoning"));
  GW_TRY(std::string effort, optionalString(r, "effort", "reasoning"));
  if (!effort.empty()) out["reasoning_effort"] = std::move(effort);
  return Status{};
}

Status textFormat(const Json& body, Json& out) {
  if (absent(body, "text")) return Status{};
  const Json& text = body["text"];
  if (!text.is_object()) return fieldError("text", "Input should be a valid dictionary");
  GW_CHECK(onlyKeys(text, {"format", "verbosity"}, "text"));
  GW_TRY(std::string verbosity, optionalString(text, "verbosity", "text"));
  if (!verbosity.empty()) out["verbosity"] = std::move(verbosity);
  if (absent(text, "format")) return Status{};
  const Json& format = text["format"];
  if (!format.is_object()) return fieldError("text.format", "Input should be a valid dictionary");
  GW_TRY(std::string type, requiredString(format, "type", "text.format"));
  if (type == "text") return onlyKeys(format, {"type"}, "text.format");
  if (type == "json_object") {
    GW_CHECK(onlyKeys(format, {"type"}, "text.format"));
    out["response_format"] = Json{{"type", "json_object"}};
    return Status{};
  }
  if (type != "json_schema") return fieldError("text.format.type", "Input should be 'text', 'json_object' or 'json_schema'");
  GW_CHECK(onlyKeys(format, {"type", "name", "schema", "strict", "description"}, "text.format"));
  Json schema{{"name", Json()}};
  GW_TRY(schema["name"], requiredString(format, "name", "text.format"));
  const Json* s = findMember(format, "schema");
  if (!s || !s->is_object()) return fieldError("text.format.schema", "Input should be a valid dictionary");
  schema["schema"] = *s;
  if (!absent(format, "strict")) {
    GW_TRY(schema["strict"], optionalBool(format, "strict", "text.format"));
  }
  if (!absent(format, "description")) {
    GW_TRY(schema["description"], requiredString(format, "description", "text.format"));
  }
  out["response_format"] = Json{{"type", "json_schema"}, {"json_schema", std::move(schema)}};
  return Status{};
}

Outcome<Json> functionTool(const Json& tool, const std::string& where) {
  if (!tool.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_TRY(std::string type, requiredString(tool, "type", where));
  if (type != "function") return untranslatable(pathAt(where, "type"), "the '" + type + "' tool");
  GW_CHECK(onlyKeys(tool, {"type", "name", "description", "parameters", "strict"}, where));
  Json function{{"name", Json()}};
  GW_TRY(function["name"], requiredString(tool, "name", where));
  if (!absent(tool, "description")) {
    GW_TRY(function["description"], requiredString(tool, "description", where));
  }
  if (!absent(tool, "parameters")) {
    if (!tool["parameters"].is_object()) return fieldError(pathAt(where, "parameters"), "Input should be a valid dictionary");
    function["parameters"] = tool["parameters"];
  }
  if (!absent(tool, "strict")) {
    GW_TRY(function["strict"], optionalBool(tool, "strict", where));
  }
  return Json{{"type", "function"}, {"function", std::move(function)}};
}

Status tools(const Json& body, Json& out) {
  if (absent(body, "tools")) return Status{};
  const Json& list = body["tools"];
  if (!list.is_array()) return fieldError("tools", "Input should be a valid list");
  Json translated = Json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    GW_TRY(Json tool, functionTool(list[i], indexPath("tools", i)));
    translated.push_back(std::move(tool));
  }
  if (!translated.empty()) out["tools"] = std::move(translated);
  return Status{};
}

// {type: allowed_tools, mode, tools: [{type: function, name}]}: the tools narrowed to those.
Status allowedTools(const Json& choice, Json& out) {
  GW_CHECK(onlyKeys(choice, {"type", "mode", "tools"}, "tool_choice"));
  GW_TRY(std::string mode, requiredString(choice, "mode", "tool_choice"));
  if (mode != "auto" && mode != "required") return fieldError("tool_choice.mode", "Input should be 'auto' or 'required'");
  const Json* allowed = findMember(choice, "tools");
  if (!allowed || !allowed->is_array()) return fieldError("tool_choice.tools", "Input should be a valid list");
  Json kept = Json::array();
  for (size_t i = 0; i < allowed->size(); ++i) {
    const std::string name = stringMember((*allowed)[i], "name");
    auto found = std::find_if(out["tools"].begin(), out["tools"].end(),
                              [&](const Json& t) { return t["function"]["name"] == name; });
    if (found == out["tools"].end()) {
      return fieldError(indexPath("tool_choice.tools", i), "No function tool is named '" + name + "'");
    }
    kept.push_back(*found);
  }
  out["tools"] = std::move(kept);
  out["tool_choice"] = mode;
  return Status{};
}

Status toolChoice(const Json& body, Json& out) {
  if (absent(body, "tool_choice")) return Status{};
  const Json& choice = body["tool_choice"];
  if (choice.is_string()) {
    const std::string& mode = choice.get_ref<const std::string&>();
    if (mode != "auto" && mode != "none" && mode != "required") {
      return fieldError("tool_choice", "Input should be 'auto', 'none' or 'required'");
    }
    if (out.contains("tools")) out["tool_choice"] = mode;
    else if (mode == "required") return fieldError("tool_choice", "tool_choice 'required' needs tools");
    return Status{};
  }
  if (!choice.is_object()) return fieldError("tool_choice", "Input should be a valid string or dictionary");
  GW_TRY(std::string type, requiredString(choice, "type", "tool_choice"));
  if (!out.contains("tools") && (type == "function" || type == "allowed_tools")) {
    return fieldError("tool_choice", "tool_choice '" + type + "' needs function tools");
  }
  if (type == "allowed_tools") return allowedTools(choice, out);
  if (type != "function") return untranslatable("tool_choice.type", "the '" + type + "' tool");
  GW_CHECK(onlyKeys(choice, {"type", "name"}, "tool_choice"));
  GW_TRY(std::string name, requiredString(choice, "name", "tool_choice"));
  out["tool_choice"] = Json{{"type", "function"}, {"function", Json{{"name", std::move(name)}}}};
  return Status{};
}

// Fields that only matter to a store, a background run or OpenAI's own features.
Status gatewayConcerns(const Json& body) {
  for (const char* key : {"previous_response_id", "conversation", "prompt"}) {
    if (!absent(body, key)) {
      return fieldError(key, "Stored responses and conversations are not kept by this gateway yet; send "
                             "the whole conversation in `input`");
    }
  }
  GW_TRY(bool background, optionalBool(body, "background", ""));
  if (background) return untranslatable("background", "a background response");
  GW_TRY(std::string truncation, optionalString(body, "truncation", ""));
  if (!truncation.empty() && truncation != "disabled") return untranslatable("truncation", "truncation 'auto'");
  if (!absent(body, "top_logprobs") && body["top_logprobs"] != 0) return untranslatable("top_logprobs", "log probabilities");
  if (!absent(body, "max_tool_calls")) return untranslatable("max_tool_calls", "a cap on built-in tool calls");
  if (absent(body, "include")) return Status{};
  const Json& include = body["include"];
  if (!include.is_array()) return fieldError("include", "Input should be a valid list");
  for (size_t i = 0; i < include.size(); ++i) {
    if (include[i] != "reasoning.encrypted_content") {
      return untranslatable(indexPath("include", i), "including " + include[i].dump());
    }
  }
  return Status{};
}

}  // namespace

Outcome<Json> toChatRequest(const Json& body) {
  if (!body.is_object()) return fieldError("", "The request body must be a JSON object");
  GW_CHECK(onlyKeys(body, {"model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls",
                           "text", "max_output_tokens", "temperature", "top_p", "reasoning", "metadata", "user",
                           "stream", "stream_options", "store", "include", "previous_response_id", "truncation",
                           "service_tier", "prompt_cache_key", "safety_identifier", "client_metadata",
                           "background", "conversation", "max_tool_calls", "prompt", "top_logprobs"},
                    ""));
  GW_CHECK(gatewayConcerns(body));
  Json out = Json::object();
  GW_TRY(out["model"], requiredString(body, "model", ""));
  GW_TRY(out["messages"], chatMessages(body));
  GW_CHECK(sampling(body, out));
  GW_CHECK(reasoning(body, out));
  GW_CHECK(textFormat(body, out));
  GW_CHECK(tools(body, out));
  GW_CHECK(toolChoice(body, out));
  GW_TRY(bool stream, optionalBool(body, "stream", ""));
  if (stream) {
    out["stream"] = true;
    out["stream_options"] = Json{{"include_usage", true}};
  }
  GW_TRY(bool store, optionalBool(body, "store", "", true));
  (void)store;  // accepted; nothing is stored yet (the answer says store: false)
  return out;
}

}  // namespace gw::clients::responses
