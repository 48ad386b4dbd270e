// OpenAI Responses client dialect (src/clients/responses/): what the conformance fixtures
// (tests/conformance/openai-responses/) do not show one by one — every rejection names its
// field, function calls join the assistant turn before them, tool_choice forms, and the
// stream writer's failure and empty-stream edges.
#include <gtest/gtest.h>

#include <string>

#include "clients/responses/request.h"
#include "clients/responses/stream_writer.h"

namespace gw::clients::responses {
namespace {

Json parse(std::string_view text) {
  Json j = parseJson(text);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

std::string rejectedParam(std::string_view body) {
  auto out = toChatRequest(parse(body));
  if (out.ok()) return "accepted: " + dumpJson(*out);
  EXPECT_EQ(out.error().status(), 400) << out.error().message;
  return out.error().param;
}

TEST(ResponsesClientRequest, WhatCannotBeTranslatedIsRejectedByName) {
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":[{"type":"item_reference","id":"msg_1"}]})"), "input[0].type");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":[{"type":"reasoning","summary":[]}]})"), "input[0].type");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","tools":[{"type":"custom","name":"apply_patch"}]})"), "tools[0].type");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","tools":[{"type":"local_shell"}]})"), "tools[0].type");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","include":["file_search_call.results"]})"), "include[0]");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","truncation":"auto"})"), "truncation");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","background":true})"), "background");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","conversation":"conv_1"})"), "conversation");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"f"}]}]})"),
            "input[0].content[0].type");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":[{"role":"tool","content":"x"}]})"), "input[0].role");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","temperature":3})"), "temperature");
  EXPECT_EQ(rejectedParam(R"({"model":"m","input":"x","aNewField":1})"), "aNewField");
  EXPECT_EQ(rejectedParam(R"({"model":"m"})"), "input");
}

TEST(ResponsesClientRequest, FunctionCallsJoinTheAssistantTurnAndToolChoiceForms) {
  auto out = toChatRequest(parse(R"({"model":"m","instructions":"Sys","input":[
      {"role":"developer","content":"Dev"},
      {"role":"assistant","content":[{"type":"output_text","text":"Let me see.","annotations":[]}]},
      {"type":"function_call","call_id":"c1","name":"a","arguments":"{}"},
      {"type":"function_call","call_id":"c2","name":"b","arguments":"{\"x\":1}"},
      {"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"one"},{"type":"input_text","text":"two"}]},
      {"type":"function_call_output","call_id":"c2","output":"three"}],
    "tools":[{"type":"function","name":"a"},{"type":"function","name":"b"},{"type":"function","name":"c"}],
    "tool_choice":{"type":"allowed_tools","mode":"required","tools":[{"type":"function","name":"b"}]},
    "text":{"format":{"type":"json_schema","name":"s","schema":{"type":"object"},"strict":true},"verbosity":"low"},
    "reasoning":{"effort":"low","summary":"auto"},"store":true,"safety_identifier":"u1"})"));
  ASSERT_TRUE(out.ok()) << out.error().message;
  const Json& m = (*out)["messages"];
  ASSERT_EQ(m.size(), 5u) << m.dump();
  EXPECT_EQ(m[0], parse(R"({"role":"system","content":"Sys"})"));
  EXPECT_EQ(m[1], parse(R"({"role":"system","content":"Dev"})"));
  EXPECT_EQ(m[2]["content"], "Let me see.");
  EXPECT_EQ(m[2]["tool_calls"].size(), 2u);
  EXPECT_EQ(m[3], parse(R"({"role":"tool","tool_call_id":"c1","content":"onetwo"})"));
  EXPECT_EQ((*out)["tools"].size(), 1u);
  EXPECT_EQ((*out)["tools"][0]["function"]["name"], "b");
  EXPECT_EQ((*out)["tool_choice"], "required");
  EXPECT_EQ((*out)["response_format"]["json_schema"]["strict"], true);
  EXPECT_EQ((*out)["verbosity"], "low");
  EXPECT_EQ((*out)["reasoning_effort"], "low");
  EXPECT_EQ((*out)["user"], "u1");
  EXPECT_FALSE(out->contains("store"));
}

TEST(ResponsesClientStream, AFailureBeforeAnyChunkStillOpensTheResponseAndAnEmptyStreamCompletes) {
  ResponseStreamWriter failing("ep");
  std::string out = failing.fail(makeError(ErrorCode::GatewayTimeout, "The upstream timed out."));
  EXPECT_EQ(out.find("event: response.created\n"), 0u) << out;
  EXPECT_NE(out.find("event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"The upstream "
                     "timed out.\",\"param\":null,\"sequence_number\":2}"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("event: response.failed\n"), std::string::npos);
  EXPECT_EQ(failing.finish(), "");
  ResponseStreamWriter empty("ep");
  std::string done = empty.finish();
  EXPECT_NE(done.find("\"status\":\"completed\""), std::string::npos) << done;
  EXPECT_NE(done.find("\"usage\":{\"input_tokens\":0"), std::string::npos) << done;
  EXPECT_NE(done.find("\"sequence_number\":2}"), std::string::npos) << done;
}

}  // namespace
}  // namespace gw::clients::responses
