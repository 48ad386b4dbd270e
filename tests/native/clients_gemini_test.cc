// Gemini generateContent client dialect (src/clients/gemini/), what the conformance
// fixtures (tests/conformance/gemini-translated/) do not show one by one: every rejection
// names its field, tool calls and their responses are paired across turns, the tool
// config's modes, and the answer/stream writers' edge cases.
#include <gtest/gtest.h>

#include <string>

#include "clients/gemini/request.h"
#include "clients/gemini/response.h"
#include "clients/gemini/stream_writer.h"

namespace gw::clients::gemini {
namespace {

Json parse(std::string_view text) {
  Json j = parseJson(text);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

// The unified request for `body`, compact; "error: <message>" otherwise.
std::string translated(std::string_view body, bool stream = false) {
  auto out = toChatRequest(parse(body), "ep", stream);
  return out.ok() ? dumpJson(*out) : "error: " + out.error().message;
}

// The failure's param (the field it names) for `body`.
std::string rejectedParam(std::string_view body) {
  auto out = toChatRequest(parse(body), "ep", false);
  if (out.ok()) return "accepted: " + dumpJson(*out);
  EXPECT_EQ(out.error().status(), 400) << out.error().message;
  EXPECT_NE(out.error().message.find(out.error().param), std::string::npos) << out.error().message;
  return out.error().param;
}

constexpr const char* kHi = R"("contents":[{"parts":[{"text":"Hi"}]}])";

std::string withHi(std::string_view extra) { return "{" + std::string(kHi) + "," + std::string(extra) + "}"; }

// ---------------------------------------------------------------- request

TEST(GeminiClientRequest, AMinimalBodyAndAStream) {
  EXPECT_EQ(translated(R"({"contents":[{"parts":[{"text":"Hi"}]}]})"),
            R"({"model":"ep","messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_EQ(translated(R"({"contents":[{"parts":[{"text":"Hi"}]}],"model":"models/x"})", true),
            R"({"model":"ep","messages":[{"role":"user","content":"Hi"}],"stream":true,)"
            R"("stream_options":{"include_usage":true}})");
}

TEST(GeminiClientRequest, FieldsItCannotCarryAreRejectedByName) {
  EXPECT_EQ(rejectedParam(withHi(R"("cachedContent":"cachedContents/abc")")), "cachedContent");
  EXPECT_EQ(rejectedParam(withHi(R"("tools":[{"codeExecution":{}}])")), "tools[0].codeExecution");
  EXPECT_EQ(rejectedParam(withHi(R"("safetySettings":[{"category":"HARM_CATEGORY_HATE_SPEECH","threshold":"BLOCK_LOW_AND_ABOVE"}])")),
            "safetySettings[0].threshold");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"thinkingConfig":{"thinkingBudget":1024}})")),
            "generationConfig.thinkingConfig.thinkingBudget");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"thinkingConfig":{"includeThoughts":true}})")),
            "generationConfig.thinkingConfig.includeThoughts");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"responseLogprobs":true})")),
            "generationConfig.responseLogprobs");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"responseModalities":["TEXT","IMAGE"]})")),
            "generationConfig.responseModalities");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"responseMimeType":"text/x.enum"})")),
            "generationConfig.responseMimeType");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"responseSchema":{"type":"STRING"}})")),
            "generationConfig.responseSchema");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"temperature":2.5})")), "generationConfig.temperature");
  EXPECT_EQ(rejectedParam(withHi(R"("generationConfig":{"candidateCount":0})")), "generationConfig.candidateCount");
  EXPECT_EQ(rejectedParam(withHi(R"("generation_config":{},"generationConfig":{})")), "generationConfig");
}

TEST(GeminiClientRequest, PartsItCannotCarryAreRejectedByName) {
  auto part = [](std::string_view p, std::string_view role = "user") {
    return R"({"contents":[{"role":")" + std::string(role) + R"(","parts":[{"text":"a"},)" + std::string(p) + "]}]}";
  };
  EXPECT_EQ(rejectedParam(part(R"({"text":"x","thought":true})")), "contents[0].parts[1].thought");
  EXPECT_EQ(rejectedParam(part(R"({"inlineData":{"mimeType":"audio/wav","data":"AAAA"}})")),
            "contents[0].parts[1].inlineData.mimeType");
  EXPECT_EQ(rejectedParam(part(R"({"fileData":{"fileUri":"gs://bucket/cat.png"}})")),
            "contents[0].parts[1].fileData.fileUri");
  EXPECT_EQ(rejectedParam(part(R"({"executableCode":{"language":"PYTHON","code":"1"}})")),
            "contents[0].parts[1].executableCode");
  EXPECT_EQ(rejectedParam(part(R"({"text":"x","inlineData":{"mimeType":"image/png","data":"AA"}})")),
            "contents[0].parts[1]");
  EXPECT_EQ(rejectedParam(part(R"({"inlineData":{"mimeType":"image/png","data":"AA"}})", "model")),
            "contents[0].parts[1]");
  EXPECT_EQ(rejectedParam(part(R"({"functionCall":{"name":"f"}})")), "contents[0].parts[1].functionCall");
  EXPECT_EQ(rejectedParam(part(R"({"text":"x"})", "system")), "contents[0].role");
  EXPECT_EQ(rejectedParam(R"({"contents":[]})"), "contents");
  EXPECT_EQ(rejectedParam(R"({"contents":[{"parts":[{"functionResponse":{"name":"f","response":{}}}]}]})"),
            "contents[0].parts[0].functionResponse");
}

TEST(GeminiClientRequest, FunctionResponsesAnswerThePreviousTurnsCallsByIdOrName) {
  Json out = parse(translated(R"({"contents":[
      {"role":"user","parts":[{"text":"Two cities"}]},
      {"role":"model","parts":[{"functionCall":{"name":"w","args":{"c":"A"}}},
                               {"functionCall":{"name":"w","args":{"c":"B"}}},
                               {"functionCall":{"name":"t","args":{},"id":"own-id"}}]},
      {"role":"function","parts":[{"functionResponse":{"id":"own-id","name":"t","response":{"h":1}}},
                                  {"functionResponse":{"name":"w","response":{"r":"a"}}},
                                  {"function_response":{"name":"w","response":{"r":"b"}}}]}]})"));
  ASSERT_EQ(out["messages"].size(), 5u) << out.dump();
  EXPECT_EQ(out["messages"][1]["tool_calls"][0]["id"], "call_1_0");
  EXPECT_EQ(out["messages"][1]["tool_calls"][1]["id"], "call_1_1");
  EXPECT_EQ(out["messages"][1]["tool_calls"][2]["id"], "own-id");
  EXPECT_EQ(out["messages"][1]["content"], nullptr);
  EXPECT_EQ(out["messages"][2], parse(R"({"role":"tool","tool_call_id":"own-id","content":"{\"h\":1}"})"));
  EXPECT_EQ(out["messages"][3]["tool_call_id"], "call_1_0");
  EXPECT_EQ(out["messages"][4]["tool_call_id"], "call_1_1");
  // A third response named `w` has no call left to answer.
  EXPECT_EQ(rejectedParam(R"({"contents":[{"role":"model","parts":[{"functionCall":{"name":"w"}}]},
      {"role":"user","parts":[{"functionResponse":{"name":"w","response":{}}},
                              {"functionResponse":{"name":"w","response":{}}}]}]})"),
            "contents[1].parts[1].functionResponse");
}

TEST(GeminiClientRequest, ToolConfigModes) {
  const std::string tools =
      R"("tools":[{"function_declarations":[{"name":"a"},{"name":"b","parameters":{"type":"OBJECT"}},{"name":"c"}]}])";
  auto choice = [&](std::string_view config) {
    Json out = parse(translated(withHi(tools + R"(,"toolConfig":{"functionCallingConfig":)" + std::string(config) + "}")));
    std::string names;
    for (const Json& t : out["tools"]) names += t["function"]["name"].get<std::string>();
    return out["tool_choice"].dump() + " " + names;
  };
  EXPECT_EQ(choice(R"({"mode":"AUTO"})"), R"("auto" abc)");
  EXPECT_EQ(choice(R"({"mode":"NONE"})"), R"("none" abc)");
  EXPECT_EQ(choice(R"({"mode":"ANY"})"), R"("required" abc)");
  EXPECT_EQ(choice(R"({"mode":"ANY","allowedFunctionNames":["c","a"]})"), R"("required" ca)");
  EXPECT_EQ(choice(R"({"mode":"ANY","allowedFunctionNames":["b"]})"),
            R"({"type":"function","function":{"name":"b"}} b)");
  EXPECT_EQ(choice(R"({"mode":"VALIDATED","allowedFunctionNames":["b"]})"), R"("auto" b)");
  EXPECT_EQ(rejectedParam(withHi(tools + R"(,"toolConfig":{"functionCallingConfig":{"mode":"AUTO","allowedFunctionNames":["a"]}})")),
            "toolConfig.functionCallingConfig.allowedFunctionNames");
  EXPECT_EQ(rejectedParam(withHi(tools + R"(,"toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["zz"]}})")),
            "toolConfig.functionCallingConfig.allowedFunctionNames[0]");
  EXPECT_EQ(rejectedParam(withHi(R"("toolConfig":{"functionCallingConfig":{"mode":"ANY"}})")),
            "toolConfig.functionCallingConfig.mode");
  EXPECT_EQ(translated(withHi(R"("toolConfig":{"functionCallingConfig":{"mode":"NONE"}})")),
            R"({"model":"ep","messages":[{"role":"user","content":"Hi"}]})");
}

TEST(GeminiClientRequest, SettingsThatChangeNothingAndTheThinkingLevel) {
  EXPECT_EQ(translated(withHi(R"("generationConfig":{"responseMimeType":"text/plain","responseModalities":["TEXT"],
      "thinkingConfig":{"thinkingBudget":-1,"includeThoughts":false,"thinkingLevel":"HIGH"}},
      "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"}],
      "systemInstruction":{"parts":[]})")),
            R"({"model":"ep","messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"high"})");
  EXPECT_EQ(parse(translated(withHi(R"("generationConfig":{"responseMimeType":"application/json"})")))["response_format"],
            parse(R"({"type":"json_object"})"));
  EXPECT_EQ(rejectedParam(withHi(R"("tools":[{"functionDeclarations":[{"name":"a","parameters":{"type":"OBJECT","additionalProperties":false}}]}])")),
            "tools[0].functionDeclarations[0].parameters.additionalProperties");
}

// ---------------------------------------------------------------- response

TEST(GeminiClientResponse, RefusalsFiltersAndEmptyAnswers) {
  auto answer = [](std::string_view unified) {
    auto out = fromChatResponse(parse(unified), "ep");
    return out.ok() ? dumpJson(*out) : "error: " + out.error().message;
  };
  EXPECT_EQ(answer(R"({"choices":[{"index":0,"message":{"content":null,"refusal":"I can't."},"finish_reason":"content_filter"}]})"),
            R"({"candidates":[{"content":{"parts":[{"text":"I can't."}],"role":"model"},"finishReason":"SAFETY","index":0}],"modelVersion":"ep"})");
  EXPECT_EQ(answer(R"({"id":"x","model":"m","choices":[{"message":{"content":""},"finish_reason":"weird"}]})"),
            R"({"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"OTHER","index":0}],"modelVersion":"m","responseId":"x"})");
  EXPECT_EQ(answer(R"({"choices":[{"message":{"content":[{"type":"audio"}]}}]})").rfind("error: ", 0), 0u);
  EXPECT_EQ(answer("[]").rfind("error: ", 0), 0u);
}

// ---------------------------------------------------------------- stream

TEST(GeminiClientStream, TwoCandidatesAndToolCallsGoOutWholeAtTheEnd) {
  GenerateStreamWriter w("ep");
  std::string out = w.push(parse(R"({"id":"r1","model":"m","choices":[{"index":1,"delta":{"content":"B"}},{"index":0,"delta":{"content":"A"}}]})"));
  EXPECT_EQ(out, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"B\"}],\"role\":\"model\"},\"index\":1},"
                 "{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},\"index\":0}],"
                 "\"modelVersion\":\"m\",\"responseId\":\"r1\"}\r\n\r\n");
  EXPECT_TRUE(w.started());
  EXPECT_EQ(w.push(parse(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"f","arguments":"{\"a\""}}]}}]})")), "");
  EXPECT_EQ(w.push(parse(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]},"finish_reason":"tool_calls"},{"index":1,"delta":{},"finish_reason":"length"}]})")), "");
  EXPECT_EQ(w.push(parse(R"({"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}})")), "");
  EXPECT_EQ(w.finish(),
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":1},"
            "{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1},\"id\":\"c1\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
            "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7},"
            "\"modelVersion\":\"m\",\"responseId\":\"r1\"}\r\n\r\n");
  EXPECT_TRUE(w.closed());
  EXPECT_EQ(w.finish(), "");
  EXPECT_EQ(w.fail(makeError(ErrorCode::BadGateway, "late")), "");
}

TEST(GeminiClientStream, AFailureIsGooglesErrorFrameAndEndsTheStream) {
  GenerateStreamWriter w("ep");
  EXPECT_EQ(w.fail(makeError(ErrorCode::GatewayTimeout, "The upstream timed out.")),
            "data: {\"error\":{\"code\":504,\"message\":\"The upstream timed out.\",\"status\":\"DEADLINE_EXCEEDED\"}}\n\n");
  EXPECT_EQ(w.push(parse(R"({"choices":[{"index":0,"delta":{"content":"late"}}]})")), "");
  GenerateStreamWriter empty("ep");
  EXPECT_EQ(empty.finish(),
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
            "\"finishReason\":\"STOP\",\"index\":0}],\"modelVersion\":\"ep\"}\r\n\r\n");
}

}  // namespace
}  // namespace gw::clients::gemini
