// Anthropic translator: stream translation driven with framed events directly,
// plus request/response edge cases the conformance fixtures do not cover.
#include "provider_test_util.h"
#include "providers/dialects/anthropic.h"

namespace gw::providers {
namespace {

using vocab::RouteType;
using gw::testing::compact;
using gw::testing::ProviderFixture;
using gw::testing::runEvents;

const ProviderFixture kFixture("anthropic", "claude-3-5-sonnet-20241022",
                               Json{{"anthropic_api_key", "k"}});

using Events = std::vector<std::pair<std::string, std::string>>;

const Events kTextStream = {
    {"message_start", R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-sonnet-20241022","stop_reason":null,"usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}})"},
    {"content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"},
    {"ping", R"({"type": "ping"})"},
    {"content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"},
    {"content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}})"},
    {"content_block_stop", R"({"type":"content_block_stop","index":0})"},
    {"message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}})"},
    {"message_stop", R"({"type":"message_stop"})"},
};

TEST(AnthropicStream, TextDeltasThenOneFinalChunkWithUsage) {
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, kTextStream);
  ASSERT_TRUE(run.error.ok()) << run.error.message;
  ASSERT_EQ(run.chunks.size(), 4u);
  EXPECT_EQ(compact(run.chunks[0]),
            R"({"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"claude-3-5-sonnet-20241022","choices":[{"index":0,"finish_reason":null,"delta":{"role":"assistant","content":"","tool_calls":null}}],"usage":null,"provider":"anthropic"})");
  EXPECT_EQ(compact(run.chunks[1]["choices"][0]["delta"]),
            R"({"role":null,"content":"Hello","tool_calls":null})");
  const Json& last = run.chunks[3];
  EXPECT_EQ(last["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(compact(last["usage"]),
            R"({"prompt_tokens":30,"completion_tokens":15,"total_tokens":45,"prompt_tokens_details":{"cached_tokens":5}})");
}

TEST(AnthropicStream, ToolUseBlocksBecomeNumberedToolCalls) {
  Events events = {
      {"message_start", R"({"type":"message_start","message":{"id":"msg_2","model":"m","usage":{"input_tokens":10,"output_tokens":1}}})"},
      {"content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"},
      {"content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}})"},
      {"content_block_start", R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}})"},
      {"content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}})"},
      {"content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\"}"}})"},
      {"content_block_start", R"({"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}})"},
      {"message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":40}})"},
      {"message_stop", R"({"type":"message_stop"})"},
  };
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, events);
  ASSERT_TRUE(run.error.ok()) << run.error.message;
  ASSERT_EQ(run.chunks.size(), 7u);
  EXPECT_EQ(compact(run.chunks[2]["choices"][0]["delta"]["tool_calls"]),
            R"([{"index":0,"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":""}}])");
  EXPECT_EQ(compact(run.chunks[3]["choices"][0]["delta"]["tool_calls"]),
            R"([{"index":0,"id":null,"type":null,"function":{"name":null,"arguments":"{\"city\": \"Pa"}}])");
  EXPECT_EQ(run.chunks[5]["choices"][0]["delta"]["tool_calls"][0]["index"], 1);
  EXPECT_EQ(run.chunks[6]["choices"][0]["finish_reason"], "tool_calls");
  EXPECT_EQ(run.chunks[6]["usage"]["total_tokens"], 50);
}

TEST(AnthropicStream, ErrorEventAbortsTheStream) {
  Events events = {
      {"message_start", R"({"type":"message_start","message":{"id":"msg_3","model":"m","usage":{}}})"},
      {"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"},
  };
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, events);
  EXPECT_FALSE(run.error.ok());
  EXPECT_NE(run.error.message.find("Overloaded"), std::string::npos);
}

TEST(AnthropicStream, EndingBeforeMessageStopIsAnError) {
  Events cut(kTextStream.begin(), kTextStream.begin() + 4);
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, cut);
  EXPECT_FALSE(run.error.ok());
  EXPECT_EQ(run.chunks.size(), 2u);  // what arrived was still translated
}

TEST(AnthropicStream, NonJsonDataIsAnError) {
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, {{"message_start", "{not json"}});
  EXPECT_FALSE(run.error.ok());
}

TEST(AnthropicStream, ThinkingAndUnknownEventsAreSkipped) {
  Events events = {
      {"message_start", R"({"type":"message_start","message":{"id":"m","model":"m","usage":{"input_tokens":1}}})"},
      {"content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})"},
      {"content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}})"},
      {"future_event", R"({"type":"future_event"})"},
      {"message_delta", R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":3}})"},
      {"message_stop", R"({"type":"message_stop"})"},
  };
  auto translator = anthropic::openStream(kFixture.ctx(RouteType::Chat, true));
  auto run = runEvents(*translator, events);
  ASSERT_TRUE(run.error.ok());
  ASSERT_EQ(run.chunks.size(), 1u);
  EXPECT_EQ(run.chunks[0]["choices"][0]["delta"]["role"], "assistant");
  EXPECT_EQ(run.chunks[0]["choices"][0]["finish_reason"], "length");
}

TEST(AnthropicRequest, StreamSendsStreamTrueWithoutStreamOptions) {
  Json unified = {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})},
                  {"stream", true},
                  {"stream_options", Json{{"include_usage", true}}}};
  auto body = anthropic::messagesBody(kFixture.ctx(RouteType::Chat, true), unified);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["stream"], true);
  EXPECT_FALSE(body->contains("stream_options"));
  auto plan = kFixture.ops().buildRequest(kFixture.ctx(RouteType::Chat, true), unified);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->requests[0].framing, StreamFraming::Sse);
}

TEST(AnthropicRequest, ToolMessageWithoutIdIsRejected) {
  Json unified = {{"messages", Json::array({Json{{"role", "tool"}, {"content", "x"}}})}};
  auto body = anthropic::messagesBody(kFixture.ctx(RouteType::Chat), unified);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().status(), 422);
  EXPECT_EQ(body.error().param, "messages[0].tool_call_id");
}

TEST(AnthropicRequest, InvalidToolArgumentsAreRejected) {
  Json call = {{"id", "t"}, {"type", "function"},
               {"function", Json{{"name", "f"}, {"arguments", "{oops"}}}};
  Json unified = {{"messages", Json::array({Json{{"role", "assistant"},
                                                 {"tool_calls", Json::array({call})}}})}};
  auto body = anthropic::messagesBody(kFixture.ctx(RouteType::Chat), unified);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().param, "messages[0].tool_calls[0].function.arguments");
}

TEST(AnthropicRequest, OpenObjectSchemaIsRejected) {
  Json schema = {{"type", "object"}, {"properties", Json{{"a", Json{{"type", "string"}}}}},
                 {"additionalProperties", true}};
  Json unified = {{"messages", Json::array({Json{{"role", "user"}, {"content", "x"}}})},
                  {"response_format", Json{{"type", "json_schema"},
                                           {"json_schema", Json{{"schema", schema}}}}}};
  EXPECT_FALSE(anthropic::messagesBody(kFixture.ctx(RouteType::Chat), unified).ok());
}

TEST(AnthropicResponse, FinishReasons) {
  EXPECT_EQ(anthropic::finishReason("end_turn"), "stop");
  EXPECT_EQ(anthropic::finishReason("stop_sequence"), "stop");
  EXPECT_EQ(anthropic::finishReason("max_tokens"), "length");
  EXPECT_EQ(anthropic::finishReason("tool_use"), "tool_calls");
  EXPECT_EQ(anthropic::finishReason("refusal"), "content_filter");
}

}  // namespace
}  // namespace gw::providers
