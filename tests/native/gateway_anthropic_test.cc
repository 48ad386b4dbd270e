// POST /v1/messages through the gateway (issue 13, translated lane): an Anthropic
// Messages request reaches any chat endpoint as the unified chat request, the answer
// and every stream chunk go back in Anthropic's shapes, errors too.
#include <gtest/gtest.h>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"
#include "policy_test_util.h"

namespace gw::testing {
namespace {

using gateway::Gateway;
using gateway::RequestContext;
using gateway::Step;

constexpr const char* kConfig = R"(endpoints:
  - name: gpt
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: sk-test}}
  - name: echo
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
  - name: embed
    endpoint_type: llm/v1/embeddings
    model: {provider: mock, name: mock-embed}
)";

const RequestContext kCtx{1700000000000, 0.5, "127.0.0.1"};

std::shared_ptr<const Gateway> load(const char* yaml = kConfig) { return policyGateway(yaml); }

Step plan(const Gateway& gw, const std::string& body, gateway::Headers headers = {}) {
  gateway::HttpRequest request{"POST", "/v1/messages?beta=true", std::move(headers), body};
  return gw.plan(request, kCtx);
}

const char* kHello = R"({"model":"gpt","max_tokens":64,"system":"Be brief.",)"
                     R"("messages":[{"role":"user","content":"Hello"}]})";

TEST(GatewayAnthropic, TheUpstreamGetsTheUnifiedChatRequestInTheProvidersDialect) {
  auto gw = load();
  Step step = plan(*gw, kHello);
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  ASSERT_EQ(step.call.requests.size(), 1u);
  EXPECT_EQ(step.call.requests[0].url, "https://api.openai.com/v1/chat/completions");
  Json sent = parseJson(step.call.requests[0].body);
  EXPECT_EQ(sent["model"], "gpt-4o-mini");
  EXPECT_EQ(dumpJson(sent["messages"]),
            R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}])");
  EXPECT_EQ(sent["max_tokens"], 64);
}

TEST(GatewayAnthropic, TheAnswerIsAnAnthropicMessage) {
  auto gw = load();
  Step step = plan(*gw, kHello);
  ASSERT_EQ(step.kind, Step::Kind::Call);
  vocab::UpstreamResponse r;
  r.status = 200;
  r.headers = {{"content-type", "application/json"}};
  std::string body =
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",)"
      R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}})";
  r.body = body;
  Step done = gw->finish(step.call.token, std::span(&r, 1), kCtx);
  ASSERT_EQ(done.kind, Step::Kind::Reply);
  EXPECT_EQ(done.reply.status, 200);
  Json message = parseJson(done.reply.body);
  EXPECT_EQ(message["type"], "message");
  EXPECT_EQ(message["role"], "assistant");
  EXPECT_EQ(dumpJson(message["content"]), R"([{"type":"text","text":"Hi!"}])");
  EXPECT_EQ(message["stop_reason"], "end_turn");
  EXPECT_EQ(message["usage"]["input_tokens"], 12);
  EXPECT_EQ(message["usage"]["output_tokens"], 3);
}

TEST(GatewayAnthropic, AProviderStreamComesOutInTheMessagesEventGrammar) {
  auto gw = load();
  std::string body = R"({"model":"gpt","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]})";
  Step step = plan(*gw, body);
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  EXPECT_EQ(parseJson(step.call.requests[0].body)["stream_options"]["include_usage"], true);
  auto session = gw->openStream(step.call.token, kCtx);
  ASSERT_TRUE(session.ok());
  std::string chunk = R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hey"},"finish_reason":null}]})";
  std::string last = R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})";
  std::string usage = R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}})";
  std::string out = (*session)->push("data: " + chunk + "\n\ndata: " + last + "\n\ndata: " + usage +
                                     "\n\ndata: [DONE]\n\n");
  out += (*session)->end();
  EXPECT_EQ(out.find("data: [DONE]"), std::string::npos);
  EXPECT_EQ(out.rfind("event: message_start\n", 0), 0u) << out;
  EXPECT_NE(out.find("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                     "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hey\"}}\n\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\"stop_reason\":\"end_turn\""), std::string::npos);
  EXPECT_NE(out.find("\"output_tokens\":1"), std::string::npos);
  const std::string stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  ASSERT_GE(out.size(), stop.size());
  EXPECT_EQ(out.substr(out.size() - stop.size()), stop);
}

TEST(GatewayAnthropic, AStreamCutShortEndsWithAnErrorEvent) {
  auto gw = load();
  Step step = plan(*gw, R"({"model":"gpt","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"Hi"}]})");
  auto session = gw->openStream(step.call.token, kCtx);
  ASSERT_TRUE(session.ok());
  std::string out = (*session)->push(
      R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hey"},"finish_reason":null}]})"
      "\n\n");
  out += (*session)->end("socket closed");
  EXPECT_NE(out.find("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""),
            std::string::npos) << out;
  EXPECT_EQ(out.find("message_stop"), std::string::npos);
  EXPECT_TRUE((*session)->failed());
}

TEST(GatewayAnthropic, TheMockAnswersAndStreamsInAnthropicShapes) {
  auto gw = load();
  Step step = plan(*gw, R"({"model":"echo","max_tokens":16,"messages":[{"role":"user","content":"ping"}]})");
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 200) << step.reply.body;
  Json message = parseJson(step.reply.body);
  EXPECT_EQ(message["content"][0]["type"], "text");
  EXPECT_EQ(message["content"][0]["text"].get<std::string>().rfind("[mock] echo: ping", 0), 0u);
  Step streamed = plan(*gw, R"({"model":"echo","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"ping"}]})");
  ASSERT_TRUE(streamed.reply.stream) << streamed.reply.body;
  std::string all;
  for (const std::string& c : streamed.reply.chunks) all += c;
  EXPECT_EQ(all.rfind("event: message_start\n", 0), 0u) << all;
  EXPECT_NE(all.find("event: message_stop\n"), std::string::npos);
  EXPECT_EQ(all.find("[DONE]"), std::string::npos);
}

TEST(GatewayAnthropic, ErrorsAreAnthropicShapedWithTheRightStatus) {
  auto gw = load();
  Step unknown = plan(*gw, R"({"model":"nope","max_tokens":8,"messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(unknown.reply.status, 404);
  Json body = parseJson(unknown.reply.body);
  EXPECT_EQ(body["type"], "error");
  EXPECT_EQ(body["error"]["type"], "not_found_error");
  Step untranslatable = plan(*gw, R"({"model":"gpt","max_tokens":8,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}]})");
  EXPECT_EQ(untranslatable.reply.status, 400);
  EXPECT_EQ(parseJson(untranslatable.reply.body)["error"]["type"], "invalid_request_error");
  EXPECT_NE(untranslatable.reply.body.find("messages.0.content.0.type"), std::string::npos)
      << untranslatable.reply.body;
  Step wrongType = plan(*gw, R"({"model":"embed","max_tokens":8,"messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(wrongType.reply.status, 400);
  EXPECT_EQ(parseJson(wrongType.reply.body)["error"]["message"], "Endpoint 'embed' is not a chat endpoint.");
  Step notJson = plan(*gw, "{");
  EXPECT_EQ(notJson.reply.status, 400);
  EXPECT_EQ(parseJson(notJson.reply.body)["type"], "error");
}

TEST(GatewayAnthropic, GatewayKeysAreAcceptedAsXApiKey) {
  auto gw = load(R"(auth:
  keys:
    - name: team
      key: gk-anthropic-123
endpoints:
  - name: echo
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
)");
  ASSERT_TRUE(gw);
  const std::string body = R"({"model":"echo","max_tokens":8,"messages":[{"role":"user","content":"x"}]})";
  Step missing = plan(*gw, body);
  EXPECT_EQ(missing.reply.status, 401);
  EXPECT_EQ(parseJson(missing.reply.body)["error"]["type"], "authentication_error");
  EXPECT_EQ(plan(*gw, body, {{"x-api-key", "gk-anthropic-123"}}).reply.status, 200);
  EXPECT_EQ(plan(*gw, body, {{"x-api-key", "wrong"}}).reply.status, 401);
  EXPECT_EQ(plan(*gw, body, {{"authorization", "Bearer gk-anthropic-123"}}).reply.status, 200);
}

}  // namespace
}  // namespace gw::testing
