// The built-in mock provider (issue 8): determinism, embeddings, usage,
// fail_rate with an injected random value, latency, streaming, G1 shape.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "gateway/gateway.h"
#include "gateway/mock_answer.h"
#include "providers/mock/mock.h"

namespace gw {
namespace {

using gateway::Gateway;
using gateway::RequestContext;
using gateway::Step;

constexpr int64_t kNow = 1700000000000;

const char* kConfig = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
  - name: completions
    endpoint_type: llm/v1/completions
    model: {provider: mock}
  - name: embeddings
    endpoint_type: llm/v1/embeddings
    model: {provider: mock, config: {embedding_dimensions: 16}}
  - name: flaky
    endpoint_type: llm/v1/chat
    model: {provider: mock, config: {fail_rate: 0.3, fail_status: 429, latency_ms: 250}}
  - name: slow
    endpoint_type: llm/v1/chat
    model: {provider: mock, config: {latency_ms: 1200, reply: Hello from the mock.}}
routes:
  - name: split
    task_type: llm/v1/chat
    destinations:
      - {name: flaky, traffic_percentage: 50}
      - {name: chat, traffic_percentage: 50}
)";

std::shared_ptr<const Gateway> load(const char* yaml = kConfig) {
  auto loaded = Gateway::load(yaml, {});
  EXPECT_TRUE(loaded.errors.empty()) << (loaded.errors.empty() ? "" : loaded.errors[0].message);
  return loaded.gateway;
}

Step post(const Gateway& gw, const std::string& path, const Json& body, double random = 0.5) {
  const std::string text = dumpJson(body);
  gateway::HttpRequest request{.method = "POST", .target = path, .headers = {}, .body = text};
  return gw.plan(request, RequestContext{kNow, random, "127.0.0.1"});
}

Json replyJson(const Step& step) {
  EXPECT_EQ(step.kind, Step::Kind::Reply);
  return parseJson(step.reply.body);
}

Json chatBody(const std::string& text) {
  return Json{{"messages", Json::array({Json{{"role", "user"}, {"content", text}}})}};
}

// `base` with the members of `extra` added.
Json with(Json base, const Json& extra) {
  base.update(extra);
  return base;
}

std::string header(const gateway::Reply& reply, std::string_view name) {
  for (const auto& [key, value] : reply.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(MockProvider, ChatIsADeterministicEchoThatNeverPretendsToBeAModel) {
  auto gw = load();
  Step first = post(*gw, "/endpoints/chat/invocations", chatBody("Hello there"));
  Step again = post(*gw, "/endpoints/chat/invocations", chatBody("Hello there"), 0.9);
  ASSERT_EQ(first.reply.status, 200) << first.reply.body;
  EXPECT_EQ(first.reply.body, again.reply.body);
  Json body = replyJson(first);
  const std::string content = body["choices"][0]["message"]["content"];
  EXPECT_TRUE(std::regex_match(content, std::regex(R"(\[mock\] echo: Hello there #[0-9a-f]{8})")))
      << content;
  EXPECT_EQ(body["object"], "chat.completion");
  EXPECT_EQ(body["model"], "mock-chat");
  EXPECT_EQ(body["provider"], "mock");
  EXPECT_EQ(body["created"], kNow / 1000);
  EXPECT_EQ(body["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(header(first.reply, "x-gateway-endpoint"), "chat");
  Json other = replyJson(post(*gw, "/endpoints/chat/invocations", chatBody("Hello there!")));
  EXPECT_NE(other["choices"][0]["message"]["content"], content);
  EXPECT_NE(other["id"], body["id"]);
}

TEST(MockProvider, ChatEchoesTheLastUserMessageAndAnswersNChoices) {
  auto gw = load();
  Json body = {{"messages", {{{"role", "system"}, {"content", "Be brief."}},
                             {{"role", "user"}, {"content", "first"}},
                             {{"role", "assistant"}, {"content", "ok"}},
                             {{"role", "user"},
                              {"content", {{{"type", "text"}, {"text", "second"}}}}}}},
               {"n", 2}};
  Json reply = replyJson(post(*gw, "/v1/chat/completions", with(body, {{"model", "chat"}})));
  ASSERT_EQ(reply["choices"].size(), 2u) << reply.dump();
  const std::string a = reply["choices"][0]["message"]["content"];
  const std::string b = reply["choices"][1]["message"]["content"];
  EXPECT_EQ(a.rfind("[mock] echo: second #", 0), 0u) << a;
  EXPECT_NE(a, b);  // the choice index is part of the hash
  EXPECT_EQ(reply["choices"][1]["index"], 1);
}

TEST(MockProvider, CompletionsEchoThePromptWithUsage) {
  auto gw = load();
  Json reply = replyJson(post(*gw, "/endpoints/completions/invocations",
                              Json{{"prompt", "Write a haiku"}}));
  EXPECT_EQ(reply["object"], "text_completion");
  EXPECT_EQ(reply["model"], "mock");
  const std::string text = reply["choices"][0]["text"];
  EXPECT_EQ(text.rfind("[mock] echo: Write a haiku #", 0), 0u) << text;
  // "Write a haiku" = 13 code points -> 4 tokens; the text is 36 -> 9.
  EXPECT_EQ(reply["usage"]["prompt_tokens"], 4);
  EXPECT_EQ(reply["usage"]["completion_tokens"], providers::mock::estimateTokens(text));
  EXPECT_EQ(reply["usage"]["total_tokens"], 4 + providers::mock::estimateTokens(text));
}

TEST(MockProvider, UsageEstimates) {
  using providers::mock::estimateTokens;
  EXPECT_EQ(estimateTokens(""), 0);
  EXPECT_EQ(estimateTokens("abcd"), 1);
  EXPECT_EQ(estimateTokens("abcde"), 2);
  EXPECT_EQ(estimateTokens("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"), 1);  // 4 code points, 8 bytes
  auto gw = load();
  Json reply = replyJson(post(*gw, "/endpoints/chat/invocations", chatBody("12345678")));
  EXPECT_EQ(reply["usage"]["prompt_tokens"], 3 + (3 + 2));  // priming + (per message + text)
}

TEST(MockProvider, StopAndMaxTokensCutTheTextLikeAModel) {
  auto gw = load();
  Json stopped = replyJson(post(*gw, "/endpoints/chat/invocations",
                                with(chatBody("one two three"), {{"stop", {"two"}}})));
  EXPECT_EQ(stopped["choices"][0]["message"]["content"], "[mock] echo: one ");
  EXPECT_EQ(stopped["choices"][0]["finish_reason"], "stop");
  Json cut = replyJson(post(*gw, "/endpoints/completions/invocations",
                            Json{{"prompt", "a long prompt"}, {"max_tokens", 2}}));
  EXPECT_EQ(cut["choices"][0]["text"], "[mock] e");
  EXPECT_EQ(cut["choices"][0]["finish_reason"], "length");
  EXPECT_EQ(cut["usage"]["completion_tokens"], 2);
}

TEST(MockProvider, TooManyChoicesIsARequestError) {
  auto gw = load();
  Step step = post(*gw, "/endpoints/chat/invocations", with(chatBody("x"), {{"n", 65}}));
  EXPECT_EQ(step.reply.status, 422);
  EXPECT_NE(step.reply.body.find("'n' was 65"), std::string::npos) << step.reply.body;
}

double norm(const Json& vector) {
  double sum = 0;
  for (const Json& v : vector) sum += v.get<double>() * v.get<double>();
  return std::sqrt(sum);
}

TEST(MockProvider, EmbeddingsHaveTheConfiguredDimensionsAndAreNormalised) {
  auto gw = load();
  Json reply = replyJson(post(*gw, "/endpoints/embeddings/invocations",
                              Json{{"input", {"alpha", "beta", "alpha"}}}));
  ASSERT_EQ(reply["data"].size(), 3u) << reply.dump();
  EXPECT_EQ(reply["object"], "list");
  EXPECT_EQ(reply["data"][0]["embedding"].size(), 16u);
  EXPECT_NEAR(norm(reply["data"][0]["embedding"]), 1.0, 1e-5);
  EXPECT_EQ(reply["data"][0]["embedding"], reply["data"][2]["embedding"]);
  EXPECT_NE(reply["data"][0]["embedding"], reply["data"][1]["embedding"]);
  EXPECT_EQ(reply["data"][2]["index"], 2);
  EXPECT_EQ(reply["usage"]["prompt_tokens"], 2 + 1 + 2);
  // Default 8 dimensions; the request's `dimensions` wins.
  EXPECT_EQ(providers::mock::embedding("alpha", 8).size(), 8u);
  Json sized = replyJson(post(*gw, "/v1/embeddings",
                              Json{{"model", "embeddings"}, {"input", "x"}, {"dimensions", 3}}));
  EXPECT_EQ(sized["data"][0]["embedding"].size(), 3u);
  // Token-id input: one token per id.
  Json ids = replyJson(post(*gw, "/v1/embeddings",
                            Json{{"model", "embeddings"}, {"input", {1, 2, 3, 4, 5}}}));
  EXPECT_EQ(ids["data"].size(), 1u);
  EXPECT_EQ(ids["usage"]["prompt_tokens"], 5);
}

TEST(MockProvider, EmbeddingsAsBase64Float32) {
  auto gw = load();
  Json reply = replyJson(post(*gw, "/v1/embeddings",
                              Json{{"model", "embeddings"}, {"input", "alpha"},
                                   {"encoding_format", "base64"}, {"dimensions", 3}}));
  ASSERT_TRUE(reply["data"][0]["embedding"].is_string()) << reply.dump();
  EXPECT_EQ(reply["data"][0]["embedding"].get<std::string>().size(), 16u);  // 12 bytes
}

TEST(MockProvider, EmbeddingVectorsAreStable) {
  std::vector<double> v = providers::mock::embedding("hello", 4);
  EXPECT_EQ(v, providers::mock::embedding("hello", 4));
  EXPECT_EQ(fnv1a64("hello"), 0xa430d84680aabd0bULL);  // FNV-1a 64
}

TEST(MockProvider, FailRateUsesTheInjectedRandomValue) {
  auto gw = load();
  Step failed = post(*gw, "/endpoints/flaky/invocations", chatBody("hi"), 0.29);
  ASSERT_EQ(failed.kind, Step::Kind::Reply);
  EXPECT_EQ(failed.reply.status, 429);
  EXPECT_NE(failed.reply.body.find("[mock] Simulated failure (fail_rate 0.3, status 429)"),
            std::string::npos)
      << failed.reply.body;
  EXPECT_EQ(failed.reply.delayMs, 250);  // latency applies to failures too
  Step ok = post(*gw, "/endpoints/flaky/invocations", chatBody("hi"), 0.3);
  EXPECT_EQ(ok.reply.status, 200) << ok.reply.body;
  // OpenAI-shaped error on /v1.
  Json v1 = replyJson(post(*gw, "/v1/chat/completions",
                           with(chatBody("hi"), {{"model", "flaky"}}), 0.0));
  EXPECT_TRUE(v1.contains("error")) << v1.dump();
}

TEST(MockProvider, LatencyBecomesTheReplyDelay) {
  auto gw = load();
  Step step = post(*gw, "/endpoints/slow/invocations", chatBody("hi"));
  EXPECT_EQ(step.reply.delayMs, 1200);
  EXPECT_EQ(replyJson(step)["choices"][0]["message"]["content"], "[mock] Hello from the mock.");
  EXPECT_EQ(post(*gw, "/endpoints/chat/invocations", chatBody("hi")).reply.delayMs, 0);
}

TEST(MockProvider, InvalidSettingsAreLoadErrorsAtTheirKey) {
  auto loaded = Gateway::load(R"(endpoints:
  - name: broken
    endpoint_type: llm/v1/chat
    model:
      provider: mock
      config:
        fail_rate: 2
        latency_ms: 10
        embedding_dimensions: '8'
)", {});
  EXPECT_EQ(loaded.gateway, nullptr);
  ASSERT_EQ(loaded.errors.size(), 2u);
  EXPECT_EQ(loaded.errors[0].message, "The mock provider's 'fail_rate' must be a number between 0 and 1, got 2.");
  EXPECT_EQ(loaded.errors[0].pos.line, 7);
  EXPECT_EQ(loaded.errors[0].pos.column, 20);
  EXPECT_EQ(loaded.errors[1].message,
            "The mock provider's 'embedding_dimensions' must be an integer between 1 and 4096, got \"8\".");
  EXPECT_EQ(loaded.errors[1].pos.line, 9);
  EXPECT_FALSE(providers::mock::readSettings(Json{{"embedding_dimensions", 0}}).ok());
  EXPECT_FALSE(providers::mock::readSettings(Json{{"fail_status", 200}}).ok());
  EXPECT_FALSE(providers::mock::readSettings(Json{{"reply", 3}}).ok());
  auto defaults = providers::mock::readSettings(Json::object());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->embeddingDimensions, 8);
  EXPECT_EQ(defaults->failStatus, 503);
}

// Content of every chunk of a chat stream, concatenated.
std::string streamedContent(const std::vector<std::string>& events, Json* last) {
  std::string content;
  for (const std::string& event : events) {
    EXPECT_EQ(event.rfind("data: ", 0), 0u);
    EXPECT_EQ(event.substr(event.size() - 2), "\n\n");
    Json chunk = parseJson(std::string_view(event).substr(6));
    const Json& delta = chunk["choices"][0]["delta"];
    if (delta["content"].is_string()) content += delta["content"].get<std::string>();
    *last = chunk;
  }
  return content;
}

TEST(MockProvider, ChatStreamsTheSameTextAsPreRenderedSse) {
  auto gw = load();
  Step plain = post(*gw, "/endpoints/chat/invocations", chatBody("stream me"));
  Step step = post(*gw, "/endpoints/chat/invocations",
                   with(chatBody("stream me"), {{"stream", true}}));
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_TRUE(step.reply.stream);
  EXPECT_EQ(header(step.reply, "content-type"), "text/event-stream");
  ASSERT_GE(step.reply.chunks.size(), 4u);
  Json last;
  EXPECT_EQ(streamedContent(step.reply.chunks, &last),
            replyJson(plain)["choices"][0]["message"]["content"]);
  EXPECT_EQ(last["object"], "chat.completion.chunk");
  EXPECT_EQ(last["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(last["usage"], replyJson(plain)["usage"]);
  Json first = parseJson(std::string_view(step.reply.chunks[0]).substr(6));
  EXPECT_EQ(first["choices"][0]["delta"]["role"], "assistant");
  EXPECT_TRUE(first["usage"].is_null());
  EXPECT_EQ(first["provider"], "mock");
}

TEST(MockProvider, CompletionsStream) {
  auto gw = load();
  Step step = post(*gw, "/v1/completions",
                   Json{{"model", "completions"}, {"prompt", "p"}, {"stream", true}});
  ASSERT_TRUE(step.reply.stream) << step.reply.body;
  // The OpenAI surface ends with [DONE], like upstream streams; the MLflow paths just end.
  ASSERT_GE(step.reply.chunks.size(), 2u);
  EXPECT_EQ(step.reply.chunks.back(), "data: [DONE]\n\n");
  Json last = parseJson(std::string_view(step.reply.chunks[step.reply.chunks.size() - 2]).substr(6));
  EXPECT_EQ(last["object"], "text_completion_chunk");
  EXPECT_EQ(last["choices"][0]["finish_reason"], "stop");
  EXPECT_FALSE(last.contains("provider"));
  EXPECT_TRUE(last["usage"].is_object());
}

TEST(MockProvider, FailedStreamIsAPlainHttpError) {
  auto gw = load();
  Step step = post(*gw, "/endpoints/flaky/invocations",
                   with(chatBody("hi"), {{"stream", true}}), 0.1);
  EXPECT_FALSE(step.reply.stream);
  EXPECT_EQ(step.reply.status, 429);
}

TEST(MockProvider, G1RoutesAnswerInTheCandidatesShape) {
  auto gw = load(R"(routes:
  - name: chat
    route_type: llm/v1/chat
    model: {provider: mock}
  - name: embeddings
    route_type: llm/v1/embeddings
    model: {provider: mock}
)");
  Json chat = replyJson(post(*gw, "/gateway/chat/invocations", chatBody("hi")));
  ASSERT_TRUE(chat.contains("candidates")) << chat.dump();
  EXPECT_EQ(chat["candidates"][0]["message"]["content"].get<std::string>().rfind("[mock] ", 0), 0u);
  EXPECT_EQ(chat["metadata"]["route_type"], "llm/v1/chat");
  EXPECT_EQ(chat["metadata"]["model"], "mock");
  Json embeddings = replyJson(post(*gw, "/gateway/embeddings/invocations", Json{{"text", "hi"}}));
  EXPECT_EQ(embeddings["embeddings"][0].size(), 8u);
  EXPECT_EQ(embeddings["metadata"]["output_tokens"], 0);
}

TEST(MockProvider, TrafficSplitDrawIsIndependentOfTheDestinationChoice) {
  auto gw = load();
  gateway::Attempt attempt;
  attempt.route = "split";
  attempt.endpoint = "flaky";  // owns [0, 50): random 0.1 -> draw 0.2
  EXPECT_DOUBLE_EQ(gateway::mockFailureDraw(gw->config(), attempt, 0.1), 0.2);
  attempt.endpoint = "chat";   // owns [50, 100): random 0.75 -> draw 0.5
  EXPECT_DOUBLE_EQ(gateway::mockFailureDraw(gw->config(), attempt, 0.75), 0.5);
  attempt.totalAttempts = 2;   // a later attempt got a fresh random value
  EXPECT_DOUBLE_EQ(gateway::mockFailureDraw(gw->config(), attempt, 0.75), 0.75);
  attempt.route = "chat";      // called directly
  attempt.totalAttempts = 1;
  EXPECT_DOUBLE_EQ(gateway::mockFailureDraw(gw->config(), attempt, 0.75), 0.75);
  // random 0.4 picks flaky (fail_rate 0.3) and rescales to 0.8: no failure.
  EXPECT_EQ(post(*gw, "/endpoints/split/invocations", chatBody("hi"), 0.4).reply.status, 200);
  EXPECT_EQ(post(*gw, "/endpoints/split/invocations", chatBody("hi"), 0.1).reply.status, 429);
}

}  // namespace
}  // namespace gw
