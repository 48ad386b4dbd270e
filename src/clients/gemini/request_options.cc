#include "clients/gemini/request_options.h"

#include <algorithm>
#include <string>

#include "clients/field_checks.h"
#include "clients/gemini/fields.h"

namespace gw::clients::gemini {
namespace {

constexpr const char* kCalling = "toolConfig.functionCallingConfig";

Outcome<std::vector<std::string>> allowedNames(const Json& config) {
  std::vector<std::string> names;
  if (absent(config, "allowedFunctionNames")) return names;
  const Json& list = config["allowedFunctionNames"];
  const std::string at = pathAt(kCalling, "allowedFunctionNames");
  if (!list.is_array()) return fieldError(at, "Input should be a valid list");
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) return fieldError(indexPath(at, i), "Input should be a valid string");
    names.push_back(list[i].get<std::string>());
  }
  return names;
}

// Keeps the tools named in `names`; a 400 when a name declares no tool.
Status narrowTools(const std::vector<std::string>& names, Json& out) {
  Json kept = Json::array();
  for (size_t i = 0; i < names.size(); ++i) {
    auto declared = std::find_if(out["tools"].begin(), out["tools"].end(), [&](const Json& tool) {
      return tool["function"]["name"] == names[i];
    });
    if (declared == out["tools"].end()) {
      return fieldError(indexPath(pathAt(kCalling, "allowedFunctionNames"), i),
                        "No function declaration is named '" + names[i] + "'");
    }
    kept.push_back(*declared);
  }
  out["tools"] = std::move(kept);
  return Status{};
}

Outcome<std::string> modeOf(const Json& config) {
  GW_TRY(std::string mode, optionalString(config, "mode", kCalling));
  for (std::string_view known : {"", "MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"}) {
    if (mode == known) return mode;
  }
  return fieldError(pathAt(kCalling, "mode"), "Input should be 'AUTO', 'ANY', 'NONE' or 'VALIDATED'");
}

}  // namespace

Status toolConfig(const Json& body, Json& out) {
  if (absent(body, "toolConfig")) return Status{};
  GW_TRY(Json tc, camelKeys(body["toolConfig"], "toolConfig"));
  GW_CHECK(onlyKeys(tc, {"functionCallingConfig"}, "toolConfig"));
  if (absent(tc, "functionCallingConfig")) return Status{};
  GW_TRY(Json config, camelKeys(tc["functionCallingConfig"], kCalling));
  GW_CHECK(onlyKeys(config, {"mode", "allowedFunctionNames"}, kCalling));
  GW_TRY(std::string mode, modeOf(config));
  GW_TRY(std::vector<std::string> names, allowedNames(config));
  const bool any = mode == "ANY";
  if (!names.empty() && !any && mode != "VALIDATED") {
    return fieldError(pathAt(kCalling, "allowedFunctionNames"), "allowedFunctionNames needs mode ANY or VALIDATED");
  }
  if (!out.contains("tools")) {
    if (!any) return Status{};  // no tools: AUTO and NONE mean the same
    return fieldError(pathAt(kCalling, "mode"), "Mode ANY needs function declarations in tools");
  }
  if (!names.empty()) GW_CHECK(narrowTools(names, out));
  if (mode == "NONE") {
    out["tool_choice"] = "none";
  } else if (any && names.size() == 1) {
    out["tool_choice"] = Json{{"type", "function"}, {"function", Json{{"name", names[0]}}}};
  } else {
    out["tool_choice"] = any ? "required" : "auto";
  }
  return Status{};
}

Status safetySettings(const Json& body) {
  if (absent(body, "safetySettings")) return Status{};
  const Json& list = body["safetySettings"];
  if (!list.is_array()) return fieldError("safetySettings", "Input should be a valid list");
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = indexPath("safetySettings", i);
    GW_TRY(Json setting, camelKeys(list[i], at));
    GW_CHECK(onlyKeys(setting, {"category", "threshold", "method"}, at));
    GW_TRY(std::string category, optionalString(setting, "category", at));
    (void)category;  // any category: none is filtered
    GW_TRY(std::string threshold, optionalString(setting, "threshold", at));
    if (threshold.empty() || threshold == "BLOCK_NONE" || threshold == "OFF" ||
        threshold == "HARM_BLOCK_THRESHOLD_UNSPECIFIED") {
      continue;
    }
    return untranslatable(pathAt(at, "threshold"), "the safety threshold '" + threshold + "'");
  }
  return Status{};
}

}  // namespace gw::clients::gemini
