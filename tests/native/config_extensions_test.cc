// Gateway extensions (not in MLflow): timeout_seconds, fallbacks, retries,
// enabled_if_env and the top-level auth block.
#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::hasDiag;
using testing::loadOk;
using testing::onlyError;
using testing::withEnv;

// One mock endpoint named `chat` (line 2) with extra lines after `model:` (line 5).
std::string chatWith(const std::string& extra) {
  return "endpoints:\n"
         "  - name: chat\n"
         "    endpoint_type: llm/v1/chat\n"
         "    model: {provider: mock}\n" + extra;
}

const std::string kOthers =
    "  - name: backup\n"
    "    endpoint_type: llm/v1/chat\n"
    "    model: {provider: mock}\n"
    "  - name: embed\n"
    "    endpoint_type: llm/v1/embeddings\n"
    "    model: {provider: mock}\n";

TEST(ConfigTimeout, DefaultAndExplicit) {
  auto config = loadOk(chatWith("    timeout_seconds: 2.5\n"), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].timeoutMs, 2500);
  config = loadOk(chatWith(""), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].timeoutMs, 300000);
}

TEST(ConfigTimeout, MustBePositiveNumber) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    timeout_seconds: 0\n"), {}),
                        "Expected a number > 0 for 'timeout_seconds', got 0.", 5, 22));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    timeout_seconds: soon\n"), {}),
                        "Expected a number > 0 for 'timeout_seconds', got a string.", 5, 22));
}

TEST(ConfigTimeout, FirstByteTimeoutWithinTheTotal) {
  auto config = loadOk(chatWith("    first_byte_timeout_seconds: 0.25\n"), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].firstByteTimeoutMs, 250);
  EXPECT_EQ(loadOk(chatWith(""), {})->endpoints[0].firstByteTimeoutMs, 0);
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    first_byte_timeout_seconds: -1\n"), {}),
                        "Expected a number > 0 for 'first_byte_timeout_seconds', got -1.", 5, 33));
  EXPECT_TRUE(onlyError(
      loadConfig(chatWith("    timeout_seconds: 10\n    first_byte_timeout_seconds: 30\n"), {}),
      "'first_byte_timeout_seconds' (30) must not exceed 'timeout_seconds' (10): the total time allowed.", 6, 33));
}

TEST(ConfigFallbacks, NamesOtherEndpointsOfTheSameType) {
  auto config = loadOk(chatWith("    fallbacks: [backup]\n" + kOthers), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].fallbacks, std::vector<std::string>{"backup"});
}

TEST(ConfigFallbacks, UnknownName) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    fallbacks: [backup, nope]\n" + kOthers), {}),
                        "The fallback 'nope' of endpoint 'chat' is not an endpoint name.", 5,
                        25));
}

TEST(ConfigFallbacks, NotItself) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    fallbacks:\n      - chat\n"), {}),
                        "Endpoint 'chat' cannot list itself as a fallback.", 6, 9));
}

TEST(ConfigFallbacks, SameTypeOnly) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    fallbacks: [embed]\n" + kOthers), {}),
                        "The fallback 'embed' of endpoint 'chat' has endpoint type "
                        "'llm/v1/embeddings' but endpoint 'chat' has endpoint type "
                        "'llm/v1/chat'.",
                        5, 17));
}

TEST(ConfigFallbacks, MustBeAList) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    fallbacks: {a: 1}\n"), {}),
                        "Expected an endpoint name or a list of them for 'fallbacks', got a "
                        "map.",
                        5, 16));
}

TEST(ConfigRetries, ParsesPolicy) {
  auto config = loadOk(chatWith("    retries:\n"
                                "      attempts: 3\n"
                                "      on: [429, 5XX]\n"
                                "      backoff_ms: 100\n"
                                "      max_backoff_ms: 1000\n"),
                       {});
  ASSERT_NE(config, nullptr);
  const RetryPolicy& r = config->endpoints[0].retries;
  EXPECT_EQ(r.attempts, 3);
  EXPECT_TRUE(r.onRateLimit);
  EXPECT_TRUE(r.onServerError);
  EXPECT_FALSE(r.onTimeout);
  EXPECT_EQ(r.backoffMs, 100);
  EXPECT_EQ(r.maxBackoffMs, 1000);
}

TEST(ConfigRetries, DefaultConditionsAreAllThree) {
  auto config = loadOk(chatWith("    retries: {attempts: 2}\n"), {});
  ASSERT_NE(config, nullptr);
  const RetryPolicy& r = config->endpoints[0].retries;
  EXPECT_TRUE(r.onRateLimit && r.onServerError && r.onTimeout);
  // Without a retries block: one attempt, nothing retried.
  config = loadOk(chatWith(""), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints[0].retries.attempts, 1);
  EXPECT_FALSE(config->endpoints[0].retries.onRateLimit);
}

TEST(ConfigRetries, Errors) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    retries: {attempts: 0}\n"), {}),
                        "Expected an integer between 1 and 100 for 'attempts', got 0.", 5, 25));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    retries: {attempts: 2, on: [4xx]}\n"), {}),
                        "Unknown retry condition '4xx'. Expected one of: 429, 5xx, timeout.", 5,
                        33));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    retries: {on: [429]}\n"), {}),
                        "Missing required key 'attempts' in 'retries'.", 5, 14));
  EXPECT_TRUE(onlyError(
      loadConfig(chatWith("    retries: {attempts: 2, backoff_ms: 500, max_backoff_ms: 100}\n"),
                 {}),
      "'max_backoff_ms' must be greater than or equal to 'backoff_ms'.", 5, 14));
}

TEST(ConfigEnabledIfEnv, EnabledWhenSet) {
  auto config = loadOk(chatWith("    enabled_if_env: FEATURE\n"), withEnv({{"FEATURE", "1"}}));
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->endpoints.size(), 1u);
}

TEST(ConfigEnabledIfEnv, DisabledEndpointIsLeftOutAndItsKeysAreNotResolved) {
  LoadResult result = loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    enabled_if_env: [OPENAI_API_KEY, $FEATURE]
    model:
      provider: openai
      config: {openai_api_key: $OPENAI_API_KEY}
  - name: other
    endpoint_type: llm/v1/chat
    model: {provider: mock}
)", withEnv({{"FEATURE", "on"}}));
  ASSERT_NE(result.config, nullptr) << testing::dump(result.errors);
  ASSERT_EQ(result.config->endpoints.size(), 1u);
  EXPECT_EQ(result.config->endpoints[0].name, "other");
  EXPECT_TRUE(hasDiag(result.warnings,
                      "Endpoint 'chat' is disabled: environment variable 'OPENAI_API_KEY' is "
                      "not set.",
                      4, 21));
}

TEST(ConfigEnabledIfEnv, FallbackToDisabledEndpointIsAnError) {
  const std::string yaml = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
    fallbacks: [backup]
    enabled_if_env: %s
  - name: backup
    endpoint_type: llm/v1/chat
    model: {provider: mock}
    enabled_if_env: BACKUP_ON
)";
  auto withChatEnv = [&](const char* env) {
    std::string out = yaml;
    return out.replace(out.find("%s"), 2, env);
  };
  EXPECT_TRUE(onlyError(loadConfig(withChatEnv("CHAT_ON"), withEnv({{"CHAT_ON", "1"}})),
                        "The fallback 'backup' of endpoint 'chat' is disabled: environment "
                        "variable 'BACKUP_ON' is not set.",
                        5, 17));
  // Both disabled: fine, neither is served.
  LoadResult both = loadConfig(withChatEnv("CHAT_ON"), {});
  ASSERT_NE(both.config, nullptr) << testing::dump(both.errors);
  EXPECT_TRUE(both.config->endpoints.empty());
}

TEST(ConfigAuth, StringAndMapEntries) {
  auto config = loadOk(chatWith(R"(auth:
  keys:
    - $GW_KEY
    - literal-key
    - name: ci
      sha256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
      routes: [chat]
)"), withEnv({{"GW_KEY", "from-env"}}));
  ASSERT_NE(config, nullptr);
  const AuthConfig& auth = config->auth;
  EXPECT_TRUE(auth.enabled);
  ASSERT_EQ(auth.keys.size(), 3u);
  EXPECT_EQ(auth.keys[0].plain, "from-env");
  EXPECT_EQ(auth.keys[0].name, "keys[0]");
  EXPECT_EQ(auth.keys[1].plain, "literal-key");
  EXPECT_EQ(auth.keys[2].name, "ci");
  EXPECT_EQ(auth.keys[2].sha256Hex,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_EQ(auth.keys[2].routes, std::vector<std::string>{"chat"});
  EXPECT_FALSE(loadOk(chatWith(""), {})->auth.enabled);
}

TEST(ConfigAuth, Errors) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth:\n  keys:\n    - {name: a, sha256: abc}\n"),
                                   {}),
                        "The sha256 of auth key 'a' must be 64 hexadecimal characters.", 7, 25));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth:\n  keys:\n    - {name: a}\n"), {}),
                        "Auth key 'a' must have a 'key' or a 'sha256'.", 7, 7));
  EXPECT_TRUE(onlyError(
      loadConfig(chatWith("auth:\n  keys:\n    - {key: k, sha256: "
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}\n"),
                 {}),
      "Auth key 'keys[0]' must have either a 'key' or a 'sha256', not both.", 7, 7));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth:\n  keys:\n    - {key: k, routes: [chat, x]}\n"),
                                   {}),
                        "Auth key 'keys[0]' names 'x' in 'routes', which is not an endpoint or "
                        "route name.",
                        7, 31));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth:\n  keys: [$GW_KEY]\n"), {}),
                        "Environment variable 'GW_KEY' is not set", 6, 10));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth:\n  keys: ['']\n"), {}),
                        "Auth key 'keys[0]' is empty.", 6, 10));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("auth: [a]\n"), {}),
                        "Expected a map for 'auth', got a list.", 5, 7));
}

TEST(ConfigAuth, EmptyKeyListDisablesWithWarning) {
  LoadResult result = loadConfig(chatWith("auth: {keys: []}\n"), {});
  ASSERT_NE(result.config, nullptr);
  EXPECT_FALSE(result.config->auth.enabled);
  EXPECT_TRUE(hasDiag(result.warnings,
                      "The 'auth' block has no keys: gateway authentication is disabled.", 5,
                      8));
}


TEST(ConfigCircuitBreaker, MapOrFalse) {
  auto config = loadOk(chatWith("    circuit_breaker: {failures: 5, cool_down_seconds: 0.5}\n"), {});
  ASSERT_NE(config, nullptr);
  ASSERT_TRUE(config->endpoints[0].breaker);
  EXPECT_TRUE(config->endpoints[0].breaker->enabled);
  EXPECT_EQ(config->endpoints[0].breaker->failures, 5);
  EXPECT_EQ(config->endpoints[0].breaker->coolDownMs, 500);
  config = loadOk(chatWith("    circuit_breaker: false\n"), {});
  ASSERT_NE(config, nullptr);
  EXPECT_FALSE(config->endpoints[0].breaker->enabled);
  config = loadOk(chatWith(""), {});
  ASSERT_NE(config, nullptr);
  EXPECT_FALSE(config->endpoints[0].breaker);
}

TEST(ConfigCircuitBreaker, BadValuesAreNamed) {
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    circuit_breaker: {failures: 0}\n"), {}),
                        "Expected an integer between 1 and 1000 for 'failures', got 0.", 5, 33));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    circuit_breaker: {cool_down_seconds: -1}\n"), {}),
                        "Expected a number of seconds in (0, 86400] for 'cool_down_seconds', got -1.", 5,
                        42));
  EXPECT_TRUE(onlyError(loadConfig(chatWith("    circuit_breaker: 3\n"), {}),
                        "Expected a map or false for 'circuit_breaker', got an integer.", 5, 22));
}

}  // namespace
}  // namespace gw::config
