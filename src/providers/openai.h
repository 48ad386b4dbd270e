#pragma once
// OpenAI / Azure OpenAI / OpenAI-compatible translator.
#include <string_view>

#include "providers/config_check.h"
#include "providers/provider.h"

namespace gw::providers {

/// The OpenAI dialect's translator functions.
const DialectOps& openAIOps();

/// OpenAI's API base (the openai row's default, and MLflow's default `openai_api_base`).
inline constexpr std::string_view kOpenAIBaseUrl = "https://api.openai.com/v1";

/// MLflow's OpenAIConfig rules for `provider: openai` (openai_api_type and its fields).
void openAIConfigRules(ConfigCheck& check);
/// The same for `provider: azure`, which also warns when the type is left at openai.
void azureConfigRules(ConfigCheck& check);

}  // namespace gw::providers
