// Config loader: both generations, document shape, endpoint rules.
// Providers and limits, secrets, extensions, traffic routes, MLflow's examples and malformed YAML
// have their own config_*_test.cc files.
#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::hasDiag;
using testing::hasError;
using testing::loadOk;
using testing::onlyError;
using testing::withEnv;

const LoadInputs kEnv = withEnv({{"OPENAI_API_KEY", "sk-test"}});

TEST(ConfigGenerations, LoadsEndpointsGeneration) {
  auto config = loadOk(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: OpenAI
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
)", kEnv);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->generation, Generation::Endpoints);
  ASSERT_EQ(config->endpoints.size(), 1u);
  const Endpoint& e = config->endpoints[0];
  EXPECT_EQ(e.name, "chat");
  EXPECT_EQ(e.type, RouteType::Chat);
  EXPECT_FALSE(e.declaredAsRoute);
  EXPECT_EQ(e.model.provider, "openai");
  EXPECT_EQ(e.model.providerAsWritten, "OpenAI");
  EXPECT_EQ(e.model.name, "gpt-4o-mini");
  EXPECT_EQ(e.model.config["openai_api_key"], "sk-test");
  EXPECT_EQ(e.timeoutMs, 300000);
  EXPECT_EQ(e.pos.line, 2);
  EXPECT_EQ(e.pos.column, 5);
  EXPECT_EQ(config->findEndpoint("chat"), &e);
  EXPECT_EQ(config->findEndpoint("nope"), nullptr);
}

TEST(ConfigGenerations, LoadsRoutesGeneration) {
  auto config = loadOk(R"(routes:
  - name: completions
    route_type: llm/v1/completions
    model:
      provider: openai
      name: gpt-3.5-turbo
      config:
        openai_api_key: $OPENAI_API_KEY
)", kEnv);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->generation, Generation::Routes);
  ASSERT_EQ(config->endpoints.size(), 1u);
  EXPECT_TRUE(config->endpoints[0].declaredAsRoute);
  EXPECT_EQ(config->endpoints[0].type, RouteType::Completions);
  EXPECT_TRUE(config->routes.empty());
}

TEST(ConfigGenerations, RouteTypeInsideEndpointsIsAcceptedWithWarning) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: chat
    route_type: llm/v1/embeddings
    model: {provider: mock}
)", {});
  ASSERT_NE(result.config, nullptr) << testing::dump(result.errors);
  EXPECT_EQ(result.config->endpoints[0].type, RouteType::Embeddings);
  EXPECT_TRUE(hasDiag(result.warnings,
                      "The 'route_type' configuration key has been deprecated and will be "
                      "removed in an upcoming release. Use 'endpoint_type' instead.",
                      3, 5));
}

TEST(ConfigGenerations, LegacyRoutesNextToEndpointsWarn) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: a
    endpoint_type: llm/v1/chat
    model: {provider: mock}
routes:
  - name: b
    route_type: llm/v1/chat
    model: {provider: mock}
)", {});
  ASSERT_NE(result.config, nullptr) << testing::dump(result.errors);
  EXPECT_EQ(result.config->generation, Generation::Endpoints);
  ASSERT_EQ(result.config->endpoints.size(), 2u);
  EXPECT_TRUE(result.config->endpoints[1].declaredAsRoute);
  EXPECT_TRUE(hasDiag(result.warnings,
                      "The 'routes' configuration key has been deprecated and will be removed "
                      "in an upcoming release. Use 'endpoints' instead.",
                      5, 1));
}

TEST(ConfigGenerations, RoutesEntriesAreToldApartByShape) {
  LoadResult result = loadConfig(R"(endpoints:
  - {name: a, endpoint_type: llm/v1/chat, model: {provider: mock}}
routes:
  - name: split
    destinations: [{name: a, traffic_percentage: 100}]
    task_type: llm/v1/chat
  - name: old
    route_type: llm/v1/chat
    model: {provider: mock}
  - name: bare
)", {});
  EXPECT_EQ(result.config, nullptr);
  // `bare` has neither shape; next to `endpoints:` it is read as a traffic route.
  EXPECT_TRUE(hasError(result, "Missing required key 'task_type' in route 'bare'.", 10, 5));
  EXPECT_TRUE(hasError(result, "Missing required key 'destinations' in route 'bare'.", 10, 5));
  EXPECT_EQ(result.errors.size(), 2u) << testing::dump(result.errors);
}

TEST(ConfigGenerations, NeitherEndpointsNorRoutesIsAnError) {
  EXPECT_TRUE(onlyError(loadConfig("name: x\n", {}),
                        "The configuration must contain an 'endpoints' list (MLflow 2.9+) or a "
                        "'routes' list of route definitions (MLflow 2.5-2.8).",
                        1, 1));
}

TEST(ConfigGenerations, EmptyEndpointListLoadsWithWarning) {
  LoadResult result = loadConfig("endpoints: []\n", {});
  ASSERT_NE(result.config, nullptr);
  EXPECT_TRUE(result.config->endpoints.empty());
  EXPECT_TRUE(hasDiag(result.warnings, "No endpoints are configured.", 1, 1));
}

TEST(ConfigShape, TopLevelMustBeAMap) {
  EXPECT_TRUE(onlyError(loadConfig("- name: x\n", {}),
                        "The gateway configuration must be a map with an 'endpoints' list, got "
                        "a list.",
                        1, 1));
  EXPECT_TRUE(onlyError(loadConfig("just text\n", {}),
                        "The gateway configuration must be a map with an 'endpoints' list, got "
                        "a string.",
                        1, 1));
}

TEST(ConfigShape, WrongNodeTypesAreReportedWhereTheyAre) {
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  name: x\n", {}),
                        "Expected a list for 'endpoints', got a map.", 2, 3));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n", {}),
                        "Expected a list for 'endpoints', got null.", 1, 1));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - chat\n", {}),
                        "Expected a map for 'endpoints[0]', got a string.", 2, 5));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: a
    endpoint_type: llm/v1/chat
    model: mock
)", {}), "Expected a map for 'model', got a string.", 4, 12));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: a
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      config: [openai_api_key]
)", {}), "Expected a map for 'config', got a list.", 6, 15));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: [a]
    endpoint_type: llm/v1/chat
    model: {provider: mock}
)", {}),
                        "Expected a string for 'name', got a list.", 2, 11));
}

TEST(ConfigShape, UnknownKeysAreIgnoredWithWarnings) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    colour: blue
    model:
      provider: openai
      flavour: x
      config:
        openai_api_key: sk-literal
        temperature: 0.2
server: {port: 1}
)", {});
  ASSERT_NE(result.config, nullptr) << testing::dump(result.errors);
  EXPECT_TRUE(hasDiag(result.warnings, "Unknown key 'colour' is ignored.", 4, 5));
  EXPECT_TRUE(hasDiag(result.warnings, "Unknown key 'flavour' is ignored.", 7, 7));
  EXPECT_TRUE(hasDiag(result.warnings,
                      "Unknown config key 'temperature' for provider 'openai' is ignored.", 10,
                      9));
  EXPECT_TRUE(hasDiag(result.warnings, "Unknown key 'server' is ignored.", 11, 1));
  // Kept in the config all the same (as a number, it was an unquoted float).
  EXPECT_EQ(result.config->endpoints[0].model.config["temperature"], 0.2);
}

TEST(ConfigShape, DuplicateKeysKeepTheLastValueWithWarning) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: first
    name: second
    endpoint_type: llm/v1/chat
    model: {provider: mock}
)", {});
  ASSERT_NE(result.config, nullptr);
  EXPECT_EQ(result.config->endpoints[0].name, "second");
  EXPECT_TRUE(hasDiag(result.warnings, "Duplicate key 'name': the last value is used.", 3, 5));
}

TEST(ConfigEndpoint, NameMustMatchMlflowPattern) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: my chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
)", {}),
                        "The route name provided contains disallowed characters for a url "
                        "endpoint. 'my chat' is invalid. Names cannot contain spaces or any non "
                        "alphanumeric characters other than hyphen and underscore.",
                        2, 11));
  // Dots are allowed (although the message does not say so); non-ASCII is not (HEAD).
  EXPECT_NE(loadConfig("endpoints:\n  - {name: a.b-c_1, endpoint_type: llm/v1/chat, model: "
                       "{provider: mock}}\n", {}).config, nullptr);
  EXPECT_EQ(loadConfig("endpoints:\n  - {name: caf\xC3\xA9, endpoint_type: llm/v1/chat, "
                       "model: {provider: mock}}\n", {}).errors.size(), 1u);
}

TEST(ConfigEndpoint, DuplicateNamesUseMlflowHeadText) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
)", {}),
                        "Duplicate names found in endpoint / route configurations. Please "
                        "remove the duplicate endpoint / route name from the configuration to "
                        "ensure that endpoints / routes are created properly.",
                        5, 11));
}

TEST(ConfigEndpoint, UnsupportedEndpointType) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v2/chat
    model: {provider: mock}
)", {}), "The route_type 'llm/v2/chat' is not supported.", 3, 20));
  EXPECT_TRUE(onlyError(loadConfig(R"(routes:
  - name: chat
    route_type: chat
    model: {provider: mock}
)", {}), "The route_type 'chat' is not supported.", 3, 17));
}

TEST(ConfigEndpoint, MissingRequiredKeys) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    model: {provider: mock}
)", {}), "Missing required key 'endpoint_type' in endpoint 'chat'.", 2, 5));
  EXPECT_TRUE(onlyError(loadConfig(R"(routes:
  - name: chat
    model: {provider: mock}
)", {}), "Missing required key 'route_type' in route 'chat'.", 2, 5));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - endpoint_type: llm/v1/chat
    model: {provider: mock}
)", {}), "Missing required key 'name' in endpoints[0].", 2, 5));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
)", {}), "Missing required key 'model' in endpoint 'chat'.", 2, 5));
}

TEST(ConfigErrors, AllErrorsAreCollectedInPositionOrder) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: bad name
    endpoint_type: llm/v1/chat
    model: {provider: nope, config: {}}
  - name: ok
    endpoint_type: llm/v9
    model:
      provider: openai
      config: {openai_api_key: $MISSING_KEY}
    limit: {renewal_period: week, calls: 1}
)", {});
  EXPECT_EQ(result.config, nullptr);
  ASSERT_EQ(result.errors.size(), 5u) << testing::dump(result.errors);
  EXPECT_EQ(result.errors[0].pos.line, 2);
  EXPECT_EQ(result.errors[1].message, "The provider 'nope' is not supported.");
  EXPECT_EQ(result.errors[1].path, "endpoints[0].model.provider");
  EXPECT_EQ(result.errors[2].message, "The route_type 'llm/v9' is not supported.");
  EXPECT_EQ(result.errors[3].message, "Environment variable 'MISSING_KEY' is not set");
  EXPECT_EQ(result.errors[3].path, "endpoints[1].model.config.openai_api_key");
  EXPECT_EQ(result.errors[4].pos.line, 10);
}

TEST(ConfigRouteTypes, NamesRoundTrip) {
  for (RouteType type : {RouteType::Completions, RouteType::Chat, RouteType::Embeddings}) {
    EXPECT_EQ(parseRouteType(routeTypeName(type)), type);
  }
  EXPECT_EQ(std::string(routeTypeName(RouteType::Chat)), "llm/v1/chat");
  EXPECT_FALSE(parseRouteType("llm/v1/CHAT").has_value());
}

}  // namespace
}  // namespace gw::config
