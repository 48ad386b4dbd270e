// Retries and fallback: Retry-After parsing, backoff, the next-attempt
// decision, and whole request walks through plan/finish with scripted upstreams.
#include "gateway/attempt.h"
#include "policy/retry.h"
#include "policy_test_util.h"

namespace gw::policy {
namespace {

using gw::testing::chatOk;
using gw::testing::context;
using gw::testing::failure;
using gw::testing::header;
using Action = NextAttempt::Action;

constexpr int64_t kNow = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT

TEST(PolicyRetryAfter, SecondsAndTheThreeDateForms) {
  EXPECT_EQ(parseRetryAfter("120", kNow), 120000);
  EXPECT_EQ(parseRetryAfter(" 0 ", kNow), 0);
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kNow - 5000), 5000);
  EXPECT_EQ(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", kNow - 5000), 5000);
  EXPECT_EQ(parseRetryAfter("Sun Nov  6 08:49:37 1994", kNow - 5000), 5000);
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kNow + 5000), 0);  // past
  EXPECT_EQ(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", 0), 0);
  EXPECT_EQ(parseRetryAfter("Wed, 29 Feb 2024 12:00:00 GMT", 1709208000000 - 1), 1);
}

TEST(PolicyRetryAfter, RejectsGarbage) {
  for (const char* bad : {"", "soon", "-1", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT",
                          "9999999999999"}) {
    EXPECT_FALSE(parseRetryAfter(bad, kNow)) << bad;
  }
}

TEST(PolicyRetryAfter, MillisecondHeaderWins) {
  EXPECT_EQ(retryAfterFrom({{"retry-after", "3"}, {"retry-after-ms", "1500"}}, kNow), 1500);
  EXPECT_EQ(retryAfterFrom({{"retry-after-ms", "20.5"}}, kNow), 21);
  EXPECT_EQ(retryAfterFrom({{"retry-after-ms", "x"}, {"retry-after", "2"}}, kNow), 2000);
  EXPECT_FALSE(retryAfterFrom({{"content-type", "application/json"}}, kNow));
}

TEST(PolicyRetry, Classification) {
  EXPECT_EQ(classifyFailure(429, false), FailureKind::RateLimited);
  EXPECT_EQ(classifyFailure(503, false), FailureKind::ServerError);
  EXPECT_EQ(classifyFailure(502, false), FailureKind::ServerError);
  EXPECT_EQ(classifyFailure(504, true), FailureKind::Timeout);
  EXPECT_EQ(classifyFailure(400, false), FailureKind::ClientError);
  EXPECT_EQ(classifyFailure(404, false), FailureKind::ClientError);
  EXPECT_FALSE(countsAsOutage(FailureKind::ClientError));
  EXPECT_TRUE(countsAsOutage(FailureKind::Timeout));
}

TEST(PolicyRetry, ExponentialBackoffCapped) {
  vocab::RetryPolicy p;
  p.backoffMs = 100;
  p.maxBackoffMs = 500;
  EXPECT_EQ(backoffDelay(p, 1), 100);
  EXPECT_EQ(backoffDelay(p, 2), 200);
  EXPECT_EQ(backoffDelay(p, 3), 400);
  EXPECT_EQ(backoffDelay(p, 4), 500);
  EXPECT_EQ(backoffDelay(p, 60), 500);
  p.backoffMs = 0;
  EXPECT_EQ(backoffDelay(p, 3), 0);
}

vocab::RetryPolicy retries(int attempts, bool rate, bool server, bool timeout) {
  vocab::RetryPolicy p;
  p.attempts = attempts;
  p.onRateLimit = rate;
  p.onServerError = server;
  p.onTimeout = timeout;
  p.backoffMs = 100;
  p.maxBackoffMs = 1000;
  return p;
}

ChainPosition at(int index, int attempt, int total = 1) {
  return ChainPosition{{"chat", "backup", "last"}, index, attempt, total};
}

TEST(PolicyRetry, RetriesThenFallsBackInOrderThenStops) {
  auto p = retries(2, true, true, true);
  NextAttempt n = decideNext(p, at(0, 1), FailureKind::ServerError, std::nullopt, {});
  EXPECT_EQ(n.action, Action::RetrySame);
  EXPECT_EQ(n.delayMs, 100);
  n = decideNext(p, at(0, 2), FailureKind::ServerError, std::nullopt, {});
  EXPECT_EQ(n.action, Action::Fallback);
  EXPECT_EQ(n.chainIndex, 1);
  EXPECT_EQ(n.delayMs, 0);
  EXPECT_EQ(decideNext(p, at(1, 2), FailureKind::Timeout, std::nullopt, {}).chainIndex, 2);
  EXPECT_EQ(decideNext(p, at(2, 2), FailureKind::Timeout, std::nullopt, {}).action, Action::Stop);
}

TEST(PolicyRetry, OnlyConfiguredConditionsRetryButAnyOutageFallsBack) {
  auto p = retries(3, false, true, false);
  EXPECT_EQ(decideNext(p, at(0, 1), FailureKind::RateLimited, std::nullopt, {}).action,
            Action::Fallback);
  EXPECT_EQ(decideNext(p, at(0, 1), FailureKind::Timeout, std::nullopt, {}).action,
            Action::Fallback);
  EXPECT_EQ(decideNext(p, at(0, 1), FailureKind::ServerError, std::nullopt, {}).action,
            Action::RetrySame);
}

TEST(PolicyRetry, NeverAfterAClientError) {
  auto p = retries(5, true, true, true);
  EXPECT_EQ(decideNext(p, at(0, 1), FailureKind::ClientError, std::nullopt, {}).action,
            Action::Stop);
}

TEST(PolicyRetry, HonoursRetryAfterUpToTheCap) {
  auto p = retries(3, true, true, true);
  NextAttempt n = decideNext(p, at(0, 1), FailureKind::RateLimited, 800, {});
  EXPECT_EQ(n.action, Action::RetrySame);
  EXPECT_EQ(n.delayMs, 800);
  n = decideNext(p, at(0, 2), FailureKind::RateLimited, 50, {});
  EXPECT_EQ(n.delayMs, 200);  // backoff is longer
  // Longer than max_backoff_ms: not waited for; the next endpoint goes at once.
  n = decideNext(p, at(0, 1), FailureKind::RateLimited, 60000, {});
  EXPECT_EQ(n.action, Action::Fallback);
  EXPECT_EQ(n.delayMs, 0);
}

TEST(PolicyRetry, SkipsCoolingEndpoints) {
  auto p = retries(3, true, true, true);
  auto cooling = [](std::string_view name) { return name == "chat" || name == "backup"; };
  NextAttempt n = decideNext(p, at(0, 1), FailureKind::ServerError, std::nullopt, cooling);
  EXPECT_EQ(n.action, Action::Fallback);
  EXPECT_EQ(n.chainIndex, 2);
}

TEST(PolicyRetry, TotalAttemptsAreBounded) {
  auto p = retries(100, true, true, true);
  EXPECT_EQ(decideNext(p, at(0, 5, kMaxTotalAttempts), FailureKind::ServerError, std::nullopt, {})
                .action,
            Action::Stop);
}

// ------------------------------------------------------------ through the gateway

const std::string kChain =
    "endpoints:\n" +
    gw::testing::openaiEndpoint("chat", "    retries: {attempts: 2, on: [5xx], backoff_ms: 50}\n"
                                        "    fallbacks: [backup, last]\n"
                                        "    timeout_seconds: 2\n") +
    gw::testing::openaiEndpoint("backup") + gw::testing::openaiEndpoint("last");

// Walks one request through plan/finish with scripted upstream responses.
struct Walk {
  std::vector<std::string> endpoints;  // the endpoint of each Call
  std::vector<int64_t> delays;         // the delay of each Retry
  gateway::Reply reply;
};

Walk walk(const gateway::Gateway& gw, const gw::testing::TestRequest& request,
          const std::vector<gw::testing::Upstream>& script) {
  Walk w;
  auto ctx = context(kNow);
  gateway::Step step = gw.plan(request.http(), ctx);
  for (size_t i = 0; step.kind != gateway::Step::Kind::Reply && i < 20; ++i) {
    if (step.kind == gateway::Step::Kind::Retry) {
      w.delays.push_back(step.retry.delayMs);
      step = gw.plan(request.http(), ctx, step.retry.token);
      continue;
    }
    w.endpoints.push_back(step.call.endpoint);
    size_t n = w.endpoints.size() - 1;
    step = gw::testing::finishWith(gw, step.call.token, n < script.size() ? script[n] : chatOk(), ctx);
  }
  w.reply = step.reply;
  return w;
}

TEST(PolicyRetryGateway, RetryThenFallbackThenSuccess) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  Walk w = walk(*gw, gw::testing::chatRequest("/gateway/chat/invocations"),
                {failure(503), failure(503), chatOk()});
  EXPECT_EQ(w.endpoints, (std::vector<std::string>{"chat", "chat", "backup"}));
  EXPECT_EQ(w.delays, (std::vector<int64_t>{50, 0}));
  auto ctx = context(kNow);
  EXPECT_EQ(gw->plan(gw::testing::chatRequest("/gateway/chat/invocations").http(), ctx).call.timeoutMs,
            2000);
  EXPECT_EQ(w.reply.status, 200);
  EXPECT_EQ(header(w.reply.headers, "x-gateway-endpoint"), "backup");
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempts"), "3");
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempt-history"), "chat:503,chat:503,backup:200");
}

TEST(PolicyRetryGateway, FinalErrorIsTheLastAttemptsError) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  Walk w = walk(*gw, gw::testing::chatRequest("/v1/chat/completions", "chat"),
                {failure(503), gw::testing::timeout(), failure(500), failure(429, {{"retry-after", "7"}})});
  EXPECT_EQ(w.endpoints, (std::vector<std::string>{"chat", "chat", "backup", "last"}));
  EXPECT_EQ(w.reply.status, 429);
  EXPECT_EQ(parseJson(w.reply.body)["error"]["message"], "upstream says no");
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempts"), "4");
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempt-history"),
            "chat:503,chat:timeout,backup:500,last:429");
  EXPECT_EQ(header(w.reply.headers, "retry-after"), "7");
}

TEST(PolicyRetryGateway, TimeoutDetailNamesTheRouteTimeoutAsWritten) {
  for (auto [seconds, text] : {std::pair{"0.5", "0.5 seconds"}, {"1", "1 second"}, {"2.25", "2.25 seconds"},
                               {"300", "300 seconds"}}) {
    auto gw = gw::testing::policyGateway(
        "endpoints:\n" + gw::testing::openaiEndpoint("chat", std::string("    timeout_seconds: ") + seconds + "\n"));
    ASSERT_TRUE(gw);
    Walk w = walk(*gw, gw::testing::chatRequest("/gateway/chat/invocations"), {gw::testing::timeout()});
    EXPECT_EQ(w.reply.status, 504);
    EXPECT_EQ(parseJson(w.reply.body)["detail"],
              std::string("The upstream provider did not respond within ") + text + ".");
  }
}

TEST(PolicyRetryGateway, ClientErrorsAreNotRetriedNorFailedOver) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  Walk w = walk(*gw, gw::testing::chatRequest("/gateway/chat/invocations"), {failure(400)});
  EXPECT_EQ(w.endpoints, (std::vector<std::string>{"chat"}));
  EXPECT_EQ(w.reply.status, 400);
  EXPECT_EQ(parseJson(w.reply.body)["detail"], "upstream says no");
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempt-history"), "chat:400");
}

TEST(PolicyRetryGateway, UnreachableAndUntranslatableResponsesFailOver) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  gw::testing::Upstream unreachable{0, "ECONNREFUSED", {}, false};
  gw::testing::Upstream html{200, "<html>", {{"content-type", "text/html"}}};
  Walk w = walk(*gw, gw::testing::chatRequest("/gateway/chat/invocations"),
                {unreachable, html, chatOk()});
  EXPECT_EQ(w.reply.status, 200);
  EXPECT_EQ(header(w.reply.headers, "x-gateway-attempt-history"),
            "chat:unreachable,chat:502,backup:200");
}

TEST(PolicyRetryGateway, UpstreamRetryAfterSetsTheDelay) {
  auto gw = gw::testing::policyGateway(
      "endpoints:\n" +
      gw::testing::openaiEndpoint("chat", "    retries: {attempts: 3, backoff_ms: 10, max_backoff_ms: 5000}\n"));
  ASSERT_TRUE(gw);
  Walk w = walk(*gw, gw::testing::chatRequest("/gateway/chat/invocations"),
                {failure(429, {{"retry-after", "2"}}),
                 failure(503, {{"retry-after", "Sun, 06 Nov 1994 08:49:40 GMT"}}), chatOk()});
  EXPECT_EQ(w.delays, (std::vector<int64_t>{2000, 3000}));
  EXPECT_EQ(w.reply.status, 200);
}

TEST(PolicyRetryGateway, StreamedCallsFailOverBeforeTheFirstByte) {
  auto gw = gw::testing::policyGateway(kChain);
  ASSERT_TRUE(gw);
  auto request = gw::testing::chatRequest("/gateway/chat/invocations", "", true);
  auto ctx = context(kNow);
  gateway::Step step = gw->plan(request.http(), ctx);
  ASSERT_EQ(step.kind, gateway::Step::Kind::Call);
  EXPECT_TRUE(step.call.stream);
  EXPECT_EQ(header(step.call.streamHeaders, "x-gateway-attempt-history"), "chat:200");
  // The upstream status is known before the stream opens: a 503 is retried...
  step = gw::testing::finishWith(*gw, step.call.token, failure(503), ctx);
  ASSERT_EQ(step.kind, gateway::Step::Kind::Retry);
  step = gw->plan(request.http(), ctx, step.retry.token);
  step = gw::testing::finishWith(*gw, step.call.token, gw::testing::Upstream{0, "reset", {}, false}, ctx);
  ASSERT_EQ(step.kind, gateway::Step::Kind::Retry);
  step = gw->plan(request.http(), ctx, step.retry.token);
  // ...and the stream that finally opens says what happened before it.
  ASSERT_EQ(step.kind, gateway::Step::Kind::Call);
  EXPECT_EQ(step.call.endpoint, "backup");
  EXPECT_EQ(header(step.call.streamHeaders, "x-gateway-endpoint"), "backup");
  EXPECT_EQ(header(step.call.streamHeaders, "x-gateway-attempts"), "3");
  EXPECT_EQ(header(step.call.streamHeaders, "x-gateway-attempt-history"),
            "chat:503,chat:unreachable,backup:200");
}

TEST(PolicyRetryGateway, AttemptTokenCarriesThePrimary) {
  gateway::Attempt a;
  a.route = "split";
  a.endpoint = "backup";
  a.primary = "chat1";
  a.history = "chat1:503";
  a.note = "x|y";
  auto b = gateway::decodeAttempt(gateway::encodeAttempt(a));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->primary, "chat1");
  EXPECT_EQ(b->history, "chat1:503");
  EXPECT_EQ(b->note, "x|y");
}

}  // namespace
}  // namespace gw::policy
