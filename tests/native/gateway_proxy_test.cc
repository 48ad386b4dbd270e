// MLflow 3's raw proxy (/gateway/proxy/{endpoint}/{path...}): the URL rule, what
// stays behind, retries on the same endpoint without fallbacks, answers relayed as
// they are. The SDKs against both hosts: tests/js/proxy.test.mjs.
#include <gtest/gtest.h>

#include "gateway/gateway.h"
#include "gateway/proxy.h"
#include "policy_test_util.h"

namespace gw::testing {
namespace {

using gateway::Step;

TEST(GatewayProxy, TheBasePathIsNotRepeated) {
  using gateway::proxyUrl;
  EXPECT_EQ(proxyUrl("https://api.anthropic.com/v1", "v1/messages", "beta=true"),
            "https://api.anthropic.com/v1/messages?beta=true");
  EXPECT_EQ(proxyUrl("https://proxy.example.com/anthropic/v1/", "v1/messages", ""),
            "https://proxy.example.com/anthropic/v1/messages");
  EXPECT_EQ(proxyUrl("https://api.openai.com/v1", "v1/responses", ""), "https://api.openai.com/v1/responses");
  EXPECT_EQ(proxyUrl("https://api.openai.com/v1", "chat/completions", ""),
            "https://api.openai.com/v1/chat/completions");
  EXPECT_EQ(proxyUrl("https://x.example/v10", "v1/models", ""), "https://x.example/v10/v1/models");
  EXPECT_EQ(proxyUrl("https://x.example/openai?api-version=2024-06-01", "chat", "a=1"),
            "https://x.example/openai/chat?api-version=2024-06-01&a=1");
  EXPECT_EQ(proxyUrl("http://127.0.0.1:9", "v1/models", ""), "http://127.0.0.1:9/v1/models");
}

const std::string kConfig =
    "endpoints:\n" + openaiEndpoint("chat", "    retries: {attempts: 2, on: [5xx], backoff_ms: 0}\n"
                                            "    fallbacks: [backup]\n") +
    openaiEndpoint("backup");

TestRequest proxied(std::string method, std::string target, std::string body = "") {
  TestRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  r.headers = {{"authorization", "Bearer client-key"}, {"x-api-key", "client-key"},
               {"cookie", "session=1"}, {"content-type", "application/json"},
               {"openai-beta", "assistants=v2"}, {"x-forwarded-for", "10.1.1.1"}};
  return r;
}

TEST(GatewayProxy, TheRequestGoesAsItCameWithTheEndpointsKey) {
  auto gw = policyGateway(kConfig);
  TestRequest r = proxied("PUT", "/gateway/proxy/chat/v1/things/7?x=%2F", R"({"model": "anything"})");
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  EXPECT_TRUE(step.call.relay);
  EXPECT_TRUE(step.call.stream);
  const vocab::UpstreamRequest& up = step.call.requests.at(0);
  EXPECT_EQ(up.method, "PUT");
  EXPECT_EQ(up.url, "https://chat.example/v1/things/7?x=%2F");
  EXPECT_EQ(up.body, R"({"model": "anything"})");
  EXPECT_EQ(header(up.headers, "authorization"), "Bearer sk-test");
  EXPECT_EQ(header(up.headers, "x-api-key"), "");
  EXPECT_EQ(header(up.headers, "cookie"), "");
  EXPECT_EQ(header(up.headers, "x-forwarded-for"), "");
  EXPECT_EQ(header(up.headers, "openai-beta"), "assistants=v2");
  EXPECT_EQ(header(up.headers, "content-type"), "application/json");
}

TEST(GatewayProxy, RetriesStayOnTheEndpointAndTheLastErrorIsRelayed) {
  auto gw = policyGateway(kConfig);
  TestRequest r = proxied("POST", "/gateway/proxy/chat/v1/chat/completions", "{}");
  std::string html = "<html>busy</html>";
  vocab::UpstreamResponse busy;
  busy.status = 503;
  busy.headers = {{"content-type", "text/html"}, {"content-length", "17"}, {"x-request-id", "r-1"}};
  busy.body = html;
  Step step = gw->plan(r.http(), context());
  for (int attempt = 1; attempt <= 2; ++attempt) {
    ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
    EXPECT_EQ(step.call.endpoint, "chat");  // never the fallback
    step = gw->finish(step.call.token, std::span(&busy, 1), context());
    if (step.kind == Step::Kind::Retry) step = gw->plan(r.http(), context(), step.retry.token);
  }
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 503);
  EXPECT_EQ(step.reply.body, html);
  EXPECT_EQ(header(step.reply.headers, "content-type"), "text/html");
  EXPECT_EQ(header(step.reply.headers, "x-request-id"), "r-1");
  EXPECT_EQ(header(step.reply.headers, "content-length"), "");
  EXPECT_EQ(header(step.reply.headers, "x-gateway-attempt-history"), "chat:503,chat:503");
}

TEST(GatewayProxy, ARelayedHeadKeepsTheUpstreamStatusAndContentType) {
  auto gw = policyGateway(kConfig);
  TestRequest r = proxied("GET", "/gateway/proxy/chat/v1/models");
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Call);
  vocab::UpstreamResponse head;
  head.status = 201;
  head.headers = {{"content-type", "text/event-stream"}, {"content-encoding", "gzip"}, {"set-cookie", "a=b"}};
  Step done = gw->finish(step.call.token, std::span(&head, 1), context());
  ASSERT_EQ(done.kind, Step::Kind::Reply);
  EXPECT_EQ(done.reply.status, 201);
  EXPECT_EQ(done.reply.body, "");
  EXPECT_EQ(header(done.reply.headers, "content-type"), "text/event-stream");
  EXPECT_EQ(header(done.reply.headers, "content-encoding"), "");
  EXPECT_EQ(header(done.reply.headers, "set-cookie"), "");
  EXPECT_EQ(header(done.reply.headers, "x-gateway-endpoint"), "chat");
}

TEST(GatewayProxy, TheMockHasNoUpstreamToProxyTo) {
  auto gw = policyGateway("endpoints:\n  - name: m\n    endpoint_type: llm/v1/chat\n"
                          "    model: {provider: mock, name: mock-chat}\n");
  TestRequest r = proxied("POST", "/gateway/proxy/m/v1/chat/completions", "{}");
  Step step = gw->plan(r.http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 501);
  EXPECT_NE(step.reply.body.find("no upstream provider"), std::string::npos);
}

}  // namespace
}  // namespace gw::testing
