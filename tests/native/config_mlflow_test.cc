// Configs in MLflow's documented shapes (tests/config/mlflow) and the
// examples of the reference document must load, with the env they name.
#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::fixtureDir;
using testing::loadOk;
using testing::readFixture;
using testing::withEnv;

// Every variable the examples reference, with a distinct value each.
LoadInputs exampleEnv() {
  return withEnv({{"OPENAI_API_KEY", "sk-openai"},
                  {"AZURE_AAD_TOKEN", "aad-token"},
                  {"ANTHROPIC_API_KEY", "sk-ant"},
                  {"COHERE_API_KEY", "co-key"},
                  {"AI21LABS_API_KEY", "ai21-key"},
                  {"MOSAICML_API_KEY", "mosaic-key"},
                  {"PALM_API_KEY", "palm-key"},
                  {"GEMINI_API_KEY", "gemini-key"},
                  {"MISTRAL_API_KEY", "mistral-key"},
                  {"TOGETHERAI_API_KEY", "together-key"},
                  {"AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"},
                  {"AWS_SECRET_ACCESS_KEY", "aws-secret"}});
}

struct Example {
  const char* file;
  Generation generation;
  size_t endpoints;
};

class MlflowExample : public ::testing::TestWithParam<Example> {};

TEST_P(MlflowExample, LoadsUnchanged) {
  const Example& example = GetParam();
  const std::string yaml = readFixture(fixtureDir() / "mlflow" / example.file);
  ASSERT_FALSE(yaml.empty()) << "missing fixture " << example.file;
  LoadResult result = loadConfig(yaml, exampleEnv());
  ASSERT_TRUE(result.errors.empty()) << testing::dump(result.errors);
  ASSERT_NE(result.config, nullptr);
  EXPECT_EQ(result.config->generation, example.generation);
  EXPECT_EQ(result.config->endpoints.size(), example.endpoints);
  for (const Endpoint& endpoint : result.config->endpoints) {
    EXPECT_EQ(endpoint.declaredAsRoute, example.generation == Generation::Routes);
    EXPECT_FALSE(endpoint.model.provider.empty());
  }
  // Nothing unknown in MLflow's own files.
  for (const Diagnostic& warning : result.warnings) {
    EXPECT_EQ(warning.message.find("Unknown"), std::string::npos) << warning.message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, MlflowExample,
    ::testing::Values(Example{"gateway_openai_routes.yaml", Generation::Routes, 3},
                      Example{"gateway_mosaicml_routes.yaml", Generation::Routes, 3},
                      Example{"gateway_ai21labs_routes.yaml", Generation::Routes, 1},
                      Example{"gateway_cohere_routes.yaml", Generation::Routes, 2},
                      Example{"gateway_mlflow_serving_routes.yaml", Generation::Routes, 2},
                      Example{"deployments_bedrock_routes.yaml", Generation::Routes, 1},
                      Example{"deployments_palm_routes.yaml", Generation::Routes, 3},
                      Example{"deployments_openai.yaml", Generation::Endpoints, 3},
                      Example{"gateway_azure_openai.yaml", Generation::Endpoints, 3},
                      Example{"gateway_anthropic.yaml", Generation::Endpoints, 1},
                      Example{"gateway_togetherai.yaml", Generation::Endpoints, 3},
                      Example{"gateway_bedrock.yaml", Generation::Endpoints, 1},
                      Example{"gateway_gemini.yaml", Generation::Endpoints, 3},
                      Example{"gateway_huggingface.yaml", Generation::Endpoints, 1},
                      Example{"gateway_mistral.yaml", Generation::Endpoints, 2}),
    [](const ::testing::TestParamInfo<Example>& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      return name;
    });

TEST(MlflowExamples, OpenAIRoutesDetails) {
  auto config = loadOk(readFixture(fixtureDir() / "mlflow" / "gateway_openai_routes.yaml"),
                       exampleEnv());
  ASSERT_NE(config, nullptr);
  const Endpoint& chat = config->endpoints[0];
  EXPECT_EQ(chat.name, "chat");
  ASSERT_TRUE(chat.limit.has_value());
  EXPECT_EQ(chat.limit->renewalPeriod, "minute");
  EXPECT_EQ(chat.limit->calls, 1);
  EXPECT_EQ(chat.limit->periodMs, 60000);
  EXPECT_EQ(dumpJson(chat.model.config),
            R"({"openai_api_key":"sk-openai","openai_api_base":"https://api.openai.com/v1",)"
            R"("openai_api_type":"openai"})");
  EXPECT_EQ(config->endpoints[2].type, RouteType::Embeddings);
}

TEST(MlflowExamples, AzureDetails) {
  auto config = loadOk(readFixture(fixtureDir() / "mlflow" / "gateway_azure_openai.yaml"),
                       exampleEnv());
  ASSERT_NE(config, nullptr);
  const Json& completions = config->endpoints[1].model.config;
  EXPECT_EQ(completions["openai_api_type"], "azuread");
  EXPECT_EQ(completions["openai_api_key"], "aad-token");
  EXPECT_EQ(completions["openai_api_version"], "2023-05-15");
}

TEST(MlflowExamples, BedrockAliasResolvesAwsKeys) {
  auto config = loadOk(readFixture(fixtureDir() / "mlflow" / "gateway_bedrock.yaml"),
                       exampleEnv());
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].model.provider, "amazon-bedrock");
  EXPECT_EQ(config->endpoints[0].model.config["aws_config"]["aws_secret_access_key"],
            "aws-secret");
}

TEST(MlflowExamples, MissingEnvironmentIsReportedForEveryEndpoint) {
  LoadResult result =
      loadConfig(readFixture(fixtureDir() / "mlflow" / "gateway_gemini.yaml"), {});
  ASSERT_EQ(result.errors.size(), 3u) << testing::dump(result.errors);
  for (const Diagnostic& error : result.errors) {
    EXPECT_EQ(error.message, "Environment variable 'GEMINI_API_KEY' is not set");
    EXPECT_EQ(error.pos.column, 25);
  }
}

// Reference section 2.2, verbatim.
TEST(ReferenceExamples, EndpointEntry) {
  auto config = loadOk(R"(endpoints:
  - name: chat                      # required
    endpoint_type: llm/v1/chat      # required; G1 key: route_type
    model:                          # required
      provider: openai              # required
      name: gpt-4o-mini             # optional (string); for most providers it is the upstream model id
      config:                       # provider-specific; required for built-in providers
        openai_api_key: $OPENAI_API_KEY
    limit:                          # optional, G2 2.10+ (#10779)
      renewal_period: minute
      calls: 10
)", exampleEnv());
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].limit->calls, 10);
  EXPECT_EQ(config->endpoints[0].model.name, "gpt-4o-mini");
}

// Reference section 2.3 with the endpoints it names, and the migration guide's pair.
TEST(ReferenceExamples, TrafficRouteAndMigrationGuide) {
  auto config = loadOk(R"(endpoints:
  - {name: chat1, endpoint_type: llm/v1/chat, model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: $OPENAI_API_KEY}}}
  - {name: chat2, endpoint_type: llm/v1/chat, model: {provider: anthropic, name: claude-3-5-haiku, config: {anthropic_api_key: $ANTHROPIC_API_KEY}}}
routes:
  - name: chat-route
    task_type: llm/v1/chat           # must equal endpoint_type of every destination
    destinations:
      - name: chat1                  # must be an endpoint name
        traffic_percentage: 80       # int 0..100
      - name: chat2
        traffic_percentage: 20       # sum must be exactly 100
    routing_strategy: TRAFFIC_SPLIT  # only allowed value (default)
)", exampleEnv());
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->routes[0].destinations[1].trafficPercentage, 20);

  const char* deprecated = R"(routes:
  - name: chat
    route_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
)";
  const char* migrated = R"(endpoints:  # Renamed to "endpoints"
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
)";
  auto before = loadOk(deprecated, exampleEnv());
  auto after = loadOk(migrated, exampleEnv());
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(dumpJson(before->endpoints[0].model.config),
            dumpJson(after->endpoints[0].model.config));
}

}  // namespace
}  // namespace gw::config
