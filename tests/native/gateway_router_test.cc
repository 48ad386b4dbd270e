// Router, attempt token and page-token helpers of the gateway façade.
#include <gtest/gtest.h>

#include "gateway/attempt.h"
#include "core/base64.h"
#include "gateway/listing.h"
#include "gateway/router.h"

namespace gw::gateway {
namespace {

TEST(Router, MatchesEveryRestPath) {
  EXPECT_EQ(matchPath("GET", "/health").kind, PathKind::Health);
  EXPECT_EQ(matchPath("GET", "/").kind, PathKind::Root);
  PathMatch invoke = matchPath("POST", "/gateway/chat-1.v2/invocations");
  EXPECT_EQ(invoke.kind, PathKind::GatewayInvoke);
  EXPECT_EQ(invoke.name, "chat-1.v2");
  EXPECT_EQ(matchPath("POST", "/endpoints/x/invocations").kind, PathKind::EndpointInvoke);
  EXPECT_EQ(matchPath("POST", "/v1/chat/completions").kind, PathKind::OpenAIChat);
  EXPECT_EQ(matchPath("POST", "/v1/completions").kind, PathKind::OpenAICompletions);
  EXPECT_EQ(matchPath("POST", "/v1/embeddings").kind, PathKind::OpenAIEmbeddings);
  EXPECT_EQ(matchPath("GET", "/v1/models").kind, PathKind::OpenAIModels);
  EXPECT_EQ(matchPath("GET", "/v1/models/chat").kind, PathKind::OpenAIModel);
  EXPECT_EQ(matchPath("GET", "/api/2.0/gateway/routes/").kind, PathKind::ListRoutes);
  EXPECT_EQ(matchPath("GET", "/api/2.0/gateway/routes/chat").kind, PathKind::GetRoute);
  EXPECT_EQ(matchPath("GET", "/api/2.0/endpoints").kind, PathKind::ListEndpoints);
  EXPECT_EQ(matchPath("GET", "/api/2.0/endpoints/chat").kind, PathKind::GetEndpoint);
  EXPECT_EQ(matchPath("GET", "/api/3.0/gateway/endpoint/chat").kind, PathKind::GetEndpoint);
  EXPECT_EQ(matchPath("GET", "/api/3.0/gateway/route/r").kind, PathKind::GetTrafficRoute);
  EXPECT_EQ(matchPath("POST", "/api/2.0/gateway/limits").kind, PathKind::Limits);
  EXPECT_EQ(matchPath("GET", "/api/2.0/endpoints/limits/chat").kind, PathKind::Limits);
}

TEST(Router, QueryStringAndTrailingSlash) {
  PathMatch m = matchPath("GET", "/api/2.0/endpoints/?page_token=abc%3D&x=1");
  EXPECT_EQ(m.kind, PathKind::ListEndpoints);
  EXPECT_EQ(queryParam(m.query, "page_token"), "abc=");
  EXPECT_EQ(queryParam(m.query, "x"), "1");
  EXPECT_EQ(queryParam(m.query, "missing"), "");
}

TEST(Router, WrongMethodAndUnknownPath) {
  PathMatch m = matchPath("GET", "/v1/chat/completions");
  EXPECT_FALSE(m.methodAllowed);
  EXPECT_EQ(m.allowedMethod, "POST");
  EXPECT_EQ(matchPath("GET", "/nope").kind, PathKind::NotFound);
  EXPECT_EQ(matchPath("POST", "/gateway//invocations").kind, PathKind::NotFound);
  // An encoded slash never becomes part of a route name.
  EXPECT_EQ(matchPath("POST", "/gateway/a%2Fb/invocations").kind, PathKind::NotFound);
  EXPECT_TRUE(matchPath("HEAD", "/health").methodAllowed);
}

TEST(Router, GeminiPassthroughPaths) {
  PathMatch generate = matchPath("POST", "/gateway/gemini/v1beta/models/gem-1:generateContent");
  EXPECT_EQ(generate.kind, PathKind::GeminiGenerate);
  EXPECT_EQ(generate.name, "gem-1");
  EXPECT_EQ(surfaceOf(generate.kind), schema::Surface::Gemini);
  PathMatch stream = matchPath("POST", "/gateway/gemini/v1/models/a%3Ab:streamGenerateContent?alt=sse");
  EXPECT_EQ(stream.kind, PathKind::GeminiStreamGenerate);
  EXPECT_EQ(stream.name, "a:b");  // the last colon separates the call
  EXPECT_EQ(stream.query, "alt=sse");
  EXPECT_EQ(matchPath("POST", "/gateway/gemini/v1beta/models/g:countTokens").kind, PathKind::GeminiCountTokens);
  PathMatch get = matchPath("GET", "/gateway/gemini/v1beta/models/g:generateContent");
  EXPECT_FALSE(get.methodAllowed);
  EXPECT_EQ(get.allowedMethod, "POST");
  EXPECT_EQ(matchPath("POST", "/gateway/gemini/v1beta/models/g:embedContent").kind, PathKind::NotFound);
  EXPECT_EQ(matchPath("POST", "/gateway/gemini/v2/models/g:generateContent").kind, PathKind::NotFound);
  EXPECT_EQ(matchPath("POST", "/gateway/gemini/v1beta/models/:generateContent").kind, PathKind::NotFound);
  EXPECT_EQ(matchPath("POST", "/gateway/gemini/v1beta/models/a%2Fb:generateContent").kind, PathKind::NotFound);
}

TEST(AttemptToken, RoundTrips) {
  Attempt a;
  a.surface = schema::Surface::OpenAI;
  a.schema = schema::WireSchema::Candidates;
  a.type = vocab::RouteType::Embeddings;
  a.route = "split";
  a.endpoint = "emb-b";
  a.attempt = 2;
  a.chainIndex = 1;
  a.totalAttempts = 3;
  a.stream = true;
  a.mlflowPath = false;
  a.history = "emb-a:503,emb-a:503";
  a.note = "3|with|bars";
  std::optional<Attempt> b = decodeAttempt(encodeAttempt(a));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->surface, a.surface);
  EXPECT_EQ(b->schema, a.schema);
  EXPECT_EQ(b->type, a.type);
  EXPECT_EQ(b->route, "split");
  EXPECT_EQ(b->endpoint, "emb-b");
  EXPECT_EQ(b->attempt, 2);
  EXPECT_EQ(b->chainIndex, 1);
  EXPECT_EQ(b->totalAttempts, 3);
  EXPECT_TRUE(b->stream);
  EXPECT_FALSE(b->mlflowPath);
  EXPECT_EQ(b->history, a.history);
  EXPECT_EQ(b->note, "3|with|bars");
  a.surface = schema::Surface::Gemini;  // the last surface decodes too
  EXPECT_EQ(decodeAttempt(encodeAttempt(a))->surface, schema::Surface::Gemini);
}

TEST(AttemptToken, RejectsForeignTokens) {
  EXPECT_FALSE(decodeAttempt(""));
  EXPECT_FALSE(decodeAttempt("v2|0|0|0|a|b|1|0|1|0|1||"));
  EXPECT_FALSE(decodeAttempt("v1|9|0|0|a|b|1|0|1|0|1||"));
  EXPECT_FALSE(decodeAttempt("v1|0|0"));
}

TEST(PageToken, Base64RoundTripAndRejects) {
  EXPECT_EQ(base64Encode("{\"index\": 1}"), "eyJpbmRleCI6IDF9");
  EXPECT_EQ(base64Decode("eyJpbmRleCI6IDF9").value(), "{\"index\": 1}");
  EXPECT_EQ(base64Decode("eyJpbmRleCI6IDF9").value(), base64Decode("eyJpbmRleCI6IDF9==").value());
  EXPECT_FALSE(base64Decode("not base64!"));
}

}  // namespace
}  // namespace gw::gateway
