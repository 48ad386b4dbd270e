// Gemini translator: stream translation driven with framed events directly, and
// request/response edge cases the conformance fixtures do not cover.
#include "provider_test_util.h"
#include "providers/dialects/gemini.h"

namespace gw::providers {
namespace {

using vocab::RouteType;
using gw::testing::compact;
using gw::testing::ProviderFixture;
using gw::testing::runEvents;

const ProviderFixture kFixture("gemini", "gemini-2.0-flash", Json{{"gemini_api_key", "k"}});

TEST(GeminiStream, MultipleCandidatesKeepTheirIndexAndRole) {
  auto translator = gemini::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {
      {"", R"({"candidates":[{"index":0,"content":{"parts":[{"text":"A"}]}},{"index":1,"content":{"parts":[{"text":"B"}]}}]})"},
      {"", R"({"candidates":[{"index":0,"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"},{"index":1,"content":{"parts":[{"text":"b"}]},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4,"totalTokenCount":7}})"},
  });
  ASSERT_TRUE(run.error.ok()) << run.error.message;
  ASSERT_EQ(run.chunks.size(), 2u);
  EXPECT_EQ(run.chunks[0]["choices"][1]["delta"]["role"], "assistant");
  EXPECT_EQ(run.chunks[1]["choices"][1]["delta"]["role"], nullptr);
  EXPECT_EQ(run.chunks[1]["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(run.chunks[1]["choices"][1]["finish_reason"], "length");
  EXPECT_EQ(run.chunks[0]["usage"], nullptr);
  EXPECT_EQ(run.chunks[1]["usage"]["total_tokens"], 7);
}

TEST(GeminiStream, ThoughtPartsAreNotContent) {
  auto translator = gemini::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {
      {"", R"({"candidates":[{"content":{"parts":[{"text":"thinking...","thought":true},{"text":"Answer"}]},"finishReason":"STOP"}]})"},
  });
  ASSERT_TRUE(run.error.ok());
  EXPECT_EQ(run.chunks[0]["choices"][0]["delta"]["content"], "Answer");
}

TEST(GeminiStream, ErrorObjectAbortsTheStream) {
  auto translator = gemini::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {
      {"", R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})"},
  });
  ASSERT_FALSE(run.error.ok());
  EXPECT_EQ(run.error.message, "The model is overloaded.");
  EXPECT_EQ((*run.error.detail)["type"], "UNAVAILABLE");
}

TEST(GeminiStream, BlockedPromptFinishesWithContentFilter) {
  auto translator = gemini::openStream(kFixture.ctx(RouteType::Completions, true));
  auto run = runEvents(*translator, {{"", R"({"promptFeedback":{"blockReason":"SAFETY"}})"}});
  ASSERT_TRUE(run.error.ok());
  EXPECT_EQ(compact(run.chunks[0]["choices"]), R"([{"index":0,"finish_reason":"content_filter","text":""}])");
}

TEST(GeminiRequest, StreamUrlKeepsTheBaseQuery) {
  ProviderFixture proxied("gemini", "g", Json{{"gemini_api_key", "k"},
                                              {"api_base", "https://p.example/v1beta/models?x=1"}});
  Json unified = {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})}, {"stream", true}};
  auto plan = proxied.ops().buildRequest(proxied.ctx(RouteType::Chat, true), unified);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->requests[0].url, "https://p.example/v1beta/models/g:streamGenerateContent?x=1&alt=sse");
  EXPECT_EQ(plan->requests[0].framing, StreamFraming::Sse);
}

TEST(GeminiRequest, ToolChoiceModes) {
  for (auto [choice, mode] : {std::pair{"none", "NONE"}, std::pair{"auto", "AUTO"}, std::pair{"required", "ANY"}}) {
    Json unified = {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})},
                    {"tool_choice", choice}};
    auto body = gemini::chatBody(unified);
    ASSERT_TRUE(body.ok());
    EXPECT_EQ((*body)["toolConfig"]["functionCallingConfig"]["mode"], mode);
  }
}

TEST(GeminiRequest, NonObjectToolResultIsWrapped) {
  Json call = {{"id", "c1"}, {"type", "function"}, {"function", Json{{"name", "f"}, {"arguments", "{}"}}}};
  Json unified = {{"messages", Json::array({Json{{"role", "assistant"}, {"content", nullptr},
                                                 {"tool_calls", Json::array({call})}},
                                            Json{{"role", "tool"}, {"tool_call_id", "c1"}, {"content", "42"}}})}};
  auto body = gemini::chatBody(unified);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(compact((*body)["contents"][1]["parts"][0]["functionResponse"]["response"]), R"({"content":42})");
}

TEST(GeminiResponse, FinishReasons) {
  EXPECT_EQ(gemini::finishReason("STOP", false), "stop");
  EXPECT_EQ(gemini::finishReason("STOP", true), "tool_calls");
  EXPECT_EQ(gemini::finishReason("MAX_TOKENS", false), "length");
  EXPECT_EQ(gemini::finishReason("RECITATION", false), "recitation");
  EXPECT_EQ(gemini::finishReason(nullptr, true), nullptr);
}

TEST(GeminiResponse, SynthesizedIdsAreDeterministic) {
  Json parts = Json::parse(R"([{"functionCall":{"name":"f","args":{"a":1}}}])");
  Json first = gemini::toolCalls(parts), second = gemini::toolCalls(parts);
  EXPECT_EQ(first, second);
  std::string id = first[0]["id"];
  EXPECT_EQ(id.size(), 37u);
  EXPECT_EQ(id.rfind("call_", 0), 0u);
  EXPECT_EQ(first[0]["function"]["arguments"], R"({"a": 1})");
}

}  // namespace
}  // namespace gw::providers
