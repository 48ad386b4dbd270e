// Gemini request translation: unified chat/completions -> generateContent
// body, unified embeddings -> embedContent / batchEmbedContents body. The rules
// and every deviation from MLflow are listed in gemini.cc.
#include <map>
#include <string>

#include "providers/dialects/gemini.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::gemini {

using namespace params;  // NOLINT: the parameter-rule vocabulary

namespace {

constexpr std::string_view kProvider = "Gemini";

// MLflow's GENERATION_CONFIG_KEY_MAPPING, checked before renaming; then the fold.
constexpr Rule kNativeNames[] = {
    rejectNative("stopSequences", "stop"),        rejectNative("candidateCount", "n"),
    rejectNative("maxOutputTokens", "max_tokens"), rejectNative("topK", "top_k"),
    rejectNative("topP", "top_p"),                 rejectNative("frequencyPenalty", "frequency_penalty"),
    rejectNative("presencePenalty", "presence_penalty"),
};
constexpr Rule kFoldRules[] = {kFoldMaxCompletionTokens};
// Unified name -> generationConfig member.
constexpr Rule kGenerationConfig[] = {
    copy("temperature"),                          rename("stop", "stopSequences"),
    rename("n", "candidateCount"),                rename("max_tokens", "maxOutputTokens"),
    rename("top_k", "topK"),                      rename("top_p", "topP"),
    rename("frequency_penalty", "frequencyPenalty"), rename("presence_penalty", "presencePenalty"),
    copy("seed"),
};
constexpr Rule kEmbeddingRules[] = {rename("dimensions", "outputDimensionality"),
                                    rename("task_type", "taskType")};
// Gemini-native top-level keys forwarded as they are.
constexpr std::string_view kPassThrough[] = {"safetySettings", "cachedContent"};

// image_url parts: data: URLs become inlineData; Gemini cannot fetch other URLs.
Outcome<Json> imagePart(const Json& part, const std::string& where) {
  std::string url = stringMember(memberOr(part, "image_url", Json::object()), "url");
  size_t comma = url.find(',');
  size_t semicolon = url.find(';');
  if (url.rfind("data:", 0) != 0 || comma == std::string::npos || semicolon > comma) {
    return unprocessable("The Gemini provider accepts images only as base64 data: URLs (" +
                             where + ").", where);
  }
  return Json{{"inlineData", Json{{"mimeType", url.substr(5, semicolon - 5)},
                                  {"data", url.substr(comma + 1)}}}};
}

Outcome<Json> contentParts(const Json& content, const std::string& where) {
  if (!content.is_array()) {
    GW_TRY(std::string text, contentText(content, where, kProvider));
    return Json::array({Json{{"text", text}}});
  }
  Json parts = Json::array();
  for (size_t i = 0; i < content.size(); ++i) {
    std::string type = stringMember(content[i], "type");
    if (type == "image_url") {
      GW_TRY(Json image, imagePart(content[i], at(where, i)));
      parts.push_back(std::move(image));
      continue;
    }
    GW_TRY(std::string text, contentText(Json::array({content[i]}), where, kProvider));
    parts.push_back(Json{{"text", text}});
  }
  return parts;
}

struct Conversation {
  Json contents = Json::array();
  Json systemParts = Json::array();
  std::map<std::string, Json> callNames;  // tool_call id -> function name
  bool lastIsToolResult = false;
};

Status addAssistant(Conversation& conv, const Json& m, const std::string& where) {
  Json parts = Json::array();
  const Json content = memberOr(m, "content", "");
  if (!content.is_string() || !content.get_ref<const std::string&>().empty()) {
    GW_TRY(parts, contentParts(content, where + ".content"));
  }
  const Json calls = memberOr(m, "tool_calls", Json::array());
  for (size_t i = 0; i < calls.size(); ++i) {
    GW_TRY(Json args, toolArguments(calls[i], at(where + ".tool_calls", i)));
    Json name = memberOr(memberOr(calls[i], "function", Json::object()), "name", nullptr);
    Json id = memberOr(calls[i], "id", nullptr);
    if (id.is_string()) conv.callNames[id.get<std::string>()] = name;
    parts.push_back(Json{{"functionCall", Json{{"id", id}, {"name", name}, {"args", args}}}});
  }
  if (parts.empty()) parts.push_back(Json{{"text", ""}});
  conv.contents.push_back(Json{{"role", "model"}, {"parts", std::move(parts)}});
  return Status{};
}

// A tool result; consecutive results share one user turn (Gemini matches the
// number of function responses to the calls of the previous model turn).
Status addToolResult(Conversation& conv, const Json& m, const std::string& where) {
  std::string id = stringMember(m, "tool_call_id");
  auto name = conv.callNames.find(id);
  if (name == conv.callNames.end()) {
    return unprocessable(where + " answers tool_call_id '" + id + "', which no earlier assistant "
                         "message called; Gemini needs the function name.", where + ".tool_call_id");
  }
  GW_TRY(std::string text, contentText(memberOr(m, "content", ""), where + ".content", kProvider));
  Json response = parseJson(text);
  if (!response.is_object()) response = Json{{"content", response.is_discarded() ? Json(text) : response}};
  Json part = {{"functionResponse", Json{{"id", id}, {"name", name->second}, {"response", response}}}};
  if (conv.lastIsToolResult) {
    conv.contents.back()["parts"].push_back(std::move(part));
  } else {
    conv.contents.push_back(Json{{"role", "user"}, {"parts", Json::array({std::move(part)})}});
  }
  return Status{};
}

Status addMessage(Conversation& conv, const Json& m, const std::string& where) {
  std::string role = stringMember(m, "role");
  bool toolResult = role == "tool";
  if (role == "system" || role == "developer") {
    GW_TRY(std::string text, contentText(memberOr(m, "content", ""), where + ".content", kProvider));
    conv.systemParts.push_back(Json{{"text", text}});
  } else if (role == "user") {
    GW_TRY(Json parts, contentParts(memberOr(m, "content", ""), where + ".content"));
    conv.contents.push_back(Json{{"role", "user"}, {"parts", std::move(parts)}});
  } else if (role == "assistant") {
    GW_CHECK(addAssistant(conv, m, where));
  } else if (toolResult) {
    GW_CHECK(addToolResult(conv, m, where));
  } else {
    return unprocessable("Message role '" + role + "' in " + where +
                             " is not supported by the Gemini provider.", where + ".role");
  }
  conv.lastIsToolResult = toolResult;
  return Status{};
}

Outcome<Json> functionDeclarations(const Json& tools) {
  Json out = Json::array();
  for (size_t i = 0; i < tools.size(); ++i) {
    GW_TRY(const Json function, toolFunction(tools, i));
    Json declaration = {{"name", memberOr(function, "name", nullptr)}};
    if (function.contains("description")) declaration["description"] = function["description"];
    if (function.contains("parameters")) declaration["parametersJsonSchema"] = function["parameters"];
    out.push_back(std::move(declaration));
  }
  return Json::array({Json{{"functionDeclarations", std::move(out)}}});
}

Outcome<Json> toolConfig(const Json& choice) {
  static const std::map<std::string, std::string> kModes = {
      {"none", "NONE"}, {"auto", "AUTO"}, {"required", "ANY"}};
  Json config;
  if (choice.is_string() && kModes.count(choice.get<std::string>())) {
    config = {{"mode", kModes.at(choice.get<std::string>())}};
  } else if (const Json* f = findMember(choice, "function"); f && findMember(*f, "name")) {
    config = {{"mode", "ANY"}, {"allowedFunctionNames", Json::array({(*f)["name"]})}};
  } else {
    return unprocessable("Unsupported tool_choice " + choice.dump() + " for the Gemini provider.",
                         "tool_choice");
  }
  return Json{{"functionCallingConfig", std::move(config)}};
}

Status applyResponseFormat(const Json& format, Json& generationConfig) {
  std::string type = stringMember(format, "type");
  if (type == "text") return Status{};
  if (type == "json_object") {
    generationConfig["responseMimeType"] = "application/json";
    return Status{};
  }
  Json schema = memberOr(memberOr(format, "json_schema", Json::object()), "schema", nullptr);
  if (type != "json_schema" || !schema.is_object()) {
    return unprocessable("Unsupported response_format " + format.dump() +
                             " for the Gemini provider.", "response_format");
  }
  generationConfig["responseMimeType"] = "application/json";
  generationConfig["responseJsonSchema"] = std::move(schema);
  return Status{};
}

// Everything but messages: generationConfig, tools, toolConfig, pass-through keys.
Status applyOptions(Json body, Json& out) {
  Json config = take(body, kGenerationConfig);
  if (Json format = takeMember(body, "response_format"); !format.is_null()) {
    GW_CHECK(applyResponseFormat(format, config));
  }
  if (!config.empty()) out["generationConfig"] = std::move(config);
  if (Json tools = takeMember(body, "tools"); !tools.is_null()) {
    GW_TRY(out["tools"], functionDeclarations(tools));
  }
  if (Json choice = takeMember(body, "tool_choice"); !choice.is_null()) {
    GW_TRY(out["toolConfig"], toolConfig(choice));
  }
  for (std::string_view key : kPassThrough) {
    if (body.contains(key)) out[std::string(key)] = takeMember(body, key);
  }
  if (!body.empty()) {
    const std::string key = body.begin().key();
    return unprocessable("Parameter '" + key + "' is not supported by the Gemini provider.", key);
  }
  return Status{};
}

Outcome<Json> generateContent(Json body, const Json& messages) {
  GW_CHECK(applyRules(body, kNativeNames));
  const Json* topP = findMember(body, "top_p");
  if (topP && topP->is_number() && topP->get<double>() > 1) {
    return unprocessable("top_p should be less than or equal to 1", "top_p");
  }
  GW_CHECK(applyRules(body, kFoldRules));
  body.erase("stream");          // selects the streamGenerateContent URL
  body.erase("stream_options");  // Gemini always reports stream usage
  if (const Json* parallel = findMember(body, "parallel_tool_calls"); parallel && *parallel == true) {
    body.erase("parallel_tool_calls");  // Gemini's default
  }
  Conversation conv;
  for (size_t i = 0; i < messages.size(); ++i) {
    GW_CHECK(addMessage(conv, messages[i], at("messages", i)));
  }
  Json out = {{"contents", std::move(conv.contents)}};
  if (!conv.systemParts.empty()) out["system_instruction"] = Json{{"parts", conv.systemParts}};
  GW_CHECK(applyOptions(std::move(body), out));
  return out;
}

}  // namespace

Outcome<Json> chatBody(const Json& unified) {
  Json body = withoutNulls(unified);
  if (!body.contains("n")) body["n"] = 1;  // MLflow's chat schema defaults n to 1: candidateCount 1
  Json messages = takeMember(body, "messages");
  return generateContent(std::move(body), messages);
}

Outcome<Json> completionsBody(const Json& unified) {
  Json body = withoutNulls(unified);
  Json messages = Json::array();
  if (Json system = takeMember(body, "system_prompt"); !system.is_null()) {
    messages.push_back(Json{{"role", "system"}, {"content", std::move(system)}});
  }
  messages.push_back(Json{{"role", "user"}, {"content", takeMember(body, "prompt")}});
  return generateContent(std::move(body), messages);
}

Outcome<Json> embeddingsBody(const std::string& model, const Json& unified) {
  Json body = withoutNulls(unified);
  Json input = takeMember(body, "input");
  if (input.is_string()) input = Json::array({input});
  Json options = Json::object();
  GW_CHECK(applyRules(body, kEmbeddingRules));
  for (const char* key : {"outputDimensionality", "taskType", "title"}) {
    if (body.contains(key)) options[key] = takeMember(body, key);
  }
  if (memberOr(body, "encoding_format", "float") == "float") body.erase("encoding_format");
  if (!body.empty()) {
    const std::string key = body.begin().key();
    return unprocessable("Parameter '" + key + "' is not supported by Gemini embeddings.", key);
  }
  Json requests = Json::array();
  for (const Json& text : input) {
    if (!text.is_string()) {
      return unprocessable("Gemini embeddings take text input only, not token ids.", "input");
    }
    Json request = {{"content", Json{{"parts", Json::array({Json{{"text", text}}})}}}};
    request.update(options);
    requests.push_back(std::move(request));
  }
  if (requests.size() == 1) return requests[0];
  for (Json& r : requests) {
    Json withModel = {{"model", "models/" + model}};
    withModel.update(r);
    r = std::move(withModel);
  }
  return Json{{"requests", std::move(requests)}};
}

}  // namespace gw::providers::gemini
