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

/// What the OpenAI request builder decides before it writes a body.
struct OpenAIRequestShape {
  UpstreamRequest request;          ///< url, headers and framing; the body is left empty
  bool sendsModel = false;          ///< `"model": <configured name>` first (not for Azure)
  bool completionsViaChat = false;  ///< completions sent to chat/completions: prompt -> messages
};

/// The shape of the OpenAI request for `ctx`, or why the endpoint cannot be called as
/// configured; the DOM builder and the splicing fast path (openai_splice.h) share it.
Outcome<OpenAIRequestShape> openAIRequestShape(const TranslateContext& ctx);

/// Whether the endpoint is OpenAI's own API (the `openai` row, `openai_api_type: openai`):
/// the one that has `/responses` and `/responses/input_tokens` (Azure and the
/// OpenAI-compatible rows share the dialect but not those APIs).
bool isOpenAIItself(const TranslateContext& ctx);

/// The headers that authenticate a request to this endpoint (auth and organisation).
Outcome<Headers> openAICredentials(const TranslateContext& ctx);

/// The Responses native lane (providers/dialects/openai_native.cc).
std::span<const NativeLane> openAINativeLanes();

/// MLflow's OpenAIConfig rules for `provider: openai` (openai_api_type and its fields).
void openAIConfigRules(ConfigCheck& check);
/// The same for `provider: azure`, which also warns when the type is left at openai.
void azureConfigRules(ConfigCheck& check);

}  // namespace gw::providers
