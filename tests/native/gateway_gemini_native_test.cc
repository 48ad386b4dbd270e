// The Gemini native lane (MLflow 3's /gateway/gemini/... passthrough). What the conformance
// fixtures (tests/conformance/gemini-native/) cannot show: the gateway key sent Google's
// way authenticates and stays behind, and a fallback chain picks the lane per attempt (a
// Gemini endpoint natively, an OpenAI one by translation) with the stream kept a stream.
#include <gtest/gtest.h>

#include "gateway/gateway.h"
#include "policy_test_util.h"

namespace gw::testing {
namespace {

using gateway::Step;

const std::string kConfig = R"(auth:
  keys:
    - {name: team, key: gateway-secret}
endpoints:
  - name: gem
    endpoint_type: llm/v1/chat
    model: {provider: gemini, name: gemini-2.5-flash, config: {gemini_api_key: real-gemini-key}}
    fallbacks: [gpt, gem-backup]
  - name: gpt
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: sk-openai-real}}
  - name: gem-backup
    endpoint_type: llm/v1/chat
    model: {provider: gemini, name: gemini-2.0-flash, config: {gemini_api_key: real-gemini-key}}
)";

const std::string kBody = R"({"contents":[{"parts":[{"text":"Hi"}]}]})";

TestRequest generate(const std::string& call = "generateContent", const std::string& key = "gateway-secret") {
  TestRequest r;
  r.target = "/gateway/gemini/v1beta/models/gem:" + call;
  r.body = kBody;
  r.headers = {{"x-goog-api-key", key}, {"x-goog-api-client", "google-genai-sdk/1.30.0"}};
  return r;
}

vocab::UpstreamResponse unavailable(std::string& storage) {
  storage = R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})";
  vocab::UpstreamResponse r;
  r.status = 503;
  r.headers = {{"content-type", "application/json"}};
  r.body = storage;
  return r;
}

TEST(GeminiNativeLane, TheGatewayKeyInXGoogApiKeyAuthenticatesAndStaysBehind) {
  auto gw = policyGateway(kConfig);
  Step step = gw->plan(generate().http(), context());
  ASSERT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  const vocab::UpstreamRequest& up = step.call.requests.at(0);
  EXPECT_EQ(header(up.headers, "x-goog-api-key"), "real-gemini-key");
  EXPECT_EQ(header(up.headers, "x-goog-api-client"), "");
  EXPECT_EQ(up.body, kBody);
  Step denied = gw->plan(generate("generateContent", "wrong").http(), context());
  ASSERT_EQ(denied.kind, Step::Kind::Reply);
  EXPECT_EQ(denied.reply.status, 401);
  Json body = parseJson(denied.reply.body);
  EXPECT_EQ(body["error"]["status"], "UNAUTHENTICATED") << denied.reply.body;
  EXPECT_EQ(body["error"]["code"], 401);
}

TEST(GeminiNativeLane, EachAttemptPicksItsLaneAndTheStreamStaysAStream) {
  auto gw = policyGateway(kConfig);
  TestRequest r = generate("streamGenerateContent");
  Step first = gw->plan(r.http(), context());
  ASSERT_EQ(first.kind, Step::Kind::Call) << first.reply.body;
  EXPECT_TRUE(first.call.stream);
  std::string storage;
  vocab::UpstreamResponse failed = unavailable(storage);
  Step next = gw->finish(first.call.token, std::span(&failed, 1), context());
  ASSERT_EQ(next.kind, Step::Kind::Retry) << next.reply.body;
  // gpt: the same Gemini body, translated to OpenAI chat (the path said stream).
  Step second = gw->plan(r.http(), context(), next.retry.token);
  ASSERT_EQ(second.kind, Step::Kind::Call) << second.reply.body;
  EXPECT_TRUE(second.call.stream);
  const vocab::UpstreamRequest& translated = second.call.requests.at(0);
  EXPECT_EQ(translated.url, "https://api.openai.com/v1/chat/completions");
  EXPECT_EQ(header(translated.headers, "authorization"), "Bearer sk-openai-real");
  Json body = parseJson(translated.body);
  EXPECT_EQ(body["messages"], Json::array({Json{{"role", "user"}, {"content", "Hi"}}})) << translated.body;
  EXPECT_EQ(body["stream"], true);
  Step third = gw->plan(r.http(), context(), gw->finish(second.call.token, std::span(&failed, 1),
                                                        context()).retry.token);
  ASSERT_EQ(third.kind, Step::Kind::Call) << third.reply.body;
  EXPECT_EQ(third.call.requests.at(0).url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:"
            "streamGenerateContent?alt=sse");
  EXPECT_EQ(third.call.requests.at(0).body, kBody);  // native again: byte for byte
  Step last = gw->finish(third.call.token, std::span(&failed, 1), context());
  ASSERT_EQ(last.kind, Step::Kind::Reply);
  EXPECT_EQ(last.reply.status, 503);
  EXPECT_EQ(last.reply.body, storage);
  EXPECT_EQ(header(last.reply.headers, "x-gateway-attempt-history"), "gem:503,gpt:503,gem-backup:503");
}

}  // namespace
}  // namespace gw::testing
