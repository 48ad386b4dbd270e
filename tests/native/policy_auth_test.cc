// Gateway keys: bearer parsing, constant-time matching, plain and SHA-256 keys
// (the digest comes from the host), and the 401/403 replies on each surface.
#include "policy/auth.h"
#include "policy_test_util.h"

namespace gw::policy {
namespace {

using gw::testing::chatRequest;
using gw::testing::context;
using gw::testing::header;

constexpr const char* kCiDigest = "948b8c2427cd29047839b8e4a27a08763f8befbafa86be5cce8e46217d75e58a";

TEST(PolicyAuth, BearerToken) {
  using H = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(bearerToken(H{{"authorization", "Bearer abc"}}), "abc");
  EXPECT_EQ(bearerToken(H{{"authorization", "  bearer \t abc  "}}), "abc");
  EXPECT_EQ(bearerToken(H{{"authorization", "BEARER a b"}}), "a b");
  EXPECT_FALSE(bearerToken(H{{"authorization", "Basic abc"}}));
  EXPECT_FALSE(bearerToken(H{{"authorization", "Bearer "}}));
  EXPECT_FALSE(bearerToken(H{{"authorization", "Bearerabc"}}));
  EXPECT_FALSE(bearerToken(H{{"x-api-key", "abc"}}));
}

TEST(PolicyAuth, PresentedKeyIsTheBearerTokenElseXApiKey) {
  using H = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(presentedKey(H{{"x-api-key", "  abc \t"}}), "abc");
  EXPECT_EQ(presentedKey(H{{"x-api-key", "abc"}, {"authorization", "Bearer xyz"}}), "xyz");
  EXPECT_FALSE(presentedKey(H{{"x-api-key", "  "}}));
  EXPECT_FALSE(presentedKey(H{{"authorization", "Basic abc"}}));
}

TEST(PolicyAuth, ConstantTimeEquals) {
  EXPECT_TRUE(constantTimeEquals("secret", "secret"));
  EXPECT_FALSE(constantTimeEquals("secreT", "secret"));
  EXPECT_FALSE(constantTimeEquals("secret-longer", "secret"));
  EXPECT_FALSE(constantTimeEquals("sec", "secret"));
  EXPECT_FALSE(constantTimeEquals("secretsecret", "secret"));  // wraps, but lengths differ
  EXPECT_FALSE(constantTimeEquals("", ""));                     // empty keys never match
  EXPECT_FALSE(constantTimeEquals("", "secret"));
}

config::AuthConfig keys() {
  config::AuthConfig auth;
  auth.enabled = true;
  auth.keys.push_back({"team", "", "plain-secret", {}});
  auth.keys.push_back({"ci", kCiDigest, "", {"chat"}});
  return auth;
}

TEST(PolicyAuth, Authenticate) {
  config::AuthConfig auth = keys();
  using O = AuthResult::Outcome;
  EXPECT_EQ(authenticate(auth, std::nullopt, "").outcome, O::Missing);
  EXPECT_EQ(authenticate(auth, "nope", "").outcome, O::Invalid);
  AuthResult plain = authenticate(auth, "plain-secret", "");
  EXPECT_EQ(plain.outcome, O::Ok);
  EXPECT_EQ(plain.key->name, "team");
  AuthResult hashed = authenticate(auth, "ci-token", kCiDigest);
  EXPECT_EQ(hashed.outcome, O::Ok);
  EXPECT_EQ(hashed.key->name, "ci");
  // The digest is the host's; upper-case hex is accepted.
  std::string upper(kCiDigest);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(authenticate(auth, "ci-token", upper).outcome, O::Ok);
  // Presenting the hash itself as the key does not work: it is hashed again by the host.
  EXPECT_EQ(authenticate(auth, kCiDigest, "").outcome, O::Invalid);
  EXPECT_EQ(authenticate(auth, "ci-token", "").outcome, O::Invalid);  // host gave no digest
  EXPECT_EQ(authenticate(config::AuthConfig{}, std::nullopt, "").outcome, O::Open);
}

TEST(PolicyAuth, RouteRestrictions) {
  config::AuthConfig auth = keys();
  EXPECT_TRUE(mayUse(auth.keys[0], "anything"));
  EXPECT_TRUE(mayUse(auth.keys[1], "chat"));
  EXPECT_FALSE(mayUse(auth.keys[1], "embeddings"));
}

const std::string kConfig =
    "endpoints:\n" + gw::testing::openaiEndpoint("chat") + gw::testing::openaiEndpoint("other") +
    "auth:\n  keys:\n    - {name: team, key: plain-secret}\n"
    "    - {name: ci, sha256: " + std::string(kCiDigest) + ", routes: [chat]}\n";

gw::testing::TestRequest withKey(gw::testing::TestRequest r, const std::string& key) {
  r.headers.emplace_back("authorization", "Bearer " + key);
  return r;
}

TEST(PolicyAuthGateway, MissingOrInvalidKeyIs401InTheSurfacesShape) {
  auto gw = gw::testing::policyGateway(kConfig);
  ASSERT_TRUE(gw);
  EXPECT_TRUE(gw->needsKeyDigest());
  gateway::Step mlflow = gw->plan(chatRequest("/gateway/chat/invocations").http(), context());
  EXPECT_EQ(mlflow.reply.status, 401);
  EXPECT_EQ(mlflow.reply.body,
            R"({"detail":"Missing gateway key: send it as 'Authorization: Bearer <key>'."})");
  EXPECT_EQ(header(mlflow.reply.headers, "www-authenticate"), "Bearer");
  gateway::Step openai =
      gw->plan(withKey(chatRequest("/v1/chat/completions", "chat"), "wrong").http(), context());
  EXPECT_EQ(openai.reply.status, 401);
  Json body = parseJson(openai.reply.body);
  EXPECT_EQ(body["error"]["message"], "Invalid gateway key.");
  EXPECT_EQ(body["error"]["type"], "authentication_error");
  // Metadata is protected too; /health is not.
  gw::testing::TestRequest list{"GET", "/api/2.0/endpoints/", "", {}};
  EXPECT_EQ(gw->plan(list.http(), context()).reply.status, 401);
  gw::testing::TestRequest models{"GET", "/v1/models", "", {}};
  EXPECT_EQ(gw->plan(models.http(), context()).reply.status, 401);
  gw::testing::TestRequest health{"GET", "/health", "", {}};
  EXPECT_EQ(gw->plan(health.http(), context()).reply.status, 200);
  EXPECT_EQ(gw->plan(withKey(list, "plain-secret").http(), context()).reply.status, 200);
}

TEST(PolicyAuthGateway, ValidKeysReachTheirRoutes) {
  auto gw = gw::testing::policyGateway(kConfig);
  ASSERT_TRUE(gw);
  auto ctx = context();
  EXPECT_EQ(gw->plan(withKey(chatRequest("/gateway/other/invocations"), "plain-secret").http(), ctx).kind,
            gateway::Step::Kind::Call);
  ctx.keyDigest = kCiDigest;
  EXPECT_EQ(gw->plan(withKey(chatRequest("/gateway/chat/invocations"), "ci-token").http(), ctx).kind,
            gateway::Step::Kind::Call);
  // The upstream never sees the gateway key.
  gateway::Step call = gw->plan(withKey(chatRequest("/gateway/chat/invocations"), "ci-token").http(), ctx);
  EXPECT_EQ(header(call.call.requests[0].headers, "authorization"), "Bearer sk-test");
}

// Anthropic clients send the key as x-api-key; hashed keys work too (the host hashes it).
TEST(PolicyAuthGateway, KeysAreAcceptedAsXApiKey) {
  auto gw = gw::testing::policyGateway(kConfig);
  ASSERT_TRUE(gw);
  auto ctx = context();
  auto xApiKey = [](gw::testing::TestRequest r, const std::string& key) {
    r.headers.emplace_back("x-api-key", key);
    return r;
  };
  EXPECT_EQ(gw->plan(xApiKey(chatRequest("/gateway/other/invocations"), "plain-secret").http(), ctx).kind,
            gateway::Step::Kind::Call);
  EXPECT_EQ(gw->plan(xApiKey(chatRequest("/gateway/other/invocations"), "wrong").http(), ctx).reply.status, 401);
  ctx.keyDigest = kCiDigest;
  gateway::Step call = gw->plan(xApiKey(chatRequest("/gateway/chat/invocations"), "ci-token").http(), ctx);
  ASSERT_EQ(call.kind, gateway::Step::Kind::Call);
  EXPECT_EQ(header(call.call.requests[0].headers, "x-api-key"), "");  // never forwarded
}

TEST(PolicyAuthGateway, KeyLimitedToOtherRoutesIs403) {
  auto gw = gw::testing::policyGateway(kConfig);
  ASSERT_TRUE(gw);
  auto ctx = context();
  ctx.keyDigest = kCiDigest;
  gateway::Step mlflow = gw->plan(withKey(chatRequest("/gateway/other/invocations"), "ci-token").http(), ctx);
  EXPECT_EQ(mlflow.reply.status, 403);
  EXPECT_EQ(mlflow.reply.body, R"({"detail":"The gateway key 'ci' may not use 'other'."})");
  gateway::Step openai =
      gw->plan(withKey(chatRequest("/v1/chat/completions", "other"), "ci-token").http(), ctx);
  EXPECT_EQ(openai.reply.status, 403);
  EXPECT_EQ(parseJson(openai.reply.body)["error"]["type"], "permission_error");
}

TEST(PolicyAuthGateway, OffByDefault) {
  auto gw = gw::testing::policyGateway("endpoints:\n" + gw::testing::openaiEndpoint("chat"));
  ASSERT_TRUE(gw);
  EXPECT_FALSE(gw->needsKeyDigest());
  EXPECT_EQ(gw->plan(chatRequest("/gateway/chat/invocations").http(), context()).kind,
            gateway::Step::Kind::Call);
}

}  // namespace
}  // namespace gw::policy
