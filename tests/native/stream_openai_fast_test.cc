// Differential test of the OpenAI stream fast path: whenever it accepts an event
// it must produce exactly the bytes (and state) of the DOM path; it must accept
// the ordinary content chunks; and it must decline anything it cannot copy as is.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "gateway/gateway.h"
#include "providers/openai_stream.h"
#include "stream/sse.h"
#include "stream_test_util.h"

namespace gw::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfig = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: "gpt-4o \"mini\"", config: {openai_api_key: sk-test}}
  - name: completions
    endpoint_type: llm/v1/completions
    model: {provider: openai, name: gpt-3.5-turbo-instruct, config: {openai_api_key: sk-test}}
)";

class OpenAIFastPath : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = gateway::Gateway::load(kConfig, {});
    ASSERT_TRUE(loaded_.gateway);
  }

  std::unique_ptr<stream::ChunkTranslator> open(bool chat) {
    const vocab::Endpoint* e = loaded_.gateway->config().findEndpoint(chat ? "chat" : "completions");
    providers::TranslateContext ctx{*e, *providers::findProvider("openai"),
                                    chat ? vocab::RouteType::Chat : vocab::RouteType::Completions,
                                    true, 1700000000000};
    return providers::openOpenAIStream(ctx);
  }

  // Runs both paths; returns whether the fast path took the event.
  bool compare(std::string_view data, bool chat) {
    stream::Event event{{}, data};
    auto fast = open(chat), slow = open(chat);
    std::string json;
    bool took = fast->appendChunkJson(event, json);
    std::vector<Json> chunks;
    Status status = slow->onEvent(event, chunks);
    if (!took) return false;
    EXPECT_TRUE(status.ok()) << data;
    EXPECT_EQ(chunks.size(), 1u) << data;
    if (chunks.size() == 1) {
      EXPECT_EQ(json, dumpJson(chunks[0])) << data;
    }
    // Same state: after a usage chunk, both end cleanly exactly when a finish_reason was seen.
    std::string usage = R"({"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})";
    std::vector<Json> ignored;
    EXPECT_TRUE(fast->onEvent({{}, usage}, ignored).ok());
    EXPECT_TRUE(slow->onEvent({{}, usage}, ignored).ok());
    EXPECT_EQ(fast->onEnd(ignored).ok(), slow->onEnd(ignored).ok()) << data;
    return true;
  }

  gateway::Gateway::Loaded loaded_;
};

std::vector<std::string> fixtureEvents() {
  std::vector<std::string> out;
  fs::path root = fs::path(GW_SOURCE_DIR) / "tests" / "conformance" / "openai";
  for (const auto& entry : fs::directory_iterator(root)) {
    fs::path file = entry.path() / "upstream_response.sse";
    if (!fs::exists(file)) continue;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    stream::SseParser parser;
    RecordingSink sink;
    (void)parser.feed(bytes.str(), sink);
    for (auto& [name, data] : sink.events) out.push_back(data);
  }
  return out;
}

TEST_F(OpenAIFastPath, TakesOrdinaryChunksAndMatchesTheDomPath) {
  const char* ordinary[] = {
      R"({"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":1}"}}]},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":1,"delta":{"content":"Hé 👋 \n\t\"q\" \\ \u001f"},"finish_reason":null},{"index":0,"delta":{"content":"x"},"finish_reason":null}]})",
  };
  for (const char* data : ordinary) EXPECT_TRUE(compare(data, true)) << data;
  EXPECT_TRUE(compare(R"({"id":"x","object":"text_completion","created":5,"model":"m","choices":[{"text":" is","index":0,"logprobs":null,"finish_reason":null}]})", false));
  EXPECT_TRUE(compare(R"({"id":"x","created":5,"model":"m","choices":[{"delta":{"content":" is"},"index":0,"finish_reason":null}]})", false));
  int taken = 0;
  for (const std::string& data : fixtureEvents()) {
    taken += compare(data, true);
    compare(data, false);
  }
  EXPECT_GE(taken, 20);
}

TEST_F(OpenAIFastPath, DeclinesWhatItCannotCopyVerbatim) {
  const char* declined[] = {
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"a\/b"},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"\u00e9"},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"\u0008"},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"\u001F"},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"\ud83d\ude00"},"finish_reason":null}]})",
      R"({"id":"c","created":1.5,"model":"m","choices":[]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":-0,"delta":{},"finish_reason":null}]})",
      R"({"id":"c","created":123456789012345678901,"model":"m","choices":[]})",
      R"({"id":"c","id":"d","created":1,"model":"m","choices":[]})",
      R"({"\u0069d":"c","created":1,"model":"m","choices":[]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0, "id":"t"}]},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"a":1,"a":2}]},"finish_reason":null}]})",
      R"({"id":"c","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":1}})",
      R"({"error":{"message":"boom"}})",
      R"({"id":"c","created":1,"model":"m","choices":{"index":0}})",
      R"({"id":"c","created":1,"model":"m","choices":["x"]})",
      R"({"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":"x","finish_reason":null}]})",
      R"({"id":"c","choices":[{"index":0,"delta":{}}{"index":1,"delta":{}}]})",
      R"({"id":"c","choices":[{"index":0,"delta":{"content":"a"}"x":1}]})",
      R"({"id":"c","choices":[{"index":0,"delta":{"content":"a",}}]})",
      R"({"id":"c" "created":1})",
      R"({"id":"c","choices":[{"index":0,"delta":{"content":"a"},"delta":{}}]})",
      "[DONE]", "", "  ", "{", "{\"id\":\"c\"} x", "{\"id\":\"\xC3\"}",
  };
  for (const char* data : declined) EXPECT_FALSE(compare(data, true)) << data;
}

TEST_F(OpenAIFastPath, AgreesWithTheDomPathOnMutatedInput) {
  std::mt19937 random(20240611);  // fixed seed: reproducible
  std::vector<std::string> seeds = fixtureEvents();
  const std::string alphabet = " \t\n\"\\{}[],:0123456789-.eEtrufalsn/u\x7F\xC3\xA9\xED\xA0\x80";
  int taken = 0, total = 0;
  for (const std::string& seed : seeds) {
    for (int i = 0; i < 300; ++i) {
      std::string data = seed;
      int edits = 1 + static_cast<int>(random() % 3);
      for (int e = 0; e < edits && !data.empty(); ++e) {
        size_t at = random() % data.size();
        char c = alphabet[random() % alphabet.size()];
        switch (random() % 3) {
          case 0: data[at] = c; break;
          case 1: data.insert(data.begin() + static_cast<long>(at), c); break;
          default: data.erase(at, 1 + random() % 4); break;
        }
      }
      bool chat = (i & 1) == 0;
      taken += compare(data, chat);
      ++total;
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(taken, 0);
  EXPECT_LT(taken, total);
}

TEST_F(OpenAIFastPath, DeepNestingIsDeclinedNotRecursed) {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  EXPECT_FALSE(compare(R"({"id":"c","x":)" + deep + R"(,"choices":[]})", true));
}

}  // namespace
}  // namespace gw::testing
