// Bedrock translator units: the ConverseStream chunk translator driven with
// Event values (no framing parser), model families, auth modes and the
// Converse request rules. Full request/response pairs: tests/conformance/bedrock/.
#include <gtest/gtest.h>

#include "provider_test_util.h"
#include "providers/dialects/bedrock.h"

namespace {

using namespace gw;
using gw::testing::ProviderFixture;
using gw::testing::runEvents;
using vocab::RouteType;

Json keysConfig() {
  return Json::parse(R"({"aws_config": {"aws_region": "us-east-1", "aws_access_key_id": "AKID",
                                        "aws_secret_access_key": "SECRET"}})");
}

std::unique_ptr<stream::ChunkTranslator> converseStream(const ProviderFixture& f) {
  return f.ops().openStream(f.ctx(RouteType::Chat, true));
}

TEST(BedrockStream, TextToolUseStopAndUsage) {
  ProviderFixture f("bedrock", "anthropic.claude-3-haiku-20240307-v1:0", keysConfig());
  auto translator = converseStream(f);
  ASSERT_TRUE(translator);
  EXPECT_EQ(translator->framing(), vocab::StreamFraming::AwsEventStream);
  auto run = runEvents(*translator, {
      {"messageStart", R"({"role":"assistant","p":"abc"})"},
      {"contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Let me check."}})"},
      {"contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":""}})"},
      {"contentBlockStop", R"({"contentBlockIndex":0})"},
      {"contentBlockStart", R"({"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tu_1","name":"get_weather"}}})"},
      {"contentBlockDelta", R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":"}}})"},
      {"contentBlockDelta", R"({"contentBlockIndex":1,"delta":{"toolUse":{"input":"\"Paris\"}"}}})"},
      {"contentBlockStop", R"({"contentBlockIndex":1})"},
      {"messageStop", R"({"stopReason":"tool_use"})"},
      {"metadata", R"({"usage":{"inputTokens":10,"outputTokens":5,"totalTokens":15},"metrics":{"latencyMs":100}})"},
  });
  ASSERT_TRUE(run.error.ok()) << run.error.message;
  ASSERT_EQ(run.chunks.size(), 6u);
  auto choice = [&](size_t i) { return run.chunks[i]["choices"][0]; };
  EXPECT_EQ(choice(0)["delta"]["content"], "Let me check.");
  EXPECT_EQ(gw::testing::compact(choice(1)["delta"]["tool_calls"]),
            R"([{"index":0,"id":"tu_1","type":"function","function":{"name":"get_weather","arguments":""}}])");
  EXPECT_EQ(choice(2)["delta"]["tool_calls"][0]["function"]["arguments"], "{\"city\":");
  EXPECT_EQ(choice(2)["delta"]["tool_calls"][0]["index"], 0);
  EXPECT_EQ(choice(4)["finish_reason"], "tool_calls");
  EXPECT_EQ(gw::testing::compact(run.chunks[5]["usage"]),
            R"({"prompt_tokens":10,"completion_tokens":5,"total_tokens":15})");
  for (const Json& chunk : run.chunks) {
    EXPECT_EQ(chunk["object"], "chat.completion.chunk");
    EXPECT_EQ(chunk["provider"], "bedrock");
    EXPECT_EQ(chunk["model"], "anthropic.claude-3-haiku-20240307-v1:0");
    EXPECT_EQ(chunk["created"], 1700000000);
  }
}

TEST(BedrockStream, EndWithoutMessageStopIsAnError) {
  ProviderFixture f("amazon-bedrock", "amazon.nova-lite-v1:0", keysConfig());
  auto translator = converseStream(f);
  auto run = runEvents(*translator, {{"contentBlockDelta", R"({"contentBlockIndex":0,"delta":{"text":"Hi"}})"}});
  EXPECT_EQ(run.chunks.size(), 1u);
  EXPECT_EQ(run.error.code, ErrorCode::BadGateway);
  EXPECT_NE(run.error.message.find("messageStop"), std::string::npos);
}

TEST(BedrockStream, BadJsonAndStopReasons) {
  ProviderFixture f("bedrock", "meta.llama3-8b-instruct-v1:0", keysConfig());
  auto translator = converseStream(f);
  auto bad = runEvents(*translator, {{"contentBlockDelta", "{not json"}});
  EXPECT_EQ(bad.error.code, ErrorCode::BadGateway);
  for (auto [reason, expected] : {std::pair{"max_tokens", "length"}, {"end_turn", "stop"},
                                  {"stop_sequence", "stop"}, {"content_filtered", "content_filter"},
                                  {"guardrail_intervened", "content_filter"}}) {
    auto t = converseStream(f);
    auto run = runEvents(*t, {{"messageStop", std::string(R"({"stopReason":")") + reason + "\"}"}});
    ASSERT_TRUE(run.error.ok());
    EXPECT_EQ(run.chunks.at(0)["choices"][0]["finish_reason"], expected) << reason;
  }
}

TEST(Bedrock, ModelFamiliesBySubstringInMlflowOrder) {
  using providers::bedrock::Family;
  using providers::bedrock::familyOf;
  EXPECT_EQ(*familyOf("amazon.titan-text-express-v1"), Family::Titan);
  EXPECT_EQ(*familyOf("us.anthropic.claude-v2:1"), Family::Anthropic);
  EXPECT_EQ(*familyOf("cohere.command-text-v14"), Family::Cohere);
  EXPECT_EQ(*familyOf("ai21.j2-ultra-v1"), Family::AI21);
  EXPECT_EQ(familyOf("meta.llama3-8b-instruct-v1:0").error().message,
            "Unknown Amazon Bedrock model type None");
  EXPECT_EQ(familyOf("titan").error().status(), 422);  // no '.': unknown, as MLflow
}

TEST(Bedrock, AuthModes) {
  using Mode = providers::bedrock::AwsAuth::Mode;
  auto auth = [](const char* json) {
    ProviderFixture f("bedrock", "amazon.titan-embed-text-v1", Json::parse(json));
    return providers::bedrock::awsAuthOf(f.ctx(RouteType::Embeddings));
  };
  EXPECT_EQ(auth(R"({"aws_config":{"aws_bearer_token":"t","aws_region":"us-west-2"}})")->mode, Mode::BearerToken);
  EXPECT_EQ(auth(R"({"aws_config":{"aws_region":"us-west-2"}})")->mode, Mode::HostCredentials);
  EXPECT_EQ(auth(R"({"aws_config":{"aws_region":"r","aws_access_key_id":"a","aws_secret_access_key":"s"}})")->mode,
            Mode::Keys);
  EXPECT_EQ(auth(R"({"aws_config":{"aws_role_arn":"arn:aws:iam::1:role/x","aws_region":"r"}})").error().status(), 501);
  EXPECT_EQ(auth(R"({"aws_config":{"aws_region":"r","aws_access_key_id":"a"}})").error().status(), 400);
  EXPECT_EQ(auth(R"({"aws_config":{"aws_access_key_id":"a","aws_secret_access_key":"s"}})").error().status(), 400);
}

TEST(Bedrock, ConverseMergesRolesAndRejectsWhatItCannotSend) {
  ProviderFixture f("bedrock", "anthropic.claude-3-haiku-20240307-v1:0", keysConfig());
  auto ctx = f.ctx(RouteType::Chat);
  Json merged = *providers::bedrock::converseRequest(ctx, Json::parse(R"({"messages":[
      {"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"system","content":"s"}]})"));
  EXPECT_EQ(gw::testing::compact(merged),
            R"({"messages":[{"role":"user","content":[{"text":"a"},{"text":"b"}]}],"system":[{"text":"s"}]})");
  for (const char* body : {R"({"messages":[{"role":"user","content":"a"}],"n":2})",
                           R"({"messages":[{"role":"user","content":"a"}],"presence_penalty":1})",
                           R"({"messages":[{"role":"user","content":"a"}],"logprobs":true})",
                           R"({"messages":[{"role":"function","content":"a"}]})",
                           R"({"messages":[{"role":"user","content":"a"}],"tool_choice":"auto"})"}) {
    auto out = providers::bedrock::converseRequest(ctx, Json::parse(body));
    EXPECT_FALSE(out.ok()) << body;
    if (!out.ok()) {
      EXPECT_EQ(out.error().status(), 422) << body;
    }
  }
}

}  // namespace
