// Circuit breaker: state transitions, the envelope text, and how plan/finish
// skip a cooling endpoint and report the entries the host must store.
#include "policy/breaker.h"
#include "policy_test_util.h"

namespace gw::policy {
namespace {

using gw::testing::chatOk;
using gw::testing::chatRequest;
using gw::testing::context;
using gw::testing::failure;
using gw::testing::header;

constexpr int64_t kNow = 1700000000000;

TEST(PolicyBreaker, OpensAfterThresholdAndCoolsDown) {
  BreakerSettings settings{3, 30000};
  BreakerState state;
  for (int i = 1; i <= 2; ++i) {
    BreakerEntry e = recordFailure(state, "chat", kNow, settings);
    EXPECT_EQ(e.failures, i);
    EXPECT_EQ(e.openUntilMs, 0);
    applyBreakerEntry(state, e);
  }
  EXPECT_FALSE(isCooling(state, "chat", kNow));
  applyBreakerEntry(state, recordFailure(state, "chat", kNow, settings));
  EXPECT_TRUE(isCooling(state, "chat", kNow));
  EXPECT_TRUE(isCooling(state, "chat", kNow + 29999));
  EXPECT_FALSE(isCooling(state, "chat", kNow + 30000));  // half-open
  EXPECT_FALSE(isCooling(state, "other", kNow));
  // Half-open: one more failure re-opens it at once, one success closes it.
  BreakerEntry again = recordFailure(state, "chat", kNow + 30000, settings);
  EXPECT_EQ(again.openUntilMs, kNow + 60000);
  EXPECT_EQ(recordSuccess("chat"), (BreakerEntry{"chat", 0, 0}));
}

TEST(PolicyBreaker, UpstreamRetryAfterLengthensTheCoolDown) {
  BreakerSettings settings{1, 30000};
  EXPECT_EQ(recordFailure({}, "chat", kNow, settings, 120000).openUntilMs, kNow + 120000);
  EXPECT_EQ(recordFailure({}, "chat", kNow, settings, 1000).openUntilMs, kNow + 30000);
}

TEST(PolicyBreaker, EnvelopeTextRoundTrips) {
  BreakerState state{{"chat", 3, kNow}, {"emb.v2", 1, 0}};
  EXPECT_EQ(formatBreakerState(state), "chat=3:1700000000000;emb.v2=1:0");
  EXPECT_EQ(parseBreakerState(formatBreakerState(state)), state);
  EXPECT_TRUE(parseBreakerState("").empty());
  EXPECT_EQ(parseBreakerState("bad;=1:2;x=a:1;y=-1:0;ok=2:5").size(), 1u);
}

const std::string kChain =
    "endpoints:\n" + gw::testing::openaiEndpoint("chat", "    fallbacks: [backup]\n") +
    gw::testing::openaiEndpoint("backup") +
    "routes:\n  - name: split\n    task_type: llm/v1/chat\n    destinations:\n"
    "      - {name: chat, traffic_percentage: 50}\n"
    "      - {name: backup, traffic_percentage: 50}\n";

TEST(PolicyBreakerGateway, FailuresAreReportedUntilTheBreakerOpens) {
  gateway::GatewayOptions options;
  options.breaker = {2, 10000};
  auto gw = gw::testing::policyGateway(kChain, options);
  ASSERT_TRUE(gw);
  auto request = chatRequest("/gateway/chat/invocations");
  auto ctx = context(kNow);
  gateway::Step call = gw->plan(request.http(), ctx);
  gateway::Step after = gw::testing::finishWith(*gw, call.call.token, failure(502), ctx);
  ASSERT_EQ(after.breaker.size(), 1u);
  EXPECT_EQ(after.breaker[0], (BreakerEntry{"chat", 1, 0}));
  // The host stores it; the second failure opens the breaker.
  ctx.breaker = after.breaker;
  call = gw->plan(request.http(), ctx);
  after = gw::testing::finishWith(*gw, call.call.token, failure(502), ctx);
  EXPECT_EQ(after.breaker[0], (BreakerEntry{"chat", 2, kNow + 10000}));
  // Client errors are not outages: nothing to store.
  call = gw->plan(request.http(), context(kNow));
  EXPECT_TRUE(gw::testing::finishWith(*gw, call.call.token, failure(404), context(kNow)).breaker.empty());
}

TEST(PolicyBreakerGateway, CoolingPrimaryIsSkippedWhileAFallbackIsHealthy) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  auto ctx = context(kNow);
  ctx.breaker = {{"chat", 3, kNow + 5000}};
  gateway::Step call = gw->plan(chatRequest("/gateway/chat/invocations").http(), ctx);
  ASSERT_EQ(call.kind, gateway::Step::Kind::Call);
  EXPECT_EQ(call.call.endpoint, "backup");
  // Success on backup: nothing to reset for backup (it had no entry).
  gateway::Step done = gw::testing::finishWith(*gw, call.call.token, chatOk(), ctx);
  EXPECT_EQ(header(done.reply.headers, "x-gateway-endpoint"), "backup");
  EXPECT_TRUE(done.breaker.empty());
  // All cooling: the primary is tried anyway (it is the probe).
  ctx.breaker.push_back({"backup", 3, kNow + 5000});
  EXPECT_EQ(gw->plan(chatRequest("/gateway/chat/invocations").http(), ctx).call.endpoint, "chat");
  // After the cool-down: the primary again, and a success closes its breaker.
  auto later = context(kNow + 5000);
  later.breaker = {{"chat", 3, kNow + 5000}};
  call = gw->plan(chatRequest("/gateway/chat/invocations").http(), later);
  EXPECT_EQ(call.call.endpoint, "chat");
  done = gw::testing::finishWith(*gw, call.call.token, chatOk(), later);
  ASSERT_EQ(done.breaker.size(), 1u);
  EXPECT_EQ(done.breaker[0], (BreakerEntry{"chat", 0, 0}));
}

TEST(PolicyBreakerGateway, CoolingFallbackIsNotTried) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  auto ctx = context(kNow);
  ctx.breaker = {{"backup", 3, kNow + 5000}};
  gateway::Step call = gw->plan(chatRequest("/gateway/chat/invocations").http(), ctx);
  gateway::Step done = gw::testing::finishWith(*gw, call.call.token, failure(503), ctx);
  ASSERT_EQ(done.kind, gateway::Step::Kind::Reply);
  EXPECT_EQ(done.reply.status, 503);
  EXPECT_EQ(header(done.reply.headers, "x-gateway-attempt-history"), "chat:503");
}

TEST(PolicyBreakerGateway, TrafficSplitAvoidsCoolingDestinations) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  for (double r : {0.1, 0.4, 0.6, 0.9}) {
    auto ctx = context(kNow, r);
    ctx.breaker = {{"backup", 5, kNow + 1000}};
    EXPECT_EQ(gw->plan(chatRequest("/gateway/split/invocations").http(), ctx).call.endpoint, "chat");
  }
}

TEST(PolicyBreakerGateway, StreamCallsCarryTheResetForTheHost) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  auto ctx = context(kNow);
  ctx.breaker = {{"chat", 1, 0}};
  gateway::Step call = gw->plan(chatRequest("/gateway/chat/invocations", "", true).http(), ctx);
  ASSERT_EQ(call.kind, gateway::Step::Kind::Call);
  ASSERT_EQ(call.call.streamBreaker.size(), 1u);
  EXPECT_EQ(call.call.streamBreaker[0], (BreakerEntry{"chat", 0, 0}));
}


TEST(PolicyBreakerGateway, PerEndpointCircuitBreakerOverridesTheHostDefaults) {
  gateway::GatewayOptions options;
  options.breaker = {2, 10000};
  auto gw = gw::testing::policyGateway(
      "endpoints:\n" +
          gw::testing::openaiEndpoint("eager", "    circuit_breaker: {failures: 1, cool_down_seconds: 2.5}\n") +
          gw::testing::openaiEndpoint("never", "    circuit_breaker: false\n"),
      options);
  ASSERT_TRUE(gw);
  auto ctx = context(kNow);
  gateway::Step call = gw->plan(chatRequest("/gateway/eager/invocations").http(), ctx);
  gateway::Step after = gw::testing::finishWith(*gw, call.call.token, failure(503), ctx);
  ASSERT_EQ(after.breaker.size(), 1u);
  EXPECT_EQ(after.breaker[0], (BreakerEntry{"eager", 1, kNow + 2500}));  // opens at the first failure
  for (int i = 0; i < 5; ++i) {
    call = gw->plan(chatRequest("/gateway/never/invocations").http(), ctx);
    EXPECT_TRUE(gw::testing::finishWith(*gw, call.call.token, failure(503), ctx).breaker.empty());
  }
}

}  // namespace
}  // namespace gw::policy
