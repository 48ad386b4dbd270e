// The native half of `npm run bench:stream` (bench/stream_bench.mjs): chunks per
// second through Gateway::openStream → push → end for an OpenAI chat stream.
// Disabled by default (it is a measurement, not a check); run with
//   ./build/native/gw_tests --gtest_also_run_disabled_tests --gtest_filter='StreamBench.*'
// It prints one line "GW_STREAM_BENCH <json>" that the script reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"

namespace gw::testing {
namespace {

constexpr const char* kConfig = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: sk-bench}}
)";

// The same synthetic upstream stream as bench/stream_bench.mjs: `chunks` content
// chunks, then the finish chunk, the usage chunk and [DONE].
std::string openAIStream(int chunks) {
  auto event = [](const Json& chunk) { return "data: " + dumpJson(chunk) + "\n\n"; };
  auto chunk = [](Json delta, Json finish) {
    return Json{{"id", "chatcmpl-bench"}, {"object", "chat.completion.chunk"}, {"created", 1721075000},
                {"model", "gpt-4o-mini-2024-07-18"}, {"system_fingerprint", "fp_1"},
                {"choices", Json::array({Json{{"index", 0}, {"delta", std::move(delta)},
                                              {"logprobs", nullptr}, {"finish_reason", std::move(finish)}}})},
                {"usage", nullptr}};
  };
  std::string out = event(chunk(Json{{"role", "assistant"}, {"content", ""}}, nullptr));
  for (int i = 1; i < chunks - 2; ++i) {  // role + content + finish + usage = chunks
    out += event(chunk(Json{{"content", " tok" + std::to_string(i % 100)}}, nullptr));
  }
  out += event(chunk(Json::object(), "stop"));
  Json usage = chunk(nullptr, nullptr);
  usage["choices"] = Json::array();
  usage["usage"] = Json{{"prompt_tokens", 9}, {"completion_tokens", chunks}, {"total_tokens", chunks + 9}};
  return out + event(usage) + "data: [DONE]\n\n";
}

// Median and best µs per chunk over `rounds` whole streams whose bytes arrive
// `piece` bytes at a time (0 = one event per push).
struct Timing {
  double median = 0, best = 0;
};

Timing microsPerChunk(const gateway::Gateway& gw, const std::string& token, const std::string& bytes,
                      int chunks, size_t piece, int rounds) {
  gateway::RequestContext ctx{1700000000000, 0.5, "127.0.0.1"};
  size_t sink = 0;
  std::vector<double> times;
  for (int r = 0; r < rounds; ++r) {
    auto start = std::chrono::steady_clock::now();
    auto session = gw.openStream(token, ctx).take();
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t end = piece ? std::min(bytes.size(), pos + piece) : bytes.find("\n\n", pos) + 2;
      sink += session->push(std::string_view(bytes).substr(pos, end - pos)).size();
      pos = end;
    }
    sink += session->end().size();
    std::chrono::duration<double, std::micro> us = std::chrono::steady_clock::now() - start;
    times.push_back(us.count() / chunks);
  }
  EXPECT_GT(sink, bytes.size() / 2);
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.front()};
}

TEST(StreamBench, DISABLED_OpenAIChatChunks) {
  auto loaded = gateway::Gateway::load(kConfig, {});
  ASSERT_TRUE(loaded.gateway);
  std::string body = R"({"messages":[{"role":"user","content":"Hi"}],"stream":true})";
  gateway::HttpRequest request{"POST", "/endpoints/chat/invocations", {}, body};
  gateway::Step step = loaded.gateway->plan(request, {1700000000000, 0.5, "127.0.0.1"});
  ASSERT_EQ(step.kind, gateway::Step::Kind::Call);
  const int chunks = 2000;
  std::string bytes = openAIStream(chunks);
  microsPerChunk(*loaded.gateway, step.call.token, bytes, chunks, 0, 2);  // warm-up
  Timing perEvent = microsPerChunk(*loaded.gateway, step.call.token, bytes, chunks, 0, 50);
  Timing perRead = microsPerChunk(*loaded.gateway, step.call.token, bytes, chunks, 16384, 50);
  std::printf("GW_STREAM_BENCH {\"stream\":\"openai-chat\",\"chunks\":%d,\"bytes\":%zu,"
              "\"us_per_chunk_event_pushes\":%.3f,\"best_us_per_chunk_event_pushes\":%.3f,"
              "\"us_per_chunk_16k_pushes\":%.3f,\"best_us_per_chunk_16k_pushes\":%.3f}\n",
              chunks, bytes.size(), perEvent.median, perEvent.best, perRead.median, perRead.best);
}

}  // namespace
}  // namespace gw::testing
