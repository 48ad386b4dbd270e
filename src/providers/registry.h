#pragma once
// The provider table: one entry per `provider:` value the config accepts.
//
// A provider is data where it can be: an OpenAI-compatible provider is a row here
// and nothing else. Irregular vendors name a Dialect whose translator lives in its
// own file (anthropic.cc, gemini.cc, bedrock.cc, cohere.cc, ...).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "vocab/endpoint.h"

namespace gw::providers {

/// The wire dialect a provider speaks; selects the translator.
enum class Dialect {
  OpenAI,          ///< OpenAI, Azure OpenAI and every OpenAI-compatible API
  Anthropic,
  Cohere,
  AI21,
  MosaicML,
  PaLM,
  Gemini,
  Bedrock,
  HuggingFaceTGI,
  MlflowServing,
  Mistral,
  TogetherAI,
  Mock,            ///< answered by the core itself (demo/test provider)
  Unsupported,     ///< parses, but no translator here (e.g. vertex_ai, litellm)
};

using vocab::bitOf;
using vocab::kChatBit;
using vocab::kCompletionsBit;
using vocab::kEmbeddingsBit;

/// How the API key travels.
struct AuthSpec {
  std::string_view header;   ///< lower-case header name; empty = no auth header
  std::string_view scheme;   ///< prefix before the key, e.g. "Bearer "
};

/// One provider row.
struct ProviderSpec {
  std::string_view id;             ///< MLflow's `provider:` value, e.g. "openai"
  std::string_view displayName;    ///< e.g. "OpenAI" (used in MLflow's 501 text)
  Dialect dialect = Dialect::OpenAI;
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
};

/// MLflow's normalisation: '-' -> '_', upper-cased ("amazon-bedrock" -> "AMAZON_BEDROCK").
std::string normalizeProviderName(std::string_view name);

/// Looks a `provider:` value up (any case, '-' or '_'); nullptr when unknown.
const ProviderSpec* findProvider(std::string_view providerAsWritten);

/// Every row, for listings and tests.
std::span<const ProviderSpec> allProviders();

/// Whether a config key holds a secret (resolved from `$ENV`/file, never echoed).
bool isSecretKey(std::string_view key);

}  // namespace gw::providers
