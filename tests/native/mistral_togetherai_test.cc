// Mistral and TogetherAI translators: request edge cases, and their streams
// through the shared OpenAI-style stream translator.
#include "provider_test_util.h"

namespace gw::providers {
namespace {

using vocab::RouteType;
using gw::testing::ProviderFixture;
using gw::testing::runEvents;

const ProviderFixture kMistral("mistral", "mistral-small-latest", Json{{"mistral_api_key", "k"}});
const ProviderFixture kTogether("togetherai", "t/m", Json{{"togetherai_api_key", "k"}});

Json bodyOf(const ProviderFixture& f, RouteType type, const Json& unified, bool stream = false) {
  auto plan = f.ops().buildRequest(f.ctx(type, stream), unified);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  return plan.ok() ? Json::parse(plan->requests[0].body) : Json();
}

// Issue 12: MLflow's completions_to_model pops `n`; `stop` is still forwarded.
TEST(MistralRequest, CompletionsForwardStopButNotN) {
  Json body = bodyOf(kMistral, RouteType::Completions,
                     Json{{"prompt", "p"}, {"stop", Json::array({"x"})}, {"n", 1}, {"temperature", 1.5}});
  EXPECT_EQ(body["stop"], Json::array({"x"}));
  EXPECT_FALSE(body.contains("n"));
  EXPECT_EQ(body["temperature"], 0.75);
  EXPECT_FALSE(body.contains("prompt"));
}

TEST(MistralRequest, CompletionsRefuseNOtherThanOne) {
  auto plan = kMistral.ops().buildRequest(kMistral.ctx(RouteType::Completions, false),
                                          Json{{"prompt", "p"}, {"n", 2}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::Unprocessable);
  EXPECT_EQ(plan.error().param, "n");
}

TEST(MistralRequest, StreamOptionsAreNotSent) {
  Json body = bodyOf(kMistral, RouteType::Chat,
                     Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})},
                          {"stream", true}, {"stream_options", Json{{"include_usage", true}}}},
                     true);
  EXPECT_FALSE(body.contains("stream_options"));
  EXPECT_EQ(body["stream"], true);
}

TEST(MistralStream, CutOffStreamIsAnError) {
  auto translator = kMistral.ops().openStream(kMistral.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {
      {"", R"({"id":"a","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})"},
  });
  EXPECT_FALSE(run.error.ok());
  EXPECT_EQ(run.chunks.size(), 1u);
  EXPECT_EQ(run.chunks[0]["provider"], "mistral");
}

TEST(TogetherRequest, MaxCompletionTokensSatisfiesTheRequiredMaxTokens) {
  Json body = bodyOf(kTogether, RouteType::Completions, Json{{"prompt", "p"}, {"max_completion_tokens", 9}});
  EXPECT_EQ(body["max_tokens"], 9);
  EXPECT_FALSE(body.contains("max_completion_tokens"));
}

TEST(TogetherRequest, EmbeddingsSendTheModel) {
  Json body = bodyOf(kTogether, RouteType::Embeddings, Json{{"input", "x"}});
  EXPECT_EQ(body["model"], "t/m");
  EXPECT_FALSE(body.contains("n"));
}

TEST(TogetherStream, CompletionsChunksCarryTheProviderText) {
  auto translator = kTogether.ops().openStream(kTogether.ctx(RouteType::Completions, true));
  auto run = runEvents(*translator, {
      {"", R"({"id":"c","object":"completion.chunk","created":5,"model":"t/m","choices":[{"index":0,"text":"Hi","finish_reason":"eos","delta":{"token_id":1,"content":"Hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})"},
      {"", "[DONE]"},
  });
  ASSERT_TRUE(run.error.ok());
  EXPECT_EQ(run.chunks[0]["choices"][0]["text"], "Hi");
  EXPECT_EQ(run.chunks[0]["usage"]["total_tokens"], 2);
}

}  // namespace
}  // namespace gw::providers
