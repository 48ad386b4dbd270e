// MLflow's OpenAIConfig._validate_field_compatibility, for the openai and azure rows:
// `openai_api_type` (stored lower-cased) decides which other fields may or must be set.
#include "providers/openai.h"

#include "core/ascii.h"

namespace gw::providers {
namespace {

// Type "openai": no deployment name; the default base URL unless `api_base` is set.
void openAITypeRules(ConfigCheck& check) {
  if (check.isSet("openai_deployment_name")) {
    check.error("OpenAI route configuration can only specify a value for "
                "'openai_deployment_name' if 'openai_api_type' is 'azure' or 'azuread'. "
                "Found type: 'openai'",
                "openai_deployment_name");
  }
  if (!check.isSet("openai_api_base") && !check.isSet("api_base")) {
    check.config()["openai_api_base"] = kOpenAIBaseUrl;
  }
}

void azureTypeRules(ConfigCheck& check) {
  if (check.isSet("openai_organization")) {
    check.error("OpenAI route configuration can only specify a value for 'openai_organization' "
                "if 'openai_api_type' is 'openai'",
                "openai_organization");
  }
  if (!check.isSet("openai_api_base") || !check.isSet("openai_deployment_name") ||
      !check.isSet("openai_api_version")) {
    check.error("OpenAI route configuration must specify 'openai_api_base', "
                "'openai_deployment_name', and 'openai_api_version' if 'openai_api_type' is "
                "'azure' or 'azuread'.");
  }
}

// Returns the type it validated ("" when the config is in error).
std::string apiTypeRules(ConfigCheck& check) {
  std::string type = "openai";
  if (check.isSet("openai_api_type")) {
    std::optional<std::string> text = check.text("openai_api_type");
    if (!text) return "";
    type = lowerAscii(*text);
  }
  if (type == "openai") {
    openAITypeRules(check);
  } else if (type == "azure" || type == "azuread") {
    azureTypeRules(check);
  } else {
    check.error("Invalid OpenAI API type '" + type + "'", "openai_api_type");
    return "";
  }
  check.config()["openai_api_type"] = type;
  return type;
}

}  // namespace

void openAIConfigRules(ConfigCheck& check) { apiTypeRules(check); }

void azureConfigRules(ConfigCheck& check) {
  if (apiTypeRules(check) == "openai") {
    check.warn("Provider 'azure' is used with openai_api_type 'openai'; set openai_api_type to "
               "'azure' or 'azuread' for Azure OpenAI.");
  }
}

}  // namespace gw::providers
