#include "clients/gemini/request.h"

#include <string>

#include "clients/field_checks.h"
#include "clients/gemini/contents.h"
#include "clients/gemini/fields.h"
#include "clients/gemini/json_schema.h"
#include "clients/gemini/request_options.h"
#include "core/ascii.h"

namespace gw::clients::gemini {
namespace {

constexpr const char* kConfig = "generationConfig";

Outcome<Json> messages(const Json& body) {
  const Json* contents = findMember(body, "contents");
  if (!contents) return fieldError("contents", "Field required");
  if (!contents->is_array()) return fieldError("contents", "Input should be a valid list");
  if (contents->empty()) return fieldError("contents", "List should have at least 1 item");
  Json out = Json::array();
  if (!absent(body, "systemInstruction")) {
    GW_TRY(Json system, systemMessage(body["systemInstruction"]));
    if (!system.is_null()) out.push_back(std::move(system));
  }
  GW_CHECK(appendContents(*contents, out));
  return out;
}

Status sampling(const Json& config, Json& out) {
  static constexpr struct { const char* from; const char* to; double min, max; } kNumbers[] = {
      {"temperature", "temperature", 0, 2},
      {"topP", "top_p", 0, 1},
      {"presencePenalty", "presence_penalty", -2, 2},
      {"frequencyPenalty", "frequency_penalty", -2, 2}};
  for (const auto& n : kNumbers) {
    if (absent(config, n.from)) continue;
    GW_CHECK(numberIn(config[n.from], n.min, n.max, pathAt(kConfig, n.from)));
    out[n.to] = config[n.from];
  }
  static constexpr struct { const char* from; const char* to; int64_t min; } kIntegers[] = {
      {"topK", "top_k", 1}, {"maxOutputTokens", "max_tokens", 1}, {"candidateCount", "n", 1},
      {"seed", "seed", INT32_MIN}};
  for (const auto& n : kIntegers) {
    if (absent(config, n.from)) continue;
    GW_TRY(out[n.to], integerAtLeast(config[n.from], n.min, pathAt(kConfig, n.from)));
  }
  if (absent(config, "stopSequences")) return Status{};
  const Json& stop = config["stopSequences"];
  const std::string at = pathAt(kConfig, "stopSequences");
  if (!stop.is_array()) return fieldError(at, "Input should be a valid list");
  for (size_t i = 0; i < stop.size(); ++i) {
    if (!stop[i].is_string()) return fieldError(indexPath(at, i), "Input should be a valid string");
  }
  if (!stop.empty()) out["stop"] = stop;
  return Status{};
}

Status responseFormat(const Json& config, Json& out) {
  GW_TRY(std::string mime, optionalString(config, "responseMimeType", kConfig));
  const bool schema = !absent(config, "responseSchema");
  const bool jsonSchema = !absent(config, "responseJsonSchema");
  if (mime != "application/json") {
    if (!mime.empty() && mime != "text/plain") {
      return untranslatable(pathAt(kConfig, "responseMimeType"), "the response type '" + mime + "'");
    }
    if (schema || jsonSchema) {
      return fieldError(pathAt(kConfig, schema ? "responseSchema" : "responseJsonSchema"),
                        "A response schema needs responseMimeType 'application/json'");
    }
    return Status{};
  }
  if (schema && jsonSchema) {
    return fieldError(pathAt(kConfig, "responseJsonSchema"), "Give responseSchema or responseJsonSchema, not both");
  }
  if (!schema && !jsonSchema) {
    out["response_format"] = Json{{"type", "json_object"}};
    return Status{};
  }
  Json converted;
  if (schema) {
    GW_TRY(converted, jsonSchemaOf(config["responseSchema"], pathAt(kConfig, "responseSchema")));
  } else {
    converted = config["responseJsonSchema"];
    if (!converted.is_object()) return fieldError(pathAt(kConfig, "responseJsonSchema"), "Input should be a valid object");
  }
  out["response_format"] = Json{{"type", "json_schema"},
                                {"json_schema", Json{{"name", "response"}, {"schema", std::move(converted)}}}};
  return Status{};
}

Status thinking(const Json& config, Json& out) {
  const std::string where = pathAt(kConfig, "thinkingConfig");
  if (!absent(config, "responseModalities") && config["responseModalities"] != Json::array({"TEXT"})) {
    return untranslatable(pathAt(kConfig, "responseModalities"), "response modalities other than TEXT");
  }
  if (absent(config, "thinkingConfig")) return Status{};
  GW_TRY(Json t, camelKeys(config["thinkingConfig"], where));
  GW_CHECK(onlyKeys(t, {"thinkingBudget", "includeThoughts", "thinkingLevel"}, where));
  GW_TRY(bool thoughts, optionalBool(t, "includeThoughts", where));
  if (thoughts) return untranslatable(pathAt(where, "includeThoughts"), "thought summaries");
  if (!absent(t, "thinkingBudget")) {
    GW_TRY(int64_t budget, integerAtLeast(t["thinkingBudget"], -1, pathAt(where, "thinkingBudget")));
    if (budget > 0) return untranslatable(pathAt(where, "thinkingBudget"), "a thinking budget in tokens");
  }
  GW_TRY(std::string raw, optionalString(t, "thinkingLevel", where));
  const std::string level = lowerAscii(raw);
  if (!level.empty() && level != "thinking_level_unspecified") out["reasoning_effort"] = level;
  return Status{};
}

Status generationConfig(const Json& body, Json& out) {
  if (absent(body, kConfig)) return Status{};
  GW_TRY(Json config, camelKeys(body[kConfig], kConfig));
  GW_CHECK(onlyKeys(config, {"temperature", "topP", "topK", "seed", "maxOutputTokens", "candidateCount",
                             "stopSequences", "presencePenalty", "frequencyPenalty", "responseMimeType",
                             "responseSchema", "responseJsonSchema", "thinkingConfig",
                             "responseModalities"},
                    kConfig));
  GW_CHECK(sampling(config, out));
  GW_CHECK(responseFormat(config, out));
  return thinking(config, out);
}

Outcome<Json> functionTool(const Json& raw, const std::string& where) {
  GW_TRY(Json declaration, camelKeys(raw, where));
  GW_CHECK(onlyKeys(declaration, {"name", "description", "parameters", "parametersJsonSchema"}, where));
  Json function;
  GW_TRY(function["name"], requiredString(declaration, "name", where));
  if (!absent(declaration, "description")) {
    GW_TRY(function["description"], requiredString(declaration, "description", where));
  }
  if (!absent(declaration, "parameters") && !absent(declaration, "parametersJsonSchema")) {
    return fieldError(pathAt(where, "parametersJsonSchema"), "Give parameters or parametersJsonSchema, not both");
  }
  if (!absent(declaration, "parameters")) {
    GW_TRY(function["parameters"], jsonSchemaOf(declaration["parameters"], pathAt(where, "parameters")));
  } else if (!absent(declaration, "parametersJsonSchema")) {
    function["parameters"] = declaration["parametersJsonSchema"];
    if (!function["parameters"].is_object()) {
      return fieldError(pathAt(where, "parametersJsonSchema"), "Input should be a valid object");
    }
  }
  return Json{{"type", "function"}, {"function", std::move(function)}};
}

Status tools(const Json& body, Json& out) {
  if (absent(body, "tools")) return Status{};
  const Json& list = body["tools"];
  if (!list.is_array()) return fieldError("tools", "Input should be a valid list");
  Json translated = Json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = indexPath("tools", i);
    GW_TRY(Json tool, camelKeys(list[i], at));
    for (auto it = tool.begin(); it != tool.end(); ++it) {
      if (it.key() != "functionDeclarations") {
        return untranslatable(pathAt(at, it.key()), "the built-in tool '" + it.key() + "'");
      }
    }
    const Json* declarations = findMember(tool, "functionDeclarations");
    if (!declarations) continue;
    const std::string where = pathAt(at, "functionDeclarations");
    if (!declarations->is_array()) return fieldError(where, "Input should be a valid list");
    for (size_t j = 0; j < declarations->size(); ++j) {
      GW_TRY(Json function, functionTool((*declarations)[j], indexPath(where, j)));
      translated.push_back(std::move(function));
    }
  }
  if (!translated.empty()) out["tools"] = std::move(translated);
  return Status{};
}

}  // namespace

Outcome<Json> toChatRequest(const Json& body, std::string_view model, bool stream) {
  if (!body.is_object()) return fieldError("", "The request body must be a JSON object");
  GW_TRY(Json request, camelKeys(body, ""));
  GW_CHECK(onlyKeys(request, {"contents", "systemInstruction", "generationConfig", "tools", "toolConfig",
                              "safetySettings", "model"},
                    ""));
  GW_TRY(std::string ignored, optionalString(request, "model", ""));
  (void)ignored;  // the path names the endpoint
  Json out = Json::object();
  out["model"] = std::string(model);
  GW_TRY(out["messages"], messages(request));
  GW_CHECK(generationConfig(request, out));
  GW_CHECK(tools(request, out));
  GW_CHECK(toolConfig(request, out));
  GW_CHECK(safetySettings(request));
  if (stream) {
    out["stream"] = true;
    out["stream_options"] = Json{{"include_usage", true}};
  }
  return out;
}

}  // namespace gw::clients::gemini
