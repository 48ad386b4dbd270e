#pragma once
// The provider table: one entry per `provider:` value the config accepts.
//
// A provider is one unit: its row here (data, plus the translator and config rules it
// names), its dialect files under providers/dialects/ when it is irregular, and its
// fixtures. An OpenAI-compatible provider is a row and nothing else. What differs
// between rows is a field of the row, never a branch on the provider's name.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "vocab/endpoint.h"

namespace gw::providers {

struct DialectOps;
class ConfigCheck;

using vocab::bitOf;
using vocab::kChatBit;
using vocab::kCompletionsBit;
using vocab::kEmbeddingsBit;

/// How the API key travels.
struct AuthSpec {
  std::string_view header;   ///< lower-case header name; empty = no auth header
  std::string_view scheme;   ///< prefix before the key, e.g. "Bearer "
  /// A key value that means "send no auth" (Ollama's documented placeholder "ollama").
  std::string_view placeholderKey;
};

/// One provider row.
struct ProviderSpec {
  std::string_view id;             ///< MLflow's `provider:` value, e.g. "openai"
  std::string_view displayName;    ///< e.g. "OpenAI" (used in MLflow's 501 text)
  /// The translator (providers/openai.h or providers/dialects/<name>.h); null = the
  /// config loads but requests answer 501 (vertex_ai, litellm).
  const DialectOps& (*ops)() = nullptr;
  std::string_view docsUrl;        ///< the vendor's API reference
  std::string_view defaultBaseUrl; ///< empty = must be configured
  std::string_view baseUrlKey;     ///< MLflow's own base-URL key, e.g. "openai_api_base"
  std::string_view apiKeyField;    ///< e.g. "openai_api_key"; empty = no key field
  bool apiKeyRequired = true;
  AuthSpec auth;
  uint8_t routeTypes = 0;          ///< RouteTypeBits implemented
  uint8_t streamTypes = 0;         ///< RouteTypeBits that stream
  std::string_view chatPath;       ///< appended to the base URL
  std::string_view completionsPath;
  std::string_view embeddingsPath;
  std::span<const std::string_view> requiredKeys;  ///< config keys that must be present
  std::span<const std::string_view> knownKeys;     ///< every config key it reads
  /// Appended to the `baseUrlKey` value when that key names a workspace host
  /// (Databricks `host` -> `{host}/serving-endpoints`); a bare host gets `https://`.
  std::string_view hostPath;
  /// Answered by the core itself, without an upstream call (the mock provider).
  bool answeredByCore = false;
  /// `openai_api_version` travels as `?api-version=` on OpenAI's own API (not Azure's).
  bool apiVersionQuery = false;
  /// Reads MLflow's `openai_api_type` (openai | azure | azuread: Azure OpenAI's URLs and auth).
  bool openAIApiType = false;
  /// `config:` may be left out (MLflow requires it for every provider it has).
  bool configOptional = false;
  /// The config declares the API (inline `openai-compatible`): auth header and scheme,
  /// served and streamed route types, paths and display name come from `config:`.
  bool apiFromConfig = false;
  /// A Databricks workspace: OAuth M2M keys are recognised (and refused with 501), chat
  /// content parts are limited to the types its serving endpoints take.
  bool databricksWorkspace = false;
  /// MLflow's load-time rules for this provider's `config:` and model name, run by
  /// config/ (providers/config_check.h); null = none beyond the key lists above.
  void (*configRules)(ConfigCheck&) = nullptr;
  void (*modelRules)(ConfigCheck&) = nullptr;
};

/// The row's translator, or null when it has none.
inline const DialectOps* opsOf(const ProviderSpec& spec) {
  return spec.ops != nullptr ? &spec.ops() : nullptr;
}

/// MLflow's normalisation: '-' -> '_', upper-cased ("amazon-bedrock" -> "AMAZON_BEDROCK").
std::string normalizeProviderName(std::string_view name);

/// Looks a `provider:` value up (any case, '-' or '_'); nullptr when unknown.
const ProviderSpec* findProvider(std::string_view providerAsWritten);

/// Every row, for listings and tests.
std::span<const ProviderSpec> allProviders();

/// Whether a config key holds a secret (resolved from `$ENV`/file, never echoed).
bool isSecretKey(std::string_view key);

}  // namespace gw::providers
