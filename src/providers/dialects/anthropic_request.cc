// Anthropic request translation: unified chat -> Messages API body, unified
// completions -> legacy Text Completions body. The rules and every deviation
// from MLflow are listed in anthropic.cc.
#include <string>

#include "providers/dialects/anthropic.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::anthropic {

using namespace params;  // NOLINT: the parameter-rule vocabulary
namespace {

constexpr int64_t kDefaultMaxTokens = 8192;
constexpr int64_t kMaximumMaxTokens = 1000000;
constexpr std::string_view kProvider = "Anthropic";

constexpr Rule kMaxTokensRules[] = {kFoldMaxCompletionTokens};
constexpr Rule kMessagesRules[] = {rename("stop", "stop_sequences"), scale("temperature", 0.5)};
constexpr Rule kCompleteRules[] = {rename("max_tokens", "max_tokens_to_sample"),
                                   rename("stop", "stop_sequences"), scale("temperature", 0.5)};

// max_tokens: the caller's, else max_completion_tokens, else 8192; at most 1e6.
Status applyMaxTokens(Json& body) {
  GW_CHECK(applyRules(body, kMaxTokensRules));
  const Json* v = findMember(body, "max_tokens");
  if (!v) {
    body["max_tokens"] = kDefaultMaxTokens;
    return Status{};
  }
  if (v->is_number() && v->get<double>() > static_cast<double>(kMaximumMaxTokens)) {
    return unprocessable("Invalid value for max_tokens: cannot exceed " +
                             std::to_string(kMaximumMaxTokens) + ".", "max_tokens");
  }
  return Status{};
}

// n is not an Anthropic parameter: only 1 is accepted (and not forwarded).
Status takeN(Json& body) {
  Json n = takeMember(body, "n");
  if (n.is_null() || n == 1) return Status{};
  return unprocessable("'n' must be '1' for the Anthropic provider. Received value: '" +
                           n.dump() + "'.", "n");
}

// OpenAI image_url part -> Anthropic image block (base64 for data: URLs).
Outcome<Json> imageBlock(const Json& part, const std::string& where) {
  const Json* image = findMember(part, "image_url");
  const Json* url = image ? findMember(*image, "url") : nullptr;
  if (!url || !url->is_string()) return unprocessable(where + " has no image_url.url.", where);
  const std::string& u = url->get_ref<const std::string&>();
  size_t comma = u.find(',');
  if (u.rfind("data:", 0) == 0 && comma != std::string::npos &&
      u.substr(0, comma).find(";base64") != std::string::npos) {
    std::string mediaType = u.substr(5, u.find(';') - 5);
    return Json{{"type", "image"},
                {"source", Json{{"type", "base64"}, {"media_type", mediaType},
                                {"data", u.substr(comma + 1)}}}};
  }
  return Json{{"type", "image"}, {"source", Json{{"type", "url"}, {"url", u}}}};
}

// User content parts: text/image/document pass through, image_url is translated.
Outcome<Json> userContent(const Json& content, const std::string& where) {
  if (!content.is_array()) return content;
  Json out = Json::array();
  for (size_t i = 0; i < content.size(); ++i) {
    const Json& part = content[i];
    std::string type = stringMember(part, "type");
    if (type == "text" || type == "image" || type == "document") {
      out.push_back(part);
    } else if (type == "image_url") {
      GW_TRY(Json block, imageBlock(part, at(where, i)));
      out.push_back(std::move(block));
    } else {
      return unprocessable("Content part type '" + type + "' in " + at(where, i) +
                               " is not supported by the Anthropic provider.", at(where, i));
    }
  }
  return out;
}

// Assistant tool_calls -> tool_use blocks after the text (if any).
Outcome<Json> assistantMessage(Json m, const std::string& where) {
  Json calls = takeMember(m, "tool_calls");
  if (calls.is_null()) return m;
  Json blocks = Json::array();
  const Json content = memberOr(m, "content", "");
  if (content.is_array()) {
    for (const Json& part : content) blocks.push_back(part);
  } else if (content.is_string() && !content.get<std::string>().empty()) {
    blocks.push_back(Json{{"type", "text"}, {"text", content}});
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    GW_TRY(Json input, toolArguments(calls[i], at(where + ".tool_calls", i)));
    const Json& function = memberOr(calls[i], "function", Json::object());
    blocks.push_back(Json{{"type", "tool_use"}, {"id", memberOr(calls[i], "id", nullptr)},
                          {"name", memberOr(function, "name", nullptr)}, {"input", input}});
  }
  m["content"] = std::move(blocks);
  return m;
}

Outcome<Json> toolResult(const Json& m, const std::string& where) {
  const Json* id = findMember(m, "tool_call_id");
  if (!id || !id->is_string()) {
    return unprocessable(where + " (role 'tool') needs a tool_call_id.", where + ".tool_call_id");
  }
  Json block = {{"type", "tool_result"}, {"tool_use_id", *id},
                {"content", memberOr(m, "content", "")}};
  return Json{{"role", "user"}, {"content", Json::array({std::move(block)})}};
}

struct Conversation {
  std::string system;
  bool hasSystem = false;
  Json messages = Json::array();
};

Status addMessage(Conversation& conv, const Json& m, const std::string& where) {
  std::string role = stringMember(m, "role");
  if (role == "system" || role == "developer") {
    GW_TRY(std::string text, contentText(memberOr(m, "content", ""), where + ".content", kProvider));
    conv.system += (conv.hasSystem ? "\n" : "") + text;
    conv.hasSystem = true;
  } else if (role == "user") {
    Json copy = withoutNulls(m);
    GW_TRY(Json content, userContent(memberOr(m, "content", ""), where + ".content"));
    copy["content"] = std::move(content);
    conv.messages.push_back(std::move(copy));
  } else if (role == "assistant") {
    GW_TRY(Json message, assistantMessage(withoutNulls(m), where));
    conv.messages.push_back(std::move(message));
  } else if (role == "tool") {
    GW_TRY(Json message, toolResult(m, where));
    conv.messages.push_back(std::move(message));
  } else {
    return unprocessable("Message role '" + role + "' in " + where +
                             " is not supported by the Anthropic provider.", where + ".role");
  }
  return Status{};
}

Outcome<Json> convertTools(const Json& tools) {
  Json out = Json::array();
  for (size_t i = 0; i < tools.size(); ++i) {
    GW_TRY(const Json function, toolFunction(tools, i));
    Json tool = {{"name", memberOr(function, "name", nullptr)}};
    if (const Json* d = findMember(function, "description"); d && !d->is_null()) {
      tool["description"] = *d;
    }
    tool["input_schema"] =
        memberOr(function, "parameters", Json{{"type", "object"}, {"properties", Json::object()}});
    if (const Json* s = findMember(function, "strict"); s && !s->is_null()) tool["strict"] = *s;
    out.push_back(std::move(tool));
  }
  return out;
}

Outcome<Json> convertToolChoice(const Json& choice) {
  if (choice == "none") return Json{{"type", "none"}};
  if (choice == "auto") return Json{{"type", "auto"}};
  if (choice == "required") return Json{{"type", "any"}};
  const Json* function = findMember(choice, "function");
  const Json* name = function ? findMember(*function, "name") : nullptr;
  if (memberOr(choice, "type", "") == "function" && name && name->is_string()) {
    return Json{{"type", "tool"}, {"name", *name}};
  }
  return unprocessable("Unsupported tool_choice " + choice.dump() +
                           " for the Anthropic provider: use 'none', 'auto', 'required' or "
                           "{\"type\": \"function\", \"function\": {\"name\": ...}}.",
                       "tool_choice");
}

// tools, tool_choice and parallel_tool_calls -> tools, tool_choice.
Status applyTools(Json& body) {
  if (Json tools = takeMember(body, "tools"); !tools.is_null()) {
    GW_TRY(Json converted, convertTools(tools));
    body["tools"] = std::move(converted);
  }
  Json parallel = takeMember(body, "parallel_tool_calls");
  if (Json choice = takeMember(body, "tool_choice"); !choice.is_null()) {
    GW_TRY(Json converted, convertToolChoice(choice));
    body["tool_choice"] = std::move(converted);
  }
  if (parallel == false) {
    if (!body.contains("tool_choice")) body["tool_choice"] = Json{{"type", "auto"}};
    if (body["tool_choice"]["type"] == "none") {
      return unprocessable("parallel_tool_calls: false cannot be combined with tool_choice "
                           "'none' for the Anthropic provider.", "parallel_tool_calls");
    }
    body["tool_choice"]["disable_parallel_tool_use"] = true;
  }
  return Status{};
}

// Anthropic structured output needs `additionalProperties: false` on every
// object schema with properties; it is added where absent, refused where open.
Status closeObjects(Json& schema, const std::string& where) {
  if (schema.is_array()) {
    for (Json& item : schema) GW_CHECK(closeObjects(item, where));
    return Status{};
  }
  if (!schema.is_object()) return Status{};
  if (schema.contains("properties")) {
    const Json* extra = findMember(schema, "additionalProperties");
    if (!extra) schema["additionalProperties"] = false;
    else if (*extra != false) {
      return unprocessable("Anthropic structured output requires 'additionalProperties: false' "
                           "on every object schema; " + where + " allows additional properties.",
                           where);
    }
  }
  for (auto it = schema.begin(); it != schema.end(); ++it) GW_CHECK(closeObjects(it.value(), where));
  return Status{};
}

Status applyResponseFormat(Json& body) {
  Json format = takeMember(body, "response_format");
  if (format.is_null()) return Status{};
  std::string type = stringMember(format, "type");
  if (type == "text") return Status{};  // Anthropic's default output
  if (type != "json_schema") {
    return unprocessable("response_format type '" + type + "' is not supported by the Anthropic "
                         "provider; use 'json_schema'.", "response_format");
  }
  Json schema = memberOr(memberOr(format, "json_schema", Json::object()), "schema", nullptr);
  if (!schema.is_object()) {
    return unprocessable("response_format.json_schema.schema must be an object.",
                         "response_format");
  }
  GW_CHECK(closeObjects(schema, "response_format.json_schema.schema"));
  body["output_config"] = Json{{"format", Json{{"type", "json_schema"}, {"schema", schema}}}};
  return Status{};
}

Status applyMessages(Json& body, Json& out) {
  Conversation conv;
  Json messages = takeMember(body, "messages");
  for (size_t i = 0; i < messages.size(); ++i) {
    GW_CHECK(addMessage(conv, messages[i], at("messages", i)));
  }
  out["messages"] = std::move(conv.messages);
  if (conv.hasSystem) out["system"] = conv.system;
  return Status{};
}

}  // namespace

Outcome<Json> messagesBody(const TranslateContext& ctx, const Json& unified) {
  Json body = withoutNulls(unified);
  body.erase("stream_options");  // Anthropic always reports usage in the stream
  GW_CHECK(applyRules(body, kMessagesRules));
  if (body.contains("top_p") && body.contains("temperature")) {
    return unprocessable("Cannot set both 'temperature' and 'top_p' parameters.", "top_p");
  }
  GW_CHECK(applyMaxTokens(body));
  GW_CHECK(takeN(body));
  Json out = {{"model", ctx.endpoint.model.name}};
  GW_CHECK(applyMessages(body, out));
  GW_CHECK(applyTools(body));
  GW_CHECK(applyResponseFormat(body));
  for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
  return out;
}

Outcome<Json> completeBody(const TranslateContext& ctx, const Json& unified) {
  Json body = withoutNulls(unified);
  if (body.contains("top_p")) {
    return unprocessable("Cannot set both 'temperature' and 'top_p' parameters. Please use only "
                         "the temperature parameter for your query.", "top_p");
  }
  GW_CHECK(applyMaxTokens(body));
  if (memberOr(body, "stream", false) == true) {
    return unprocessable("Setting the 'stream' parameter to 'true' is not supported with the "
                         "MLflow Gateway.", "stream");
  }
  GW_CHECK(takeN(body));
  GW_CHECK(applyRules(body, kCompleteRules));
  std::string prompt = stringMember(body, "prompt");
  if (prompt.rfind("Human: ", 0) == 0) prompt = "\n\n" + prompt;
  if (prompt.rfind("\n\nHuman: ", 0) != 0) prompt = "\n\nHuman: " + prompt;
  const std::string suffix = "\n\nAssistant:";
  if (prompt.size() < suffix.size() || prompt.compare(prompt.size() - suffix.size(), suffix.size(),
                                                       suffix) != 0) {
    prompt += suffix;
  }
  body["prompt"] = prompt;
  Json out = {{"model", ctx.endpoint.model.name}};
  for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
  return out;
}

}  // namespace gw::providers::anthropic
