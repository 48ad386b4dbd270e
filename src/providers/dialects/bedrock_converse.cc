// Amazon Bedrock Converse: unified chat <-> Converse request/response.
// API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
//
// Request (MLflow 3.11's `_build_converse_kwargs`, plus what it drops or breaks):
//   * `system` (and `developer`) messages -> `system: [{text}]`;
//     `user` -> {role: user, content: [blocks]}; `assistant` -> text block plus
//     one `toolUse` {toolUseId, name, input} per `tool_calls` entry (MLflow drops
//     the tool calls, #24296); `tool` -> a user message with a `toolResult`
//     {toolUseId, content: [{text}]}. Consecutive messages of one role are merged
//     into one message (Converse requires alternating roles; MLflow sends them
//     apart, #23621). Other roles: 422 (MLflow treats them as user).
//   * content parts: `text` -> {text}; `image_url` with a `data:image/<fmt>;base64,`
//     URL -> {image: {format, source: {bytes}}} (MLflow drops non-text parts);
//     other parts, and image URLs that are not data URLs: 422 naming the part.
//   * `inferenceConfig`: temperature (unscaled, as MLflow), `top_p` -> topP,
//     `max_tokens` (else `max_completion_tokens`) -> maxTokens, `stop` -> stopSequences.
//   * `n`: must be 1 (MLflow drops it): 422. `top_k` -> additionalModelRequestFields.top_k
//     (MLflow drops it; models without top_k reject it upstream).
//     `frequency_penalty`, `presence_penalty` (dropped by MLflow): 422.
//   * `tools` -> toolConfig.tools[{toolSpec: {name, description?, inputSchema: {json}}}]
//     (no description when absent: Bedrock rejects MLflow's ""); `strict: true`: 422;
//     `tool_choice`: auto -> {auto: {}}, required -> {any: {}}, a function -> {tool: {name}},
//     none: 422 (Converse has no "none"; omit `tools` instead). MLflow ignores tool_choice.
//   * Converse's own keys pass through: additionalModelRequestFields,
//     additionalModelResponseFieldPaths, guardrailConfig, performanceConfig,
//     promptVariables, requestMetadata. `stream`/`stream_options` select the operation
//     (ConverseStream always reports usage). Any other key: 422 naming it (MLflow
//     drops unknown keys silently).
// Response: text blocks joined with "\n" (null when none), `toolUse` -> tool_calls
// (arguments = Python `json.dumps(input)`), stopReason tool_use -> tool_calls,
// max_tokens -> length, content_filtered and guardrail_intervened -> content_filter
// (MLflow: guardrail -> stop), else stop; usage from inputTokens/outputTokens/totalTokens;
// id null, model = the configured id, provider "bedrock". `reasoningContent` blocks
// have no place in the unified response and are not returned.
#include <algorithm>
#include <array>

#include "providers/dialects/bedrock.h"
#include "providers/dialects/python_json.h"
#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers::bedrock {
namespace {

using params::unprocessable;

constexpr std::array<std::string_view, 6> kPassThrough = {
    "additionalModelRequestFields", "additionalModelResponseFieldPaths", "guardrailConfig",
    "performanceConfig", "promptVariables", "requestMetadata"};
constexpr std::array<std::string_view, 12> kTranslated = {
    "messages", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "n",
    "top_k", "tools", "tool_choice", "stream", "stream_options"};

bool oneOf(std::string_view key, std::span<const std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

Status checkKeys(const Json& payload) {
  for (auto it = payload.begin(); it != payload.end(); ++it) {
    const std::string& key = it.key();
    if (oneOf(key, kPassThrough) || oneOf(key, kTranslated)) continue;
    if (key == "frequency_penalty" || key == "presence_penalty") {
      return unprocessable("Amazon Bedrock Converse does not support '" + key + "'.", key);
    }
    return unprocessable("The parameter '" + key + "' is not supported by Amazon Bedrock "
                         "Converse.", key);
  }
  const Json* n = findMember(payload, "n");
  if (n && !(n->is_number() && n->get<double>() == 1)) {
    return unprocessable("'n' must be '1' for Amazon Bedrock Converse. Received value: '" +
                             pythonJsonDumps(*n) + "'.", "n");
  }
  return Status{};
}

// data:image/png;base64,AAAA -> {"image": {"format": "png", "source": {"bytes": "AAAA"}}}
Outcome<Json> imageBlock(const Json& part, const std::string& where) {
  const Json* image = findMember(part, "image_url");
  std::string url = image ? stringMember(*image, "url") : std::string();
  constexpr std::string_view kPrefix = "data:image/";
  size_t marker = url.find(";base64,");
  if (!url.starts_with(kPrefix) || marker == std::string::npos) {
    return unprocessable("Amazon Bedrock Converse takes images as data:image/...;base64, URLs "
                         "only (" + where + ").", where);
  }
  std::string format = url.substr(kPrefix.size(), marker - kPrefix.size());
  if (format == "jpg") format = "jpeg";
  return Json{{"image", {{"format", format}, {"source", {{"bytes", url.substr(marker + 8)}}}}}};
}

Outcome<Json> contentBlocks(const Json& content, const std::string& where) {
  Json blocks = Json::array();
  if (content.is_string()) {
    blocks.push_back(Json{{"text", content}});
    return blocks;
  }
  if (!content.is_array()) return blocks;  // null: no text (e.g. an assistant tool call)
  for (size_t i = 0; i < content.size(); ++i) {
    const std::string partAt = where + "[" + std::to_string(i) + "]";
    std::string type = stringMember(content[i], "type");
    if (type == "text") {
      blocks.push_back(Json{{"text", memberOr(content[i], "text", "")}});
    } else if (type == "image_url") {
      GW_TRY(Json block, imageBlock(content[i], partAt));
      blocks.push_back(std::move(block));
    } else {
      return unprocessable("Amazon Bedrock Converse does not take '" + type + "' content (" +
                               partAt + ").", partAt);
    }
  }
  return blocks;
}

Outcome<Json> toolUseBlocks(const Json& message, const std::string& where) {
  Json blocks = Json::array();
  const Json* calls = findMember(message, "tool_calls");
  if (!calls || !calls->is_array()) return blocks;
  for (size_t i = 0; i < calls->size(); ++i) {
    const Json& call = (*calls)[i];
    const std::string callAt = where + ".tool_calls[" + std::to_string(i) + "]";
    GW_TRY(Json input, toolArguments(call, callAt));
    const Json* function = findMember(call, "function");
    blocks.push_back(Json{{"toolUse", {{"toolUseId", memberOr(call, "id", "")},
                                       {"name", function ? memberOr(*function, "name", "")
                                                         : Json("")},
                                       {"input", std::move(input)}}}});
  }
  return blocks;
}

Outcome<Json> messageBlocks(const Json& m, const std::string& role, const std::string& where) {
  const Json content = memberOr(m, "content", nullptr);
  GW_TRY(Json blocks, contentBlocks(content, where + ".content"));
  if (role == "assistant") {
    GW_TRY(Json uses, toolUseBlocks(m, where));
    for (Json& use : uses) blocks.push_back(std::move(use));
  } else if (role == "tool") {
    Json result = {{"toolUseId", memberOr(m, "tool_call_id", "")}, {"content", blocks}};
    blocks = Json::array({Json{{"toolResult", std::move(result)}}});
  }
  return blocks;
}

// Appends blocks as a message of `role`, merging with the previous one of that role.
void appendMessage(Json& messages, const std::string& role, Json blocks) {
  if (!messages.empty() && messages.back()["role"] == role) {
    for (Json& b : blocks) messages.back()["content"].push_back(std::move(b));
    return;
  }
  messages.push_back(Json{{"role", role}, {"content", std::move(blocks)}});
}

Status convertMessages(const Json& input, Json& system, Json& messages) {
  for (size_t i = 0; i < input.size(); ++i) {
    const std::string where = at("messages", i);
    std::string role = stringMember(input[i], "role");
    if (role != "system" && role != "developer" && role != "user" && role != "assistant" &&
        role != "tool") {
      return unprocessable("Amazon Bedrock Converse does not take the role '" + role + "' (" +
                               where + ".role).", where + ".role");
    }
    GW_TRY(Json blocks, messageBlocks(input[i], role, where));
    if (role == "system" || role == "developer") {
      for (Json& b : blocks) system.push_back(std::move(b));
    } else {
      appendMessage(messages, role == "assistant" ? "assistant" : "user", std::move(blocks));
    }
  }
  return Status{};
}

Json inferenceConfig(const Json& p) {
  Json config = Json::object();
  if (p.contains("temperature")) config["temperature"] = p["temperature"];
  if (p.contains("top_p")) config["topP"] = p["top_p"];
  if (p.contains("max_tokens")) config["maxTokens"] = p["max_tokens"];
  else if (p.contains("max_completion_tokens")) config["maxTokens"] = p["max_completion_tokens"];
  if (p.contains("stop")) config["stopSequences"] = p["stop"];
  return config;
}

Outcome<Json> toolSpec(const Json& tool, const std::string& where) {
  const Json* function = findMember(tool, "function");
  if (stringMember(tool, "type") != "function" || !function || !function->is_object()) {
    return unprocessable("Amazon Bedrock Converse supports only function tools (" + where + ").",
                         where);
  }
  if (const Json* strict = findMember(*function, "strict"); strict && strict->is_boolean() &&
                                                            strict->get<bool>()) {
    return unprocessable("Amazon Bedrock Converse has no strict tool schemas (" + where +
                             ".function.strict).", where + ".function.strict");
  }
  Json spec = {{"name", memberOr(*function, "name", "")}};
  if (const Json* d = findMember(*function, "description"); d && d->is_string()) spec["description"] = *d;
  Json schema = memberOr(*function, "parameters",
                               Json{{"type", "object"}, {"properties", Json::object()}});
  spec["inputSchema"] = Json{{"json", std::move(schema)}};
  return Json{{"toolSpec", std::move(spec)}};
}

Outcome<Json> toolChoice(const Json& choice) {
  if (choice == "auto") return Json{{"auto", Json::object()}};
  if (choice == "required") return Json{{"any", Json::object()}};
  const Json* function = findMember(choice, "function");
  if (function && findMember(*function, "name")) {
    return Json{{"tool", {{"name", (*function)["name"]}}}};
  }
  return unprocessable("Amazon Bedrock Converse has no tool_choice " + dumpJson(choice) +
                           "; omit 'tools' to disable tool use.", "tool_choice");
}

Outcome<Json> toolConfig(const Json& p) {
  const Json* tools = findMember(p, "tools");
  const Json* choice = findMember(p, "tool_choice");
  if (!tools) {
    if (choice) return unprocessable("'tool_choice' needs 'tools'.", "tool_choice");
    return Json(nullptr);
  }
  Json specs = Json::array();
  for (size_t i = 0; tools->is_array() && i < tools->size(); ++i) {
    GW_TRY(Json spec, toolSpec((*tools)[i], at("tools", i)));
    specs.push_back(std::move(spec));
  }
  Json config = {{"tools", std::move(specs)}};
  if (choice) {
    GW_TRY(Json c, toolChoice(*choice));
    config["toolChoice"] = std::move(c);
  }
  return config;
}

// top_k -> additionalModelRequestFields.top_k (merged with what the caller sent).
void addTopK(const Json& p, Json& body) {
  const Json* topK = findMember(p, "top_k");
  if (!topK) return;
  Json& extra = body["additionalModelRequestFields"];
  if (!extra.is_object()) extra = Json::object();
  extra["top_k"] = *topK;
}

}  // namespace

schema::Usage converseUsage(const Json* usage) {
  auto read = [usage](std::string_view key) -> std::optional<int64_t> {
    const Json* v = usage ? findMember(*usage, key) : nullptr;
    return v && v->is_number_integer() ? std::optional<int64_t>(v->get<int64_t>()) : std::nullopt;
  };
  return schema::Usage{read("inputTokens"), read("outputTokens"), read("totalTokens")};
}

Outcome<Json> converseRequest(const TranslateContext& /*ctx*/, const Json& unified) {
  const Json p = params::withoutNulls(unified);
  GW_CHECK(checkKeys(p));
  Json system = Json::array(), messages = Json::array();
  GW_CHECK(convertMessages(memberOr(p, "messages", Json::array()), system, messages));
  Json body = {{"messages", std::move(messages)}};
  if (!system.empty()) body["system"] = std::move(system);
  if (Json config = inferenceConfig(p); !config.empty()) body["inferenceConfig"] = std::move(config);
  GW_TRY(Json tools, toolConfig(p));
  if (!tools.is_null()) body["toolConfig"] = std::move(tools);
  for (std::string_view key : kPassThrough) {
    if (const Json* v = findMember(p, key)) body[std::string(key)] = *v;
  }
  addTopK(p, body);
  return body;
}

Json finishReasonOf(const Json& stopReason) {
  std::string reason = stopReason.is_string() ? stopReason.get<std::string>() : "end_turn";
  if (reason == "tool_use") return "tool_calls";
  if (reason == "max_tokens") return "length";
  if (reason == "content_filtered" || reason == "guardrail_intervened") return "content_filter";
  return "stop";
}

Outcome<Json> converseResponse(const TranslateContext& ctx, const Json& reply) {
  const Json* output = findMember(reply, "output");
  const Json* message = output ? findMember(*output, "message") : nullptr;
  const Json* content = message ? findMember(*message, "content") : nullptr;
  if (!content || !content->is_array()) {
    return makeError(ErrorCode::BadGateway,
                     "The Amazon Bedrock Converse response has no output.message.content list.");
  }
  std::string text;
  bool hasText = false;
  Json toolCalls = Json::array();
  for (const Json& block : *content) {
    if (const Json* t = findMember(block, "text"); t && t->is_string()) {
      text += (hasText ? "\n" : "") + t->get<std::string>();
      hasText = true;
    } else if (const Json* use = findMember(block, "toolUse")) {
      toolCalls.push_back(toolCallJson(memberOr(*use, "toolUseId", ""),
                                             memberOr(*use, "name", ""),
                                             pythonJsonDumps(memberOr(*use, "input",
                                                                            Json::object()))));
    }
  }
  schema::Usage usage = converseUsage(findMember(reply, "usage"));
  Json choice = schema::chatChoice(0, hasText ? Json(text) : Json(nullptr),
                                   toolCalls.empty() ? Json(nullptr) : toolCalls,
                                   finishReasonOf(memberOr(reply, "stopReason", nullptr)));
  return schema::chatResponse(nullptr, ctx.nowMs / 1000, ctx.endpoint.model.name,
                              Json::array({std::move(choice)}), schema::usageJson(usage),
                              kProviderName);
}

}  // namespace gw::providers::bedrock
