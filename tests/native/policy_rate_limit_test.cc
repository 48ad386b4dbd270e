// Rate limits: the fixed-window decision, its headers and bodies, and the
// limit check a first plan hands to the host, on every path that reaches a route.
#include <map>

#include "policy/rate_limit.h"
#include "policy_test_util.h"

namespace gw::policy {
namespace {

using gw::testing::chatRequest;
using gw::testing::context;
using gw::testing::header;

constexpr int64_t kNow = 1700000000000;  // 2023-11-14T22:13:20Z

TEST(PolicyRateLimit, AllowsUpToCallsInTheWindow) {
  LimitRequest request{"chat:ip:1.2.3.4", 3, 60000};
  for (int64_t count = 1; count <= 3; ++count) {
    LimitDecision d = decideLimit(request, {count, kNow - 1000}, kNow);
    EXPECT_TRUE(d.allowed) << count;
    EXPECT_EQ(d.remaining, 3 - count);
    EXPECT_EQ(d.limit, 3);
    EXPECT_EQ(d.resetEpochSeconds, (kNow - 1000 + 60000) / 1000);
  }
  LimitDecision refused = decideLimit(request, {4, kNow - 1000}, kNow);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_EQ(refused.retryAfterSeconds, 59);
}

TEST(PolicyRateLimit, RetryAfterRoundsUpAndIsAtLeastOneSecond) {
  LimitRequest request{"k", 1, 60000};
  EXPECT_EQ(decideLimit(request, {2, kNow - 59001}, kNow).retryAfterSeconds, 1);
  EXPECT_EQ(decideLimit(request, {2, kNow - 58999}, kNow).retryAfterSeconds, 2);
  // A window that should have ended (store clock ahead/behind): still >= 1.
  EXPECT_EQ(decideLimit(request, {2, kNow - 120000}, kNow).retryAfterSeconds, 1);
  // A store without a window start: the window is taken to start now.
  EXPECT_EQ(decideLimit(request, {2, 0}, kNow).retryAfterSeconds, 60);
}

TEST(PolicyRateLimit, Headers) {
  LimitRequest request{"k", 2, 60000};
  auto allowed = limitHeaders(decideLimit(request, {1, kNow}, kNow));
  EXPECT_EQ(allowed, (std::vector<std::pair<std::string, std::string>>{
                         {"x-ratelimit-limit", "2"},
                         {"x-ratelimit-remaining", "1"},
                         {"x-ratelimit-reset", "1700000060"}}));
  auto refused = limitHeaders(decideLimit(request, {3, kNow}, kNow));
  EXPECT_EQ(header(refused, "retry-after"), "60");
  EXPECT_EQ(header(refused, "x-ratelimit-remaining"), "0");
}

TEST(PolicyRateLimit, SlowapiMessage) {
  vocab::Limit limit;
  limit.calls = 10;
  limit.periodUnit = "minute";
  limit.periodMs = 60000;
  EXPECT_EQ(limitExceededMessage(limit), "Rate limit exceeded: 10 per 1 minute");
  limit.periodMs = 300000;
  EXPECT_EQ(limitExceededMessage(limit), "Rate limit exceeded: 10 per 5 minute");
  limit.calls = 1;
  limit.periodUnit = "day";
  limit.periodMs = 86400000;
  EXPECT_EQ(limitExceededMessage(limit), "Rate limit exceeded: 1 per 1 day");
}

TEST(PolicyRateLimit, KeyIsEndpointPlusGatewayKeyNameOrClient) {
  config::GatewayKey key;
  key.name = "ci";
  EXPECT_EQ(limitKey("chat", &key, "10.0.0.1"), "chat:key:ci");
  EXPECT_EQ(limitKey("chat", nullptr, "10.0.0.1"), "chat:ip:10.0.0.1");
  EXPECT_EQ(limitKey("chat", nullptr, "::1"), "chat:ip:::1");
}

const std::string kLimited =
    "endpoints:\n" +
    gw::testing::openaiEndpoint("chat", "    limit: {calls: 3, renewal_period: minute}\n") +
    gw::testing::openaiEndpoint("free") +
    gw::testing::openaiEndpoint("other", "    limit: {calls: 1, renewal_period: 5 minutes}\n") +
    "routes:\n"
    "  - name: split\n"
    "    task_type: llm/v1/chat\n"
    "    destinations:\n"
    "      - {name: chat, traffic_percentage: 50}\n"
    "      - {name: other, traffic_percentage: 50}\n";

TEST(PolicyRateLimit, FirstPlanCarriesTheCheckOnEveryPath) {
  auto gw = gw::testing::policyGateway(kLimited);
  ASSERT_TRUE(gw);
  for (auto request : {chatRequest("/gateway/chat/invocations"),
                       chatRequest("/endpoints/chat/invocations"),
                       chatRequest("/v1/chat/completions", "chat")}) {
    gateway::Step step = gw->plan(request.http(), context());
    ASSERT_EQ(step.kind, gateway::Step::Kind::Call) << request.target;
    ASSERT_TRUE(step.limit) << request.target;
    EXPECT_EQ(step.limit->request.key, "chat:ip:10.0.0.1");
    EXPECT_EQ(step.limit->request.calls, 3);
    EXPECT_EQ(step.limit->request.windowMs, 60000);
  }
  EXPECT_FALSE(gw->plan(chatRequest("/gateway/free/invocations").http(), context()).limit);
  // Invalid requests are answered without counting.
  auto bad = chatRequest("/gateway/chat/invocations");
  bad.body = "{}";
  EXPECT_FALSE(gw->plan(bad.http(), context()).limit);
}

TEST(PolicyRateLimit, TrafficRouteUsesTheDrawnDestinationsLimit) {
  auto gw = gw::testing::policyGateway(kLimited);
  ASSERT_TRUE(gw);
  auto request = chatRequest("/gateway/split/invocations");
  gateway::Step first = gw->plan(request.http(), context(kNow, 0.25));
  ASSERT_TRUE(first.limit);
  EXPECT_EQ(first.limit->request.key, "chat:ip:10.0.0.1");
  gateway::Step second = gw->plan(request.http(), context(kNow, 0.75));
  ASSERT_TRUE(second.limit);
  EXPECT_EQ(second.limit->request.key, "other:ip:10.0.0.1");
  EXPECT_EQ(second.limit->request.windowMs, 300000);
}

TEST(PolicyRateLimit, ResumedPlansAreNotCountedAgain) {
  auto gw = gw::testing::policyGateway(kLimited);
  ASSERT_TRUE(gw);
  auto request = chatRequest("/gateway/chat/invocations");
  gateway::Step first = gw->plan(request.http(), context());
  ASSERT_EQ(first.kind, gateway::Step::Kind::Call);
  EXPECT_FALSE(gw->plan(request.http(), context(), first.call.token).limit);
}

// A host store in miniature: fixed windows opened by the first hit.
struct FixedWindowStore {
  std::map<std::string, LimitState> windows;
  LimitState hit(const LimitRequest& r, int64_t nowMs) {
    LimitState& s = windows[r.key];
    if (s.count == 0 || nowMs >= s.windowStartMs + r.windowMs) s = {0, nowMs};
    ++s.count;
    return s;
  }
};

TEST(PolicyRateLimit, ExactlyNCallsAcrossAllPathsThenTheNextWindow) {
  auto gw = gw::testing::policyGateway(kLimited);
  ASSERT_TRUE(gw);
  FixedWindowStore store;
  const std::vector<gw::testing::TestRequest> paths = {
      chatRequest("/gateway/chat/invocations"), chatRequest("/endpoints/chat/invocations"),
      chatRequest("/v1/chat/completions", "chat"), chatRequest("/gateway/split/invocations")};
  int allowed = 0;
  for (int i = 0; i < 12; ++i) {
    auto ctx = context(kNow + i * 1000, 0.1);  // 0.1: split draws `chat`
    gateway::Step step = gw->plan(paths[i % paths.size()].http(), ctx);
    ASSERT_TRUE(step.limit);
    gateway::Admission a = gw->admit(step.limit->token, store.hit(step.limit->request, ctx.nowMs), ctx);
    allowed += a.allowed;
  }
  EXPECT_EQ(allowed, 3);
  auto later = context(kNow + 61000);
  gateway::Step step = gw->plan(paths[0].http(), later);
  EXPECT_TRUE(gw->admit(step.limit->token, store.hit(step.limit->request, later.nowMs), later).allowed);
}

TEST(PolicyRateLimit, RefusalBodiesPerSurface) {
  auto gw = gw::testing::policyGateway(kLimited);
  ASSERT_TRUE(gw);
  auto ctx = context();
  gateway::Step mlflow = gw->plan(chatRequest("/endpoints/chat/invocations").http(), ctx);
  gateway::Admission refused = gw->admit(mlflow.limit->token, {4, kNow - 30000}, ctx);
  ASSERT_FALSE(refused.allowed);
  EXPECT_EQ(refused.refusal.status, 429);
  EXPECT_EQ(refused.refusal.body, R"({"error":"Rate limit exceeded: 3 per 1 minute"})");
  EXPECT_EQ(header(refused.refusal.headers, "retry-after"), "30");
  EXPECT_EQ(header(refused.refusal.headers, "x-ratelimit-limit"), "3");
  EXPECT_EQ(header(refused.refusal.headers, "x-ratelimit-remaining"), "0");
  EXPECT_EQ(header(refused.refusal.headers, "x-ratelimit-reset"), "1700000030");

  gateway::Step openai = gw->plan(chatRequest("/v1/chat/completions", "chat").http(), ctx);
  gateway::Admission v1 = gw->admit(openai.limit->token, {4, kNow}, ctx);
  Json body = parseJson(v1.refusal.body);
  EXPECT_EQ(body["error"]["message"], "Rate limit exceeded: 3 per 1 minute");
  EXPECT_EQ(body["error"]["type"], "rate_limit_error");

  gateway::Admission ok = gw->admit(mlflow.limit->token, {2, kNow}, ctx);
  EXPECT_TRUE(ok.allowed);
  EXPECT_EQ(header(ok.headers, "x-ratelimit-remaining"), "1");
}

TEST(PolicyRateLimit, AuthenticatedCallersAreCountedByKeyName) {
  auto gw = gw::testing::policyGateway(kLimited + "auth:\n  keys:\n    - {name: team-a, key: secret-a}\n");
  ASSERT_TRUE(gw);
  auto request = chatRequest("/gateway/chat/invocations");
  request.headers = {{"authorization", "Bearer secret-a"}};
  gateway::Step step = gw->plan(request.http(), context(kNow, 0.5, "10.9.9.9"));
  ASSERT_TRUE(step.limit);
  EXPECT_EQ(step.limit->request.key, "chat:key:team-a");
}

}  // namespace
}  // namespace gw::policy
