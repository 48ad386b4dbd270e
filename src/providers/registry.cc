#include "providers/registry.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "providers/dialects/ai21.h"
#include "providers/dialects/anthropic.h"
#include "providers/dialects/bedrock.h"
#include "providers/dialects/cohere.h"
#include "providers/dialects/gemini.h"
#include "providers/dialects/mistral.h"
#include "providers/dialects/mlflow_serving.h"
#include "providers/dialects/mosaicml.h"
#include "providers/dialects/palm.h"
#include "providers/dialects/tgi.h"
#include "providers/dialects/togetherai.h"
#include "providers/inline_compat.h"
#include "providers/mock/mock.h"
#include "providers/openai.h"

namespace gw::providers {
namespace {

using K = std::string_view;
constexpr uint8_t kAll = kCompletionsBit | kChatBit | kEmbeddingsBit;
constexpr uint8_t kChatEmbed = kChatBit | kEmbeddingsBit;
constexpr uint8_t kChatCompl = kChatBit | kCompletionsBit;
constexpr AuthSpec kBearer{"authorization", "Bearer "};
constexpr AuthSpec kOllamaAuth{"authorization", "Bearer ", "ollama"};

// Config keys per provider (MLflow's CONFIG_TYPE fields, plus our `api_base`).
constexpr K kOpenAIKeys[] = {"openai_api_key", "openai_api_type", "openai_api_base",
                             "openai_api_version", "openai_deployment_name",
                             "openai_organization", "api_base"};
constexpr K kOpenAIRequired[] = {"openai_api_key"};
constexpr K kAnthropicKeys[] = {"anthropic_api_key", "anthropic_version", "api_base"};
constexpr K kAnthropicRequired[] = {"anthropic_api_key"};
constexpr K kCohereKeys[] = {"cohere_api_key", "api_base"};
constexpr K kCohereRequired[] = {"cohere_api_key"};
constexpr K kAI21Keys[] = {"ai21labs_api_key", "api_base"};
constexpr K kAI21Required[] = {"ai21labs_api_key"};
constexpr K kMosaicKeys[] = {"mosaicml_api_key", "mosaicml_api_base", "api_base"};
constexpr K kMosaicRequired[] = {"mosaicml_api_key"};
constexpr K kPalmKeys[] = {"palm_api_key", "api_base"};
constexpr K kPalmRequired[] = {"palm_api_key"};
constexpr K kGeminiKeys[] = {"gemini_api_key", "api_base"};
constexpr K kGeminiRequired[] = {"gemini_api_key"};
constexpr K kBedrockKeys[] = {"aws_config", "api_base"};
constexpr K kTgiKeys[] = {"hf_server_url", "api_base"};
constexpr K kTgiRequired[] = {"hf_server_url"};
constexpr K kServingKeys[] = {"model_server_url", "api_base"};
constexpr K kServingRequired[] = {"model_server_url"};
constexpr K kMistralKeys[] = {"mistral_api_key", "api_base"};
constexpr K kMistralRequired[] = {"mistral_api_key"};
constexpr K kTogetherKeys[] = {"togetherai_api_key", "api_base"};
constexpr K kTogetherRequired[] = {"togetherai_api_key"};
constexpr K kCompatKeys[] = {"api_key", "api_base"};
constexpr K kApiKeyRequired[] = {"api_key"};
constexpr K kInlineCompatKeys[] = {"api_key", "api_base", "auth_header", "auth_scheme",
                                   "route_types", "stream_route_types", "chat_path",
                                   "completions_path", "embeddings_path", "display_name"};
constexpr K kApiBaseRequired[] = {"api_base"};
constexpr K kPortkeyRequired[] = {"api_key", "api_base"};
constexpr K kDatabricksKeys[] = {"host", "token", "client_id", "client_secret", "api_base"};
constexpr K kVertexKeys[] = {"vertex_project", "vertex_location", "vertex_credentials"};
constexpr K kVertexRequired[] = {"vertex_project"};
constexpr K kLitellmKeys[] = {"litellm_provider", "litellm_auth_config"};
constexpr K kMockKeys[] = {"embedding_dimensions", "latency_ms", "fail_rate", "fail_status",
                           "reply"};

// The table. Each row starts with the vendor's API reference URL.
constexpr ProviderSpec kProviders[] = {
    {.id = "openai", .displayName = "OpenAI", .ops = &openAIOps,
     .docsUrl = "https://platform.openai.com/docs/api-reference",
     .defaultBaseUrl = kOpenAIBaseUrl, .baseUrlKey = "openai_api_base",
     .apiKeyField = "openai_api_key", .auth = kBearer, .routeTypes = kAll,
     .streamTypes = kChatCompl, .chatPath = "chat/completions",
     .completionsPath = "completions", .embeddingsPath = "embeddings",
     .requiredKeys = kOpenAIRequired, .knownKeys = kOpenAIKeys,
     .apiVersionQuery = true, .openAIApiType = true, .configRules = &openAIConfigRules},
    {.id = "azure", .displayName = "OpenAI", .ops = &openAIOps,
     .docsUrl = "https://learn.microsoft.com/azure/ai-services/openai/reference",
     .defaultBaseUrl = "", .baseUrlKey = "openai_api_base", .apiKeyField = "openai_api_key",
     .auth = kBearer, .routeTypes = kAll, .streamTypes = kChatCompl,
     .chatPath = "chat/completions", .completionsPath = "completions",
     .embeddingsPath = "embeddings", .requiredKeys = kOpenAIRequired,
     .knownKeys = kOpenAIKeys,
     .openAIApiType = true, .configRules = &azureConfigRules},
    {.id = "anthropic", .displayName = "Anthropic", .ops = &anthropicOps,
     .docsUrl = "https://docs.anthropic.com/en/api/messages",
     .defaultBaseUrl = "https://api.anthropic.com/v1", .apiKeyField = "anthropic_api_key",
     .auth = {"x-api-key", ""}, .routeTypes = kChatCompl, .streamTypes = kChatBit,
     .chatPath = "messages", .completionsPath = "complete",
     .requiredKeys = kAnthropicRequired, .knownKeys = kAnthropicKeys},
    {.id = "cohere", .displayName = "Cohere", .ops = &cohereOps,
     .docsUrl = "https://docs.cohere.com/v1/reference/chat",
     .defaultBaseUrl = "https://api.cohere.ai/v1", .apiKeyField = "cohere_api_key",
     .auth = kBearer, .routeTypes = kAll, .streamTypes = kChatCompl, .chatPath = "chat",
     .completionsPath = "generate", .embeddingsPath = "embed",
     .requiredKeys = kCohereRequired, .knownKeys = kCohereKeys},
    {.id = "ai21labs", .displayName = "AI21Labs", .ops = &ai21Ops,
     .docsUrl = "https://docs.ai21.com/reference/j2-complete-ref",
     .defaultBaseUrl = "https://api.ai21.com/studio/v1", .apiKeyField = "ai21labs_api_key",
     .auth = kBearer, .routeTypes = kCompletionsBit, .requiredKeys = kAI21Required,
     .knownKeys = kAI21Keys,
     .modelRules = &ai21ModelRules},
    {.id = "mosaicml", .displayName = "MosaicML", .ops = &mosaicMLOps,
     .docsUrl = "https://docs.mosaicml.com/en/latest/inference.html",
     .defaultBaseUrl = "https://models.hosted-on.mosaicml.hosting",
     .baseUrlKey = "mosaicml_api_base", .apiKeyField = "mosaicml_api_key",
     .auth = {"authorization", ""}, .routeTypes = kAll, .requiredKeys = kMosaicRequired,
     .knownKeys = kMosaicKeys,
     .modelRules = &mosaicMLModelRules},
    {.id = "palm", .displayName = "PaLM", .ops = &palmOps,
     .docsUrl = "https://developers.generativeai.google/api/rest/generativelanguage",
     .defaultBaseUrl = "https://generativelanguage.googleapis.com/v1beta3/models",
     .apiKeyField = "palm_api_key", .auth = {"x-goog-api-key", ""}, .routeTypes = kAll,
     .requiredKeys = kPalmRequired, .knownKeys = kPalmKeys},
    {.id = "gemini", .displayName = "Gemini", .ops = &geminiOps,
     .docsUrl = "https://ai.google.dev/api/generate-content",
     .defaultBaseUrl = "https://generativelanguage.googleapis.com/v1beta/models",
     .apiKeyField = "gemini_api_key", .auth = {"x-goog-api-key", ""}, .routeTypes = kAll,
     .streamTypes = kChatCompl, .requiredKeys = kGeminiRequired, .knownKeys = kGeminiKeys},
    {.id = "bedrock", .displayName = "Amazon Bedrock", .ops = &bedrockOps,
     .docsUrl = "https://docs.aws.amazon.com/bedrock/latest/APIReference/welcome.html",
     .apiKeyRequired = false, .routeTypes = kAll, .streamTypes = kChatBit,
     .knownKeys = kBedrockKeys},
    {.id = "amazon-bedrock", .displayName = "Amazon Bedrock", .ops = &bedrockOps,
     .docsUrl = "https://docs.aws.amazon.com/bedrock/latest/APIReference/welcome.html",
     .apiKeyRequired = false, .routeTypes = kAll, .streamTypes = kChatBit,
     .knownKeys = kBedrockKeys},
    {.id = "huggingface-text-generation-inference",
     .displayName = "Hugging Face Text Generation Inference",
     .ops = &tgiOps,
     .docsUrl = "https://huggingface.github.io/text-generation-inference/",
     .baseUrlKey = "hf_server_url", .apiKeyRequired = false,
     .routeTypes = kCompletionsBit, .completionsPath = "generate",
     .requiredKeys = kTgiRequired, .knownKeys = kTgiKeys},
    {.id = "mlflow-model-serving", .displayName = "MLflow Model Serving",
     .ops = &mlflowServingOps,
     .docsUrl = "https://mlflow.org/docs/latest/deployment/deploy-model-locally",
     .baseUrlKey = "model_server_url", .apiKeyRequired = false, .routeTypes = kAll,
     .chatPath = "invocations", .completionsPath = "invocations",
     .embeddingsPath = "invocations", .requiredKeys = kServingRequired,
     .knownKeys = kServingKeys},
    {.id = "mistral", .displayName = "Mistral", .ops = &mistralOps,
     .docsUrl = "https://docs.mistral.ai/api/",
     .defaultBaseUrl = "https://api.mistral.ai/v1", .apiKeyField = "mistral_api_key",
     .auth = kBearer, .routeTypes = kAll, .streamTypes = kChatBit,
     .chatPath = "chat/completions", .completionsPath = "chat/completions",
     .embeddingsPath = "embeddings", .requiredKeys = kMistralRequired,
     .knownKeys = kMistralKeys},
    {.id = "togetherai", .displayName = "TogetherAI", .ops = &togetherAIOps,
     .docsUrl = "https://docs.together.ai/reference/chat-completions-1",
     .defaultBaseUrl = "https://api.together.xyz/v1", .apiKeyField = "togetherai_api_key",
     .auth = kBearer, .routeTypes = kAll, .streamTypes = kChatCompl,
     .chatPath = "chat/completions", .completionsPath = "completions",
     .embeddingsPath = "embeddings", .requiredKeys = kTogetherRequired,
     .knownKeys = kTogetherKeys},
    // The OpenAI-compatible family: pure data.
    {.id = "groq", .displayName = "Groq", .ops = &openAIOps,
     .docsUrl = "https://console.groq.com/docs/api-reference",
     .defaultBaseUrl = "https://api.groq.com/openai/v1", .baseUrlKey = "api_base",
     .apiKeyField = "api_key", .auth = kBearer, .routeTypes = kChatEmbed,
     .streamTypes = kChatBit, .chatPath = "chat/completions",
     .embeddingsPath = "embeddings", .requiredKeys = kApiKeyRequired,
     .knownKeys = kCompatKeys},
    {.id = "deepseek", .displayName = "DeepSeek", .ops = &openAIOps,
     .docsUrl = "https://api-docs.deepseek.com/api/create-chat-completion",
     .defaultBaseUrl = "https://api.deepseek.com/v1", .baseUrlKey = "api_base",
     .apiKeyField = "api_key", .auth = kBearer, .routeTypes = kChatEmbed,
     .streamTypes = kChatBit, .chatPath = "chat/completions",
     .embeddingsPath = "embeddings", .requiredKeys = kApiKeyRequired,
     .knownKeys = kCompatKeys},
    {.id = "xai", .displayName = "xAI", .ops = &openAIOps,
     .docsUrl = "https://docs.x.ai/docs/api-reference",
     .defaultBaseUrl = "https://api.x.ai/v1", .baseUrlKey = "api_base",
     .apiKeyField = "api_key", .auth = kBearer, .routeTypes = kChatEmbed,
     .streamTypes = kChatBit, .chatPath = "chat/completions",
     .embeddingsPath = "embeddings", .requiredKeys = kApiKeyRequired,
     .knownKeys = kCompatKeys},
    {.id = "openrouter", .displayName = "OpenRouter", .ops = &openAIOps,
     .docsUrl = "https://openrouter.ai/docs/api-reference/overview",
     .defaultBaseUrl = "https://openrouter.ai/api/v1", .baseUrlKey = "api_base",
     .apiKeyField = "api_key", .auth = kBearer, .routeTypes = kChatEmbed,
     .streamTypes = kChatBit, .chatPath = "chat/completions",
     .embeddingsPath = "embeddings", .requiredKeys = kApiKeyRequired,
     .knownKeys = kCompatKeys},
    {.id = "ollama", .displayName = "Ollama", .ops = &openAIOps,
     .docsUrl = "https://github.com/ollama/ollama/blob/main/docs/openai.md",
     .defaultBaseUrl = "http://localhost:11434/v1", .baseUrlKey = "api_base",
     .apiKeyField = "api_key", .apiKeyRequired = false, .auth = kOllamaAuth,
     .routeTypes = kChatEmbed, .streamTypes = kChatBit, .chatPath = "chat/completions",
     .embeddingsPath = "embeddings", .knownKeys = kCompatKeys},
    {.id = "portkey", .displayName = "Portkey", .ops = &openAIOps,
     .docsUrl = "https://portkey.ai/docs/api-reference/inference-api/introduction",
     .baseUrlKey = "api_base", .apiKeyField = "api_key",
     .auth = {"x-portkey-api-key", ""}, .routeTypes = kChatEmbed, .streamTypes = kChatBit,
     .chatPath = "chat/completions", .embeddingsPath = "embeddings",
     .requiredKeys = kPortkeyRequired, .knownKeys = kCompatKeys},
    {.id = "databricks", .displayName = "Databricks", .ops = &openAIOps,
     .docsUrl = "https://docs.databricks.com/api/workspace/servingendpoints/query",
     .baseUrlKey = "host", .apiKeyField = "token", .apiKeyRequired = false,
     .auth = kBearer, .routeTypes = kChatEmbed, .streamTypes = kChatBit,
     .chatPath = "chat/completions", .embeddingsPath = "embeddings",
     .knownKeys = kDatabricksKeys, .hostPath = "serving-endpoints",
     .databricksWorkspace = true},
    {.id = "databricks-model-serving", .displayName = "Databricks", .ops = &openAIOps,
     .docsUrl = "https://docs.databricks.com/api/workspace/servingendpoints/query",
     .baseUrlKey = "host", .apiKeyField = "token", .apiKeyRequired = false,
     .auth = kBearer, .routeTypes = kChatEmbed, .streamTypes = kChatBit,
     .chatPath = "chat/completions", .embeddingsPath = "embeddings",
     .knownKeys = kDatabricksKeys, .hostPath = "serving-endpoints",
     .databricksWorkspace = true},
    // Declared inline in YAML: base URL, auth header and scheme come from `config:`.
    {.id = "openai-compatible", .displayName = "OpenAI-compatible",
     .ops = &openAIOps, .docsUrl = "https://platform.openai.com/docs/api-reference",
     .baseUrlKey = "api_base", .apiKeyField = "api_key", .apiKeyRequired = false,
     .auth = kBearer, .routeTypes = kAll, .streamTypes = kChatCompl,
     .chatPath = "chat/completions", .completionsPath = "completions",
     .embeddingsPath = "embeddings", .requiredKeys = kApiBaseRequired,
     .knownKeys = kInlineCompatKeys,
     .apiFromConfig = true, .configRules = &inlineConfigRules},
    {.id = "vertex_ai", .displayName = "Vertex AI", .docsUrl = "https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest",
     .apiKeyRequired = false, .requiredKeys = kVertexRequired, .knownKeys = kVertexKeys},
    {.id = "litellm", .displayName = "LiteLLM", .docsUrl = "https://docs.litellm.ai/",
     .apiKeyRequired = false,
     .knownKeys = kLitellmKeys},
    {.id = "mock", .displayName = "Mock", .ops = &mockOps,
     .docsUrl = "docs/PROVIDERS.md#mock", .apiKeyRequired = false, .routeTypes = kAll,
     .streamTypes = kChatCompl, .knownKeys = kMockKeys,
     .answeredByCore = true, .configOptional = true, .configRules = &mock::configRules},
};

}  // namespace

std::string normalizeProviderName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

const ProviderSpec* findProvider(std::string_view providerAsWritten) {
  for (const ProviderSpec& spec : kProviders) {  // the config's canonical id: no allocation
    if (spec.id == providerAsWritten) return &spec;
  }
  const std::string wanted = normalizeProviderName(providerAsWritten);
  for (const ProviderSpec& spec : kProviders) {
    if (normalizeProviderName(spec.id) == wanted) return &spec;
  }
  return nullptr;
}

std::span<const ProviderSpec> allProviders() { return kProviders; }

bool isSecretKey(std::string_view key) {
  static constexpr std::string_view kSecretNames[] = {
      "api_key", "token", "client_secret", "aws_access_key_id", "aws_secret_access_key",
      "aws_session_token", "aws_bearer_token"};
  if (key.size() >= 8 && key.substr(key.size() - 8) == "_api_key") return true;
  return std::find(std::begin(kSecretNames), std::end(kSecretNames), key) !=
         std::end(kSecretNames);
}

}  // namespace gw::providers
