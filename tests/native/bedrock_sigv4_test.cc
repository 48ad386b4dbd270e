// The core's half of SigV4 (src/providers/dialects/bedrock_sigv4.h) against the AWS test
// suite's canonical requests (tests/js/sigv4-vectors.json, shared with the JS
// signer test that checks the signatures).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "providers/dialects/bedrock_sigv4.h"

namespace {

using namespace gw;

Json vectors() {
  std::ifstream in(std::string(GW_SOURCE_DIR) + "/tests/js/sigv4-vectors.json");
  std::stringstream text;
  text << in.rdbuf();
  return parseJson(text.str());
}

TEST(SigV4, AmzDate) {
  EXPECT_EQ(providers::sigv4::amzDate(1440938160000), "20150830T123600Z");
  EXPECT_EQ(providers::sigv4::amzDate(0), "19700101T000000Z");
  EXPECT_EQ(providers::sigv4::amzDate(951782399999), "20000228T235959Z");
  EXPECT_EQ(providers::sigv4::amzDate(951868800000), "20000301T000000Z");  // leap day in between
  EXPECT_EQ(providers::sigv4::amzDate(4102444800000), "21000101T000000Z");
}

TEST(SigV4, UriEncoding) {
  using providers::sigv4::canonicalUri;
  EXPECT_EQ(providers::sigv4::uriEncode("anthropic.claude-v2:1"), "anthropic.claude-v2%3A1");
  EXPECT_EQ(providers::sigv4::uriEncode("a/b c~"), "a%2Fb%20c~");
  // The wire path carries %3A; its canonical form encodes it again, as the AWS SDKs do.
  EXPECT_EQ(canonicalUri("/model/anthropic.claude-v2%3A1/invoke"),
            "/model/anthropic.claude-v2%253A1/invoke");
  EXPECT_EQ(canonicalUri(""), "/");
  EXPECT_EQ(providers::sigv4::canonicalQuery("b=2&a=%2F&a=1&flag"), "a=%2F&a=1&b=2&flag=");
}

TEST(SigV4, TestSuiteCanonicalRequests) {
  Json suite = vectors();
  ASSERT_TRUE(suite.is_object());
  ASSERT_GE(suite["vectors"].size(), 10u);
  for (const Json& v : suite["vectors"]) {
    vocab::UpstreamRequest request;
    request.method = v["request"]["method"];
    request.url = v["request"]["url"];
    for (const Json& h : v["request"]["headers"]) request.headers.emplace_back(h[0], h[1]);
    providers::sigv4::Credentials creds{suite["access_key_id"], suite["secret_access_key"],
                                        v["session_token"]};
    Json signing = providers::sigv4::signingFor(request, creds, "us-east-1", "service",
                                                suite["now_ms"].get<int64_t>());
    SCOPED_TRACE(v["name"].get<std::string>());
    EXPECT_EQ(signing["canonical_request"], v["canonical_request"]);
    EXPECT_EQ(signing["amz_date"], suite["amz_date"]);
    EXPECT_EQ(signing["credential_scope"], suite["credential_scope"]);
    EXPECT_EQ(signing["access_key_id"], "AKIDEXAMPLE");
    EXPECT_EQ(signing.contains("session_token"), !v["session_token"].get<std::string>().empty());
  }
}

TEST(SigV4, HostCredentialsLeaveKeysOut) {
  vocab::UpstreamRequest request;
  request.url = "https://bedrock-runtime.eu-west-1.amazonaws.com:443/model/m/invoke?x=1";
  request.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
  Json signing = providers::sigv4::signingFor(request, {}, "eu-west-1", "bedrock", 1700000000000);
  EXPECT_FALSE(signing.contains("access_key_id"));
  EXPECT_FALSE(signing.contains("secret_access_key"));
  EXPECT_EQ(signing["canonical_request"]["headers"],
            Json::parse(R"([["accept","application/json"],["content-type","application/json"],
                            ["host","bedrock-runtime.eu-west-1.amazonaws.com"],
                            ["x-amz-date","20231114T221320Z"]])"));
  EXPECT_EQ(signing["canonical_request"]["query"], "x=1");
  EXPECT_EQ(signing["credential_scope"], "20231114/eu-west-1/bedrock/aws4_request");
}

}  // namespace
