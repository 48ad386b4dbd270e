// Cohere translator: NDJSON stream translation driven with events directly.
#include "provider_test_util.h"
#include "providers/dialects/cohere.h"

namespace gw::providers {
namespace {

using vocab::RouteType;
using gw::testing::ProviderFixture;
using gw::testing::runEvents;

const ProviderFixture kFixture("cohere", "command-r", Json{{"cohere_api_key", "k"}});

TEST(CohereStream, UsesNdjsonFraming) {
  auto translator = cohere::openStream(kFixture.ctx(RouteType::Chat, true));
  EXPECT_EQ(translator->framing(), StreamFraming::Ndjson);
  Json unified = {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})}, {"stream", true}};
  auto plan = kFixture.ops().buildRequest(kFixture.ctx(RouteType::Chat, true), unified);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->requests[0].framing, StreamFraming::Ndjson);
}

TEST(CohereStream, ChatUsageFallsBackToBilledUnits) {
  auto translator = cohere::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {
      {"", R"({"event_type":"stream-start","generation_id":"g"})"},
      {"", R"({"event_type":"text-generation","text":"Hi"})"},
      {"", R"({"event_type":"citation-generation","citations":[]})"},
      {"", R"({"event_type":"stream-end","finish_reason":"MAX_TOKENS","response":{"response_id":"r","meta":{"billed_units":{"input_tokens":2,"output_tokens":1}}}})"},
  });
  ASSERT_TRUE(run.error.ok());
  ASSERT_EQ(run.chunks.size(), 2u);
  EXPECT_EQ(run.chunks[1]["id"], "r");
  EXPECT_EQ(run.chunks[1]["choices"][0]["finish_reason"], "length");
  EXPECT_EQ(run.chunks[1]["usage"]["total_tokens"], 3);
}

TEST(CohereStream, ErrorFinishIsAStreamError) {
  auto translator = cohere::openStream(kFixture.ctx(RouteType::Completions, true));
  auto run = runEvents(*translator, {{"", R"({"event_type":"stream-end","finish_reason":"ERROR","response":{}})"}});
  EXPECT_FALSE(run.error.ok());
}

TEST(CohereStream, NonJsonLineIsAStreamError) {
  auto translator = cohere::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {{"", "<html>"}});
  EXPECT_FALSE(run.error.ok());
}

TEST(CohereResponse, FinishReasons) {
  EXPECT_EQ(cohere::finishReason("COMPLETE"), "stop");
  EXPECT_EQ(cohere::finishReason("MAX_TOKENS"), "length");
  EXPECT_EQ(cohere::finishReason("ERROR_TOXIC"), "content_filter");
  EXPECT_EQ(cohere::finishReason("USER_CANCEL"), "user_cancel");
  EXPECT_EQ(cohere::finishReason(nullptr), nullptr);
}

}  // namespace
}  // namespace gw::providers
