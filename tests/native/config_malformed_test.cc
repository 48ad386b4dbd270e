// Malformed input: every case ends as Diagnostics, never as a throw or a crash.
#include <random>

#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::onlyError;

constexpr std::string_view kValid = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: "sk-x"
    limit: {renewal_period: minute, calls: 10}
    fallbacks: [other]
    retries: {attempts: 2, on: [429]}
  - name: other
    endpoint_type: llm/v1/chat
    model: {provider: mock, config: {latency_ms: 5}}
routes:
  - name: split
    task_type: llm/v1/chat
    destinations:
      - {name: chat, traffic_percentage: 50}
      - {name: other, traffic_percentage: 50}
auth:
  keys: [k1, {name: k2, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]
)";

TEST(ConfigMalformed, BaselineIsValid) {
  LoadResult result = loadConfig(kValid, {});
  EXPECT_TRUE(result.errors.empty()) << testing::dump(result.errors);
}

TEST(ConfigMalformed, TabIndentation) {
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - name: chat\n\tendpoint_type: x\n", {}),
                        "The configuration is not a valid yaml file: illegal tab when looking "
                        "for indentation",
                        3, 1));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n\t- name: chat\n", {}),
                        "The configuration is not a valid yaml file: illegal block entry", 2, 2));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - model:\n\t  provider: mock\n", {}),
                        "The configuration is not a valid yaml file: end of sequence not found",
                        3, 4));
  // A tab after the colon is only a separator: legal.
  EXPECT_NE(loadConfig("endpoints:\n  - name:\tchat\n    endpoint_type: llm/v1/chat\n"
                       "    model: {provider: mock}\n", {}).config, nullptr);
}

TEST(ConfigMalformed, UnclosedQuotes) {
  constexpr std::string_view kMessage =
      "The configuration is not a valid yaml file: found unexpected end of stream while "
      "scanning a quoted scalar";
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - name: \"chat\n    endpoint_type: x\n", {}),
                        kMessage, 2, 11));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - name: 'it''s\n", {}), kMessage, 2, 11));
  // Properly closed quotes with escapes are fine.
  LoadResult ok = loadConfig(
      "endpoints:\n  - {name: \"a\\\"b\", endpoint_type: 'it''s', model: {provider: mock}}\n",
      {});
  EXPECT_EQ(ok.errors.size(), 2u) << testing::dump(ok.errors);  // bad name and type, no YAML error
}

TEST(ConfigMalformed, UnclosedFlowCollections) {
  EXPECT_TRUE(onlyError(loadConfig("endpoints: [\n", {}),
                        "The configuration is not a valid yaml file: end of sequence flow not "
                        "found",
                        2, 1));
  EXPECT_TRUE(onlyError(loadConfig("endpoints:\n  - {name: x\n", {}),
                        "The configuration is not a valid yaml file: end of map flow not found",
                        3, 1));
}

TEST(ConfigMalformed, ListWhereAMapIsExpected) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - - name: chat
)", {}), "Expected a map for 'endpoints[0]', got a list.", 2, 5));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      - provider: mock
)", {}), "Expected a map for 'model', got a list.", 5, 7));
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
    limit: [minute, 10]
)", {}), "Expected a map for 'limit', got a list.", 5, 12));
}

TEST(ConfigMalformed, ContentAfterTheDocumentEnds) {
  EXPECT_TRUE(onlyError(loadConfig("- a\nendpoints: []\n", {}),
                        "The configuration is not a valid yaml file: expected a single "
                        "document in the stream",
                        2, 1));
  EXPECT_TRUE(onlyError(loadConfig("endpoints: []\n---\nendpoints: []\n", {}),
                        "The configuration is not a valid yaml file: expected a single "
                        "document in the stream",
                        2, 1));
}

TEST(ConfigMalformed, EmptyDocuments) {
  constexpr std::string_view kEmpty =
      "The configuration is empty: expected a map with an 'endpoints' list.";
  EXPECT_TRUE(onlyError(loadConfig("", {}), kEmpty, 1, 1));
  EXPECT_TRUE(onlyError(loadConfig("# nothing here\n\n", {}), kEmpty, 1, 1));
  EXPECT_TRUE(onlyError(loadConfig("---\n", {}),
                        "The gateway configuration must be a map with an 'endpoints' list, got "
                        "null.",
                        2, 1));
}

TEST(ConfigMalformed, BinaryJunk) {
  const std::string junk("\x00\x01\x02\xff\xfe\x80garbage: [\x00", 15);
  LoadResult result = loadConfig(junk, {});
  EXPECT_EQ(result.config, nullptr);
  EXPECT_FALSE(result.errors.empty());
  LoadResult invalidUtf8 = loadConfig("endpoints:\n  - name: \xC3\x28\n", {});
  EXPECT_EQ(invalidUtf8.config, nullptr);
}

TEST(ConfigMalformed, AliasesCyclesAndDepth) {
  EXPECT_TRUE(onlyError(loadConfig("endpoints: *missing\n", {}),
                        "The configuration is not a valid yaml file: the referenced anchor is "
                        "not defined",
                        1, 12));
  // A cyclic alias inside a provider config is cut by the depth limit.
  LoadResult cyclic = loadConfig(R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: mock
      config: &loop {reply: *loop}
)", {});
  EXPECT_EQ(cyclic.config, nullptr);
  EXPECT_TRUE(testing::hasDiag(cyclic.errors,
                               "The configuration is nested too deeply or is too large.", 0, 0));
  // Deep nesting: an error, not a stack overflow.
  EXPECT_FALSE(loadConfig(std::string(5000, '[') + std::string(5000, ']'), {}).errors.empty());
  // Aliases that are not cycles work like copies.
  LoadResult shared = loadConfig(R"(defaults: &model {provider: mock}
endpoints:
  - {name: a, endpoint_type: llm/v1/chat, model: *model}
  - {name: b, endpoint_type: llm/v1/chat, model: *model}
)", {});
  ASSERT_NE(shared.config, nullptr) << testing::dump(shared.errors);
  EXPECT_EQ(shared.config->endpoints.size(), 2u);
}

TEST(ConfigMalformed, ScalarsWhereCollectionsAreExpectedEverywhere) {
  for (const char* yaml : {"endpoints: 5\n", "routes: x\n", "endpoints: []\nauth: 3\n",
                           "endpoints: []\nauth: {keys: 3}\n",
                           "endpoints:\n  - {name: a, endpoint_type: 5, model: 7, limit: 9, "
                           "fallbacks: {}, retries: 1, enabled_if_env: {}, timeout_seconds: []}\n",
                           "endpoints: []\nroutes:\n  - {name: r, task_type: [], destinations: "
                           "x, routing_strategy: {}}\n",
                           "endpoints: []\nroutes:\n  - {task_type: llm/v1/chat, destinations: "
                           "[1, [2], {name: {}, traffic_percentage: {}}]}\n",
                           "? [complex, key]\n: value\nendpoints: []\n"}) {
    LoadResult result = loadConfig(yaml, {});
    EXPECT_EQ(result.config == nullptr, !result.errors.empty()) << yaml;
    for (const Diagnostic& d : result.errors) EXPECT_FALSE(d.message.empty()) << yaml;
  }
}

// Mutates a valid document byte by byte: whatever comes out, nothing throws.
TEST(ConfigMalformed, FuzzedMutationsNeverThrow) {
  std::mt19937 rng(12345);
  const std::string alphabet = ":-[]{}'\"#&*!|>\t\n ~%@`,?$\\\x00\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string text(kValid);
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < edits; ++i) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + rng() % 8); break;
        default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (text.empty()) text = "x";
    }
    LoadResult result = loadConfig(text, {});
    EXPECT_EQ(result.config == nullptr, !result.errors.empty());
    (void)keyFileCandidates(text);
  }
}

TEST(ConfigMalformed, RandomBytesNeverThrow) {
  std::mt19937 rng(777);
  for (int round = 0; round < 500; ++round) {
    std::string text(1 + rng() % 200, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 256);
    LoadResult result = loadConfig(text, {});
    EXPECT_EQ(result.config == nullptr, !result.errors.empty());
    (void)keyFileCandidates(text);
  }
}

}  // namespace
}  // namespace gw::config
