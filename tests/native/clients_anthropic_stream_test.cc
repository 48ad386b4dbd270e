// Anthropic Messages client dialect (src/clients/anthropic/), answers: a unified
// chat.completion -> Anthropic message, unified chunks -> Anthropic SSE (exact bytes),
// error bodies and types. Requests: clients_anthropic_test.cc.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "clients/anthropic/errors.h"
#include "clients/anthropic/response.h"
#include "clients/anthropic/stream_writer.h"

namespace gw::clients::anthropic {
namespace {

Json parse(std::string_view text) {
  Json j = parseJson(text);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

// ---------------------------------------------------------------- response

TEST(AnthropicClientResponse, TextTwoToolCallsAndCachedTokens) {
  Json unified = parse(R"({"id":"chatcmpl-9x.y/z","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
      "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.","tool_calls":[
        {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
        {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"not json"}}]},
        "finish_reason":"tool_calls"}],
      "usage":{"prompt_tokens":1000,"completion_tokens":50,"total_tokens":1050,"prompt_tokens_details":{"cached_tokens":800}},
      "provider":"openai"})");
  auto out = fromChatResponse(unified, "my-endpoint");
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(dumpJson(*out),
            R"({"id":"msg_chatcmpl-9x_y_z","type":"message","role":"assistant","model":"gpt-4o-2024-08-06","content":[)"
            R"({"type":"text","text":"Let me check."},)"
            R"({"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},)"
            R"({"type":"tool_use","id":"call_2","name":"get_time","input":{}}],)"
            R"("stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":200,"output_tokens":50,"cache_read_input_tokens":800}})");
}

TEST(AnthropicClientResponse, NoIdNoModelSynthesisedDeterministically) {
  Json unified = parse(R"({"id":null,"model":null,"choices":[{"index":0,"message":{"role":"assistant","content":"Hi",
      "tool_calls":[{"type":"function","function":{"name":"f","arguments":"[1]"}}]},"finish_reason":"stop"}],"usage":null})");
  auto a = fromChatResponse(unified, "ep");
  auto b = fromChatResponse(unified, "ep");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(dumpJson(*a), dumpJson(*b));
  std::string id = (*a)["id"];
  ASSERT_EQ(id.size(), 4u + 16u);
  EXPECT_EQ(id.rfind("msg_", 0), 0u);
  EXPECT_EQ((*a)["model"], "ep");
  EXPECT_EQ((*a)["content"][1]["id"], "toolu_" + id.substr(4) + "_0");
  EXPECT_EQ(dumpJson((*a)["content"][1]["input"]), "{}");
  // "stop" with tool calls (Gemini reports that) is still a tool_use turn.
  EXPECT_EQ((*a)["stop_reason"], "tool_use");
  EXPECT_EQ(dumpJson((*a)["usage"]), R"({"input_tokens":0,"output_tokens":0})");
}

TEST(AnthropicClientResponse, StopReasonsAndRefusal) {
  auto withFinish = [](const char* finish, const char* message) {
    Json unified = parse(std::string(R"({"id":"msg_01","model":"m","choices":[{"index":0,"message":)") +
                         message + R"(,"finish_reason":)" + finish + "}]}");
    auto out = fromChatResponse(unified, "ep");
    EXPECT_TRUE(out.ok());
    return out.ok() ? *out : Json();
  };
  const char* text = R"({"role":"assistant","content":"x"})";
  EXPECT_EQ(withFinish(R"("stop")", text)["stop_reason"], "end_turn");
  EXPECT_EQ(withFinish(R"("length")", text)["stop_reason"], "max_tokens");
  EXPECT_EQ(withFinish(R"("content_filter")", text)["stop_reason"], "refusal");
  EXPECT_EQ(withFinish("null", text)["stop_reason"], "end_turn");
  EXPECT_EQ(withFinish(R"("something_new")", text)["stop_reason"], "end_turn");
  EXPECT_EQ(withFinish(R"("stop")", text)["id"], "msg_01");  // not prefixed twice
  Json refused = withFinish(R"("stop")", R"({"role":"assistant","content":null,"refusal":"I can't help with that."})");
  EXPECT_EQ(dumpJson(refused["content"]), R"([{"type":"text","text":"I can't help with that."}])");
  EXPECT_EQ(refused["stop_reason"], "refusal");
  Json empty = withFinish(R"("stop")", R"({"role":"assistant","content":""})");
  EXPECT_EQ(dumpJson(empty["content"]), "[]");
}

TEST(AnthropicClientResponse, CacheCreationTokensAndBadAnswers) {
  Json unified = parse(R"({"id":"x","model":"m","choices":[{"index":0,"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"stop"}],
      "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":30},"cache_creation_input_tokens":20}})");
  auto out = fromChatResponse(unified, "ep");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(dumpJson((*out)["content"]), R"([{"type":"text","text":"a"},{"type":"text","text":"b"}])");
  EXPECT_EQ(dumpJson((*out)["usage"]),
            R"({"input_tokens":50,"output_tokens":5,"cache_creation_input_tokens":20,"cache_read_input_tokens":30})");
  EXPECT_FALSE(fromChatResponse(Json::array(), "ep").ok());
  auto audio = fromChatResponse(parse(R"({"choices":[{"message":{"content":[{"type":"input_audio"}]}}]})"), "ep");
  ASSERT_FALSE(audio.ok());
  EXPECT_EQ(audio.error().code, ErrorCode::BadGateway);
}

// ---------------------------------------------------------------- stream

Json chunk(const char* delta, const char* finish = "null", const char* id = "chatcmpl-1") {
  return parse(std::string(R"({"id":")") + id +
               R"(","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"finish_reason":)" +
               finish + R"(,"delta":)" + delta + R"(}],"usage":null,"provider":"openai"})");
}

Json usageChunk(const char* usage) {
  return parse(std::string(R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":)") +
               usage + R"(,"provider":"openai"})");
}

std::string frame(const char* event, const char* data) {
  return std::string("event: ") + event + "\ndata: " + data + "\n\n";
}

const std::string kStart = frame(
    "message_start",
    R"({"type":"message_start","message":{"id":"msg_chatcmpl-1","type":"message","role":"assistant","model":"gpt-4o","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}})");

std::string run(MessageStreamWriter& writer, const std::vector<Json>& chunks) {
  std::string out;
  for (const Json& c : chunks) out += writer.push(c);
  return out + writer.finish();
}

TEST(AnthropicClientStream, TextOnlyExactBytes) {
  MessageStreamWriter writer("my-endpoint");
  std::string out = run(writer, {chunk(R"({"role":"assistant","content":""})"), chunk(R"({"content":"Hel"})"),
                                 chunk(R"({"content":"lo \"you\"\n"})"), chunk("{}", R"("stop")"),
                                 usageChunk(R"({"prompt_tokens":11,"completion_tokens":6,"total_tokens":17})")});
  EXPECT_EQ(out,
            kStart +
                frame("content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo \"you\"\n"}})") +
                frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
                frame("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":11,"output_tokens":6}})") +
                frame("message_stop", R"({"type":"message_stop"})"));
  EXPECT_TRUE(writer.closed());
  EXPECT_EQ(writer.push(chunk(R"({"content":"late"})")), "");
  EXPECT_EQ(writer.finish(), "");
  EXPECT_EQ(writer.fail(502, "late"), "");
}

TEST(AnthropicClientStream, ToolArgumentsInPiecesAfterTextExactBytes) {
  MessageStreamWriter writer("my-endpoint");
  std::string out = run(writer, {
      chunk(R"({"role":"assistant","content":"Let me check."})"),
      chunk(R"({"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]})"),
      chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]})"),
      chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]})"),
      chunk("{}", R"("tool_calls")"),
      usageChunk(R"({"prompt_tokens":120,"completion_tokens":9,"total_tokens":129,"prompt_tokens_details":{"cached_tokens":100}})"),
  });
  EXPECT_EQ(out,
            kStart +
                frame("content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}})") +
                frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
                frame("content_block_start", R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_1","name":"get_weather","input":{}}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}})") +
                frame("content_block_stop", R"({"type":"content_block_stop","index":1})") +
                frame("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":20,"output_tokens":9,"cache_read_input_tokens":100}})") +
                frame("message_stop", R"({"type":"message_stop"})"));
}

TEST(AnthropicClientStream, IdNameAndFullArgumentsInOneChunkParallelCalls) {
  MessageStreamWriter writer("my-endpoint");
  std::string out = run(writer, {
      chunk(R"({"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"a","arguments":"{\"x\":1}"}}]})"),
      chunk(R"({"tool_calls":[{"index":1,"id":"call/b","type":"function","function":{"name":"b","arguments":"{}"}}]})"),
      // finish_reason and usage in one chunk, as the Anthropic and Gemini dialects send them
      parse(R"({"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,"finish_reason":"tool_calls","delta":{}}],"usage":{"prompt_tokens":7,"completion_tokens":3}})"),
  });
  EXPECT_EQ(out,
            kStart +
                frame("content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"call_a","name":"a","input":{}}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"x\":1}"}})") +
                frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
                frame("content_block_start", R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_b","name":"b","input":{}}})") +
                frame("content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}})") +
                frame("content_block_stop", R"({"type":"content_block_stop","index":1})") +
                frame("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":7,"output_tokens":3}})") +
                frame("message_stop", R"({"type":"message_stop"})"));
}

TEST(AnthropicClientStream, FinishReasonBeforeUsageChunkHoldsMessageDelta) {
  MessageStreamWriter writer("my-endpoint");
  EXPECT_FALSE(writer.started());
  std::string first = writer.push(chunk(R"({"role":"assistant","content":"Hi"})"));
  EXPECT_TRUE(writer.started());
  EXPECT_EQ(first.rfind(kStart, 0), 0u);
  EXPECT_EQ(writer.push(chunk("{}", R"("length")")), "");
  EXPECT_EQ(writer.push(usageChunk(R"({"prompt_tokens":3,"completion_tokens":1,"total_tokens":4})")), "");
  EXPECT_FALSE(writer.closed());
  EXPECT_EQ(writer.finish(),
            frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
                frame("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":3,"output_tokens":1}})") +
                frame("message_stop", R"({"type":"message_stop"})"));
}

TEST(AnthropicClientStream, TextAfterToolAndSynthesisedIds) {
  MessageStreamWriter writer("my-endpoint");
  std::string out = run(writer, {
      parse(R"({"model":null,"choices":[{"delta":{"tool_calls":[{"function":{"name":"f","arguments":{"k":"v"}}}]}}]})"),
      parse(R"({"choices":[{"index":0,"delta":{"content":"done"}},{"index":1,"delta":{"content":"ignored"}}]})"),
  });
  Json lines = Json::array();
  for (size_t at = 0; (at = out.find("data: ", at)) != std::string::npos; at += 6) {
    lines.push_back(parse(out.substr(at + 6, out.find('\n', at) - at - 6)));
  }
  ASSERT_EQ(lines.size(), 9u) << out;
  std::string id = lines[0]["message"]["id"];
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(lines[0]["message"]["model"], "my-endpoint");
  EXPECT_EQ(lines[1]["content_block"]["id"], "toolu_" + id.substr(4) + "_0");
  EXPECT_EQ(lines[2]["delta"]["partial_json"], R"({"k":"v"})");
  EXPECT_EQ(lines[4]["index"], 1);
  EXPECT_EQ(lines[5]["delta"]["text"], "done");
  EXPECT_EQ(lines[6]["index"], 1);  // content_block_stop of the text block
  EXPECT_EQ(lines[7]["delta"]["stop_reason"], "tool_use");
  EXPECT_EQ(out.find("ignored"), std::string::npos);
  const std::string stop = frame("message_stop", R"({"type":"message_stop"})");
  EXPECT_EQ(out.substr(out.size() - stop.size()), stop);
}

TEST(AnthropicClientStream, EmptyUpstreamStillFormsAMessage) {
  MessageStreamWriter writer("ep");
  std::string out = writer.finish();
  EXPECT_NE(out.find(R"("model":"ep")"), std::string::npos);
  EXPECT_NE(out.find(R"("stop_reason":"end_turn")"), std::string::npos);
  EXPECT_EQ(out.find("content_block"), std::string::npos);
}

TEST(AnthropicClientStream, ErrorFrameEndsTheStream) {
  MessageStreamWriter writer("ep");
  writer.push(chunk(R"({"content":"partial"})"));
  EXPECT_EQ(writer.fail(529, "Overloaded"),
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
  EXPECT_TRUE(writer.closed());
  EXPECT_EQ(writer.push(chunk(R"({"content":"more"})")), "");
  EXPECT_EQ(writer.finish(), "");
  EXPECT_EQ(writer.fail(500, "again"), "");

  MessageStreamWriter fromStatus("ep");
  Status upstream = makeError(ErrorCode::BadGateway, "upstream said no");
  EXPECT_EQ(fromStatus.fail(upstream),
            frame("error", R"({"type":"error","error":{"type":"api_error","message":"upstream said no"}})"));
}

// ---------------------------------------------------------------- errors

TEST(AnthropicClientErrors, StatusToType) {
  const std::pair<int, const char*> cases[] = {
      {400, "invalid_request_error"}, {401, "authentication_error"}, {402, "billing_error"},
      {403, "permission_error"},      {404, "not_found_error"},      {413, "request_too_large"},
      {422, "invalid_request_error"}, {429, "rate_limit_error"},     {500, "api_error"},
      {502, "api_error"},             {503, "api_error"},            {504, "timeout_error"},
      {529, "overloaded_error"},      {200, "api_error"},            {0, "api_error"},
  };
  for (const auto& [status, type] : cases) EXPECT_EQ(errorType(status), type) << status;
}

TEST(AnthropicClientErrors, BodiesAndStatusTypes) {
  EXPECT_EQ(errorBody(404, "model: no endpoint named \"x\""),
            R"({"type":"error","error":{"type":"not_found_error","message":"model: no endpoint named \"x\""}})");
  EXPECT_EQ(errorBody("overloaded_error", "Overloaded"),
            R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
  Status overloaded = makeError(ErrorCode::Upstream, "Overloaded");
  overloaded.httpStatus = 200;
  overloaded.detail = Json{{"type", "overloaded_error"}};
  EXPECT_EQ(errorTypeOf(overloaded), "overloaded_error");
  Status ours = makeError(ErrorCode::GatewayTimeout, "slow");
  ours.detail = Json{{"type", "gateway_timeout"}};  // not an Anthropic type: by status
  EXPECT_EQ(errorTypeOf(ours), "timeout_error");
  EXPECT_EQ(errorTypeOf(makeError(ErrorCode::RateLimited, "slow down")), "rate_limit_error");
  EXPECT_TRUE(isErrorType("api_error"));
  EXPECT_FALSE(isErrorType("bad_gateway"));
}

}  // namespace
}  // namespace gw::clients::anthropic
