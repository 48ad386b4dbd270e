// Config loader: `model:` (provider lookup, provider config, MLflow's
// provider-specific rules), `limit:` and how YAML scalars are typed.
#include <cstdio>

#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::hasDiag;
using testing::loadOk;
using testing::onlyError;

TEST(ConfigProvider, UnsupportedProvider) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: my_llm
      config: {}
)", {}), "The provider 'my_llm' is not supported.", 5, 17));
}

TEST(ConfigProvider, ProviderNamesAreNormalisedLikeMlflow) {
  auto config = loadOk(R"(endpoints:
  - name: titan
    endpoint_type: llm/v1/completions
    model:
      provider: AMAZON_BEDROCK
      name: amazon.titan-tg1-large
      config:
        aws_config: {aws_region: us-east-1}
)", {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].model.provider, "amazon-bedrock");
  EXPECT_EQ(config->endpoints[0].model.providerAsWritten, "AMAZON_BEDROCK");
  EXPECT_EQ(config->endpoints[0].model.config["aws_config"]["aws_region"], "us-east-1");
}

TEST(ConfigProvider, ConfigIsRequired) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: anthropic
      name: claude-3-haiku
)", {}),
                        "A config must be supplied when setting a provider. The provider entry "
                        "for anthropic is incorrect.",
                        5, 7));
}

TEST(ConfigProvider, ProviderIsRequired) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      name: gpt-4o
      config: {openai_api_key: x}
)", {}), "A provider must be provided for each gateway route.", 5, 7));
}

TEST(ConfigProvider, RequiredConfigKeysPerProviderRow) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      config:
        openai_api_base: https://example.com/v1
)", {}), "Missing required config key 'openai_api_key' for provider 'openai'.", 7, 9));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: tgi
    endpoint_type: llm/v1/completions
    model:
      provider: huggingface-text-generation-inference
      config: {}
)", {}),
                        "Missing required config key 'hf_server_url' for provider "
                        "'huggingface-text-generation-inference'.",
                        6, 15));
}

TEST(ConfigProvider, AI21ModelNames) {
  const char* yaml = R"(endpoints:
  - name: j2
    endpoint_type: llm/v1/completions
    model:
      provider: ai21labs
      name: %s
      config: {ai21labs_api_key: k}
)";
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, yaml, "j2-jumbo");
  EXPECT_TRUE(onlyError(loadConfig(buffer, {}),
                        "An Unsupported AI21Labs model has been specified: 'j2-jumbo'. Please "
                        "see documentation for supported models.",
                        6, 13));
  for (const char* ok : {"j2-ultra", "j2-mid", "j2-light"}) {
    std::snprintf(buffer, sizeof buffer, yaml, ok);
    EXPECT_NE(loadConfig(buffer, {}).config, nullptr) << ok;
  }
}

TEST(ConfigProvider, MosaicMLChatModelsMustBeLlama2) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: mosaicml
      name: mpt-7b-instruct
      config: {mosaicml_api_key: k}
)", {}),
                        "An invalid model has been specified for the chat route. "
                        "'mpt-7b-instruct'. Ensure the model selected starts with one of: "
                        "['llama2']",
                        6, 13));
  // Case-insensitive, and only for chat.
  EXPECT_NE(loadConfig("endpoints:\n  - {name: c, endpoint_type: llm/v1/chat, model: "
                       "{provider: mosaicml, name: LLAMA2-70b, config: {mosaicml_api_key: k}}}\n",
                       {}).config, nullptr);
  EXPECT_NE(loadConfig("endpoints:\n  - {name: c, endpoint_type: llm/v1/completions, model: "
                       "{provider: mosaicml, name: mpt-7b, config: {mosaicml_api_key: k}}}\n",
                       {}).config, nullptr);
}

constexpr const char* kOpenAIHead = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      config:
        openai_api_key: sk-x
)";

LoadResult loadOpenAI(const std::string& extra) {
  return loadConfig(std::string(kOpenAIHead) + extra, {});
}

TEST(ConfigOpenAI, DefaultBaseUrlAndTypeAreWrittenIntoConfig) {
  LoadResult result = loadOpenAI("");
  ASSERT_NE(result.config, nullptr);
  const Json& config = result.config->endpoints[0].model.config;
  EXPECT_EQ(config["openai_api_base"], "https://api.openai.com/v1");
  EXPECT_EQ(config["openai_api_type"], "openai");
  // Our own `api_base` wins: no default is written then.
  result = loadOpenAI("        api_base: http://localhost:8080/v1\n");
  ASSERT_NE(result.config, nullptr);
  EXPECT_FALSE(result.config->endpoints[0].model.config.contains("openai_api_base"));
}

TEST(ConfigOpenAI, DeploymentNameNeedsAzureType) {
  EXPECT_TRUE(onlyError(loadOpenAI("        openai_deployment_name: dep\n"),
                        "OpenAI route configuration can only specify a value for "
                        "'openai_deployment_name' if 'openai_api_type' is 'azure' or "
                        "'azuread'. Found type: 'openai'",
                        8, 33));
}

TEST(ConfigOpenAI, OrganizationNeedsOpenAIType) {
  EXPECT_TRUE(onlyError(loadOpenAI("        openai_api_type: azure\n"
                                   "        openai_api_base: https://x.openai.azure.com/\n"
                                   "        openai_deployment_name: dep\n"
                                   "        openai_api_version: '2023-05-15'\n"
                                   "        openai_organization: org\n"),
                        "OpenAI route configuration can only specify a value for "
                        "'openai_organization' if 'openai_api_type' is 'openai'",
                        12, 30));
}

TEST(ConfigOpenAI, AzureNeedsBaseDeploymentAndVersion) {
  EXPECT_TRUE(onlyError(loadOpenAI("        openai_api_type: AzureAD\n"
                                   "        openai_api_base: https://x.openai.azure.com/\n"),
                        "OpenAI route configuration must specify 'openai_api_base', "
                        "'openai_deployment_name', and 'openai_api_version' if "
                        "'openai_api_type' is 'azure' or 'azuread'.",
                        7, 9));
  LoadResult ok = loadOpenAI("        openai_api_type: AZURE\n"
                             "        openai_api_base: https://x.openai.azure.com/\n"
                             "        openai_deployment_name: dep\n"
                             "        openai_api_version: '2023-05-15'\n");
  ASSERT_NE(ok.config, nullptr) << testing::dump(ok.errors);
  EXPECT_EQ(ok.config->endpoints[0].model.config["openai_api_type"], "azure");
}

TEST(ConfigOpenAI, InvalidApiType) {
  EXPECT_TRUE(onlyError(loadOpenAI("        openai_api_type: Bogus\n"),
                        "Invalid OpenAI API type 'bogus'", 8, 26));
}

TEST(ConfigOpenAI, AzureProviderWithOpenAITypeWarns) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: azure
      config: {openai_api_key: k}
)", {});
  ASSERT_NE(result.config, nullptr);
  EXPECT_EQ(result.config->endpoints[0].model.provider, "azure");
  EXPECT_TRUE(hasDiag(result.warnings,
                      "Provider 'azure' is used with openai_api_type 'openai'; set "
                      "openai_api_type to 'azure' or 'azuread' for Azure OpenAI.",
                      6, 15));
}

LoadResult loadLimit(const std::string& limit) {
  return loadConfig("endpoints:\n"
                    "  - name: chat\n"
                    "    endpoint_type: llm/v1/chat\n"
                    "    model: {provider: mock}\n"
                    "    limit:\n" + limit, {});
}

TEST(ConfigLimit, ParsesGranularities) {
  struct Case {
    const char* period;
    int64_t ms;
    const char* unit;
  };
  const Case cases[] = {{"second", 1000, "second"},
                        {"Minutes", 60000, "minute"},
                        {"HOUR", 3600000, "hour"},
                        {"days", 86400000, "day"},
                        {"month", 30LL * 86400000, "month"},
                        {"year", 360LL * 86400000, "year"},
                        {"5 minutes", 300000, "minute"}};
  for (const Case& c : cases) {
    LoadResult result = loadLimit(std::string("      renewal_period: ") + c.period +
                                  "\n      calls: 10\n");
    ASSERT_NE(result.config, nullptr) << c.period << testing::dump(result.errors);
    const Limit& limit = *result.config->endpoints[0].limit;
    EXPECT_EQ(limit.renewalPeriod, c.period);
    EXPECT_EQ(limit.calls, 10);
    EXPECT_EQ(limit.periodMs, c.ms) << c.period;
    EXPECT_EQ(limit.periodUnit, c.unit);
    EXPECT_FALSE(limit.key.has_value());
  }
}

TEST(ConfigLimit, KeyIsEchoed) {
  LoadResult result =
      loadLimit("      renewal_period: minute\n      calls: '7'\n      key: user\n");
  ASSERT_NE(result.config, nullptr) << testing::dump(result.errors);
  EXPECT_EQ(result.config->endpoints[0].limit->key, "user");
  EXPECT_EQ(result.config->endpoints[0].limit->calls, 7);  // quoted: coerced like pydantic
}

constexpr std::string_view kLimitMessage =
    "Failed to parse the rate limit configuration.Please make sure limit.calls is a positive "
    "number andlimit.renewal_period is a right granularity";

TEST(ConfigLimit, BadCallsUseMlflowMessage) {
  for (const char* calls : {"0", "-1", "many", "1.5", "true"}) {
    LoadResult result =
        loadLimit(std::string("      renewal_period: minute\n      calls: ") + calls + "\n");
    EXPECT_TRUE(onlyError(result, kLimitMessage, 7, 14)) << calls;
  }
}

TEST(ConfigLimit, BadRenewalPeriodUsesMlflowMessage) {
  for (const char* period : {"fortnight", "60", "0 minutes", "minute minute"}) {
    LoadResult result =
        loadLimit(std::string("      renewal_period: ") + period + "\n      calls: 5\n");
    EXPECT_TRUE(onlyError(result, kLimitMessage, 6, 23)) << period;
  }
}

TEST(ConfigLimit, MissingFields) {
  EXPECT_TRUE(onlyError(loadLimit("      calls: 5\n"),
                        "Missing required key 'renewal_period' in 'limit'.", 6, 7));
}

TEST(ConfigValues, ScalarsKeepTheirYamlTypes) {
  auto config = loadOk(R"(endpoints:
  - name: compat
    endpoint_type: llm/v1/chat
    model:
      provider: openai-compatible
      config:
        api_base: https://compat.example/v1
        latency_ms: 25
        fail_rate: 0.5
        reply: "42"
        embedding_dimensions: '8'
        fail_status: yes
        nested: {on: off, list: [1, "2", three, ~]}
)", {});
  ASSERT_NE(config, nullptr);
  const Json& c = config->endpoints[0].model.config;
  EXPECT_EQ(c["latency_ms"], 25);
  EXPECT_TRUE(c["latency_ms"].is_number_integer());
  EXPECT_EQ(c["fail_rate"], 0.5);
  EXPECT_EQ(c["reply"], "42");
  EXPECT_EQ(c["embedding_dimensions"], "8");
  EXPECT_EQ(c["fail_status"], true);  // YAML 1.1, as PyYAML reads it
  EXPECT_EQ(dumpJson(c["nested"]), R"({"on":false,"list":[1,"2","three",null]})");
}

TEST(ConfigProvider, UnimplementedTypeWarnsButLoads) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: embed
    endpoint_type: llm/v1/embeddings
    model:
      provider: anthropic
      config: {anthropic_api_key: k}
)", {});
  ASSERT_NE(result.config, nullptr);
  EXPECT_TRUE(hasDiag(result.warnings,
                      "Provider 'anthropic' does not implement llm/v1/embeddings in this "
                      "gateway; requests to 'embed' will be answered with 501.",
                      2, 5));
}

}  // namespace
}  // namespace gw::config
