// The native lane (issue 13): an Anthropic client on an Anthropic endpoint. What the
// conformance fixtures (tests/conformance/anthropic-messages/) cannot show: the lane
// is chosen per attempt (a fallback translates), credentials stay behind, token counts
// skip the rate limit, and a native stream's own error event is not doubled.
#include <gtest/gtest.h>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"
#include "policy_test_util.h"

namespace gw::testing {
namespace {

using gateway::Step;

const std::string kConfig = R"(auth:
  keys:
    - {name: team, key: gateway-secret}
endpoints:
  - name: claude
    endpoint_type: llm/v1/chat
    model: {provider: anthropic, name: claude-sonnet-4-5, config: {anthropic_api_key: sk-ant-real}}
    limit: {renewal_period: minute, calls: 10}
    fallbacks: [gpt]
  - name: gpt
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: sk-openai-real}}
)";

TestRequest messages(const std::string& body, const std::string& target = "/v1/messages") {
  TestRequest r;
  r.target = target;
  r.body = body;
  r.headers = {{"x-api-key", "gateway-secret"}, {"anthropic-beta", "fine-grained-tool-streaming-2025-05-14"}};
  return r;
}

const std::string kHello =
    R"({"model":"claude","max_tokens":32,"messages":[{"role":"user","content":"Hi"}]})";

vocab::UpstreamResponse overloaded(std::string& storage) {
  storage = R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})";
  vocab::UpstreamResponse r;
  r.status = 529;
  r.headers = {{"content-type", "application/json"}};
  r.body = storage;
  return r;
}

TEST(AnthropicNativeLane, TheGatewayKeyStaysBehindAndTheProviderKeyGoesUpstream) {
  auto gw = policyGateway(kConfig);
  TestRequest r = messages(kHello);
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  const vocab::UpstreamRequest& up = step.call.requests.at(0);
  EXPECT_EQ(header(up.headers, "x-api-key"), "sk-ant-real");
  EXPECT_EQ(header(up.headers, "anthropic-beta"), "fine-grained-tool-streaming-2025-05-14");
  EXPECT_EQ(header(up.headers, "authorization"), "");
  EXPECT_EQ(up.body, R"({"model":"claude-sonnet-4-5","max_tokens":32,"messages":[{"role":"user","content":"Hi"}]})");
  ASSERT_TRUE(step.limit.has_value());  // a completion counts against the limit
}

TEST(AnthropicNativeLane, AFallbackToAnotherProviderTranslates) {
  auto gw = policyGateway(kConfig);
  TestRequest r = messages(kHello);
  Step first = gw->plan(r.http(), context());
  ASSERT_EQ(first.kind, Step::Kind::Call);
  std::string storage;
  vocab::UpstreamResponse failed = overloaded(storage);
  Step next = gw->finish(first.call.token, std::span(&failed, 1), context());
  ASSERT_EQ(next.kind, Step::Kind::Retry) << next.reply.body;
  Step second = gw->plan(r.http(), context(), next.retry.token);
  ASSERT_EQ(second.kind, Step::Kind::Call) << second.reply.body;
  const vocab::UpstreamRequest& up = second.call.requests.at(0);
  EXPECT_EQ(up.url, "https://api.openai.com/v1/chat/completions");
  Json sent = parseJson(up.body);
  EXPECT_EQ(sent["model"], "gpt-4o-mini");
  EXPECT_EQ(sent["max_tokens"], 32);
  EXPECT_EQ(header(up.headers, "anthropic-beta"), "");
}

TEST(AnthropicNativeLane, TheLastNativeErrorReachesTheClientUnchanged) {
  auto gw = policyGateway(R"(endpoints:
  - name: claude
    endpoint_type: llm/v1/chat
    model: {provider: anthropic, name: claude-sonnet-4-5, config: {anthropic_api_key: k}}
    retries: {attempts: 2, on: [5xx], backoff_ms: 0}
)");
  TestRequest r = messages(kHello);
  Step step = gw->plan(r.http(), context());
  std::string storage;
  vocab::UpstreamResponse failed = overloaded(storage);
  step = gw->finish(step.call.token, std::span(&failed, 1), context());
  ASSERT_EQ(step.kind, Step::Kind::Retry);
  step = gw->plan(r.http(), context(), step.retry.token);
  ASSERT_EQ(step.kind, Step::Kind::Call);
  step = gw->finish(step.call.token, std::span(&failed, 1), context());
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 529);
  EXPECT_EQ(step.reply.body, storage);
  EXPECT_EQ(header(step.reply.headers, "x-gateway-attempt-history"), "claude:529,claude:529");
}

TEST(AnthropicNativeLane, TokenCountsDoNotSpendTheRateLimit) {
  auto gw = policyGateway(kConfig);
  TestRequest r = messages(R"({"model":"claude","messages":[{"role":"user","content":"Hi"}]})",
                           "/v1/messages/count_tokens");
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  EXPECT_EQ(step.call.requests.at(0).url, "https://api.anthropic.com/v1/messages/count_tokens");
  EXPECT_FALSE(step.limit.has_value());
  EXPECT_FALSE(step.call.stream);
}

TEST(AnthropicNativeLane, AStreamFlagThatIsNotABooleanIsAnAnthropic400) {
  auto gw = policyGateway(kConfig);
  TestRequest r = messages(R"({"model":"claude","max_tokens":8,"stream":"yes","messages":[]})");
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 400);
  Json body = parseJson(step.reply.body);
  EXPECT_EQ(body["type"], "error");
  EXPECT_EQ(body["error"]["type"], "invalid_request_error");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("stream"), std::string::npos);
}

Step streamingCall(const gateway::Gateway& gw) {
  TestRequest r = messages(
      R"({"model":"claude","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"Hi"}]})");
  return gw.plan(r.http(), context());
}

TEST(AnthropicNativeLane, AnUpstreamErrorEventIsRelayedNotDoubled) {
  auto gw = policyGateway(kConfig);
  Step step = streamingCall(*gw);
  ASSERT_TRUE(step.call.stream);
  EXPECT_EQ(header(step.call.streamHeaders, "content-type"), "text/event-stream");
  auto session = gw->openStream(step.call.token, context());
  ASSERT_TRUE(session);
  std::string upstream =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n"
      "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
  std::string out = (*session)->push(upstream);
  out += (*session)->end();
  EXPECT_EQ(out, upstream);
}

TEST(AnthropicNativeLane, ATransportFailureMidStreamIsAnErrorEvent) {
  auto gw = policyGateway(kConfig);
  Step step = streamingCall(*gw);
  auto session = gw->openStream(step.call.token, context());
  ASSERT_TRUE(session);
  std::string start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n";
  EXPECT_EQ((*session)->push(start), start);
  EXPECT_TRUE((*session)->started());
  std::string tail = (*session)->end("connection reset");
  EXPECT_EQ(tail, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                  "\"message\":\"connection reset\"}}\n\n");
  EXPECT_TRUE((*session)->failed());
}

}  // namespace
}  // namespace gw::testing
