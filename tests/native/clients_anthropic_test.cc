// Anthropic Messages client dialect (src/clients/anthropic/), requests: an Anthropic
// Messages body -> the unified chat request, and every rejection naming its field.
// Responses, streams and errors: clients_anthropic_stream_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "clients/anthropic/request.h"

namespace gw::clients::anthropic {
namespace {

Json parse(std::string_view text) {
  Json j = parseJson(text);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

// The unified request for `body`, compact; the failure's message otherwise.
std::string translated(std::string_view body) {
  auto out = toChatRequest(parse(body));
  return out.ok() ? dumpJson(*out) : "error: " + out.error().message;
}

// A minimal valid body with `extra` members merged over it.
Json bodyWith(const Json& extra) {
  Json body = parse(R"({"model":"claude","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]})");
  for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
  return body;
}

const char* kWeatherTool =
    R"({"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"cache_control":{"type":"ephemeral"}})";

// ---------------------------------------------------------------- request

TEST(AnthropicClientRequest, TextWithSystemBlocksAndSamplingFields) {
  EXPECT_EQ(translated(R"({"model":"claude-x","max_tokens":256,
      "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}},
                {"type":"text","text":"Answer in French."}],
      "messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"text","text":"Bonjour","citations":null}]},
                  {"role":"user","content":[{"type":"text","text":"Again"},{"type":"text","text":"please"}]}],
      "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],"stream":true,
      "metadata":{"user_id":"u-1"},"cache_control":{"type":"ephemeral"}})"),
            R"({"model":"claude-x","messages":[{"role":"system","content":"You are terse.\nAnswer in French."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Bonjour"},{"role":"user","content":[{"type":"text","text":"Again"},{"type":"text","text":"please"}]}],"max_tokens":256,"temperature":0.5,"top_p":0.9,"top_k":40,"stop":["END"],"stream":true,"stream_options":{"include_usage":true},"user":"u-1"})");
}

TEST(AnthropicClientRequest, StringSystemNoStreamAndEmptyStopSequences) {
  EXPECT_EQ(translated(R"({"model":"m","max_tokens":1,"system":"Be nice.","stream":false,"stop_sequences":[],
      "thinking":{"type":"disabled"},"messages":[{"role":"user","content":"Hi"}]})"),
            R"({"model":"m","messages":[{"role":"system","content":"Be nice."},{"role":"user","content":"Hi"}],"max_tokens":1,"stream":false})");
}

TEST(AnthropicClientRequest, ImagesBase64AndUrl) {
  EXPECT_EQ(translated(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":[
      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0K"}},
      {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"},"cache_control":{"type":"ephemeral"}},
      {"type":"text","text":"What are these?"}]}]})"),
            R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0K"}},{"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}},{"type":"text","text":"What are these?"}]}],"max_tokens":10})");
}

TEST(AnthropicClientRequest, ToolRoundTripWithErrorResultAndTrailingText) {
  std::string body = R"({"model":"m","max_tokens":100,"tools":[)" + std::string(kWeatherTool) + R"(],
      "messages":[{"role":"user","content":"Weather in Paris and Rome?"},
        {"role":"assistant","content":[{"type":"text","text":"Checking."},
          {"type":"tool_use","id":"toolu_A","name":"get_weather","input":{"city":"Paris"},"caller":{"type":"direct"}},
          {"type":"tool_use","id":"toolu_B","name":"get_weather","input":{"city":"Rome"}}]},
        {"role":"user","content":[
          {"type":"text","text":"Thanks"},
          {"type":"tool_result","tool_use_id":"toolu_A","content":"18C","cache_control":{"type":"ephemeral"}},
          {"type":"tool_result","tool_use_id":"toolu_B","content":[{"type":"text","text":"city not"},{"type":"text","text":"found"}],"is_error":true}]},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_C","name":"get_weather","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_C"}]}]})";
  EXPECT_EQ(translated(body),
            R"({"model":"m","messages":[{"role":"user","content":"Weather in Paris and Rome?"},)"
            R"({"role":"assistant","content":"Checking.","tool_calls":[{"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"toolu_B","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},)"
            R"({"role":"tool","tool_call_id":"toolu_A","content":"18C"},{"role":"tool","tool_call_id":"toolu_B","content":"Error: city not\nfound"},{"role":"user","content":"Thanks"},)"
            R"({"role":"assistant","content":null,"tool_calls":[{"id":"toolu_C","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},)"
            R"({"role":"tool","tool_call_id":"toolu_C","content":""}],)"
            R"("max_tokens":100,"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]})");
}

TEST(AnthropicClientRequest, ToolFieldsThatChangeNothingAndStrict) {
  Json tool = parse(kWeatherTool);
  tool["type"] = "custom";
  tool["strict"] = true;
  tool["eager_input_streaming"] = true;
  tool["defer_loading"] = false;
  tool["allowed_callers"] = Json::array({"direct"});
  auto out = toChatRequest(bodyWith(Json{{"tools", Json::array({tool})}}));
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(dumpJson((*out)["tools"]),
            R"([{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}}])");
}

struct ChoiceCase {
  const char* toolChoice;
  const char* expected;  // the translated request's tail, from "tool_choice" on
};

TEST(AnthropicClientRequest, ToolChoiceVariants) {
  const ChoiceCase cases[] = {
      {R"({"type":"auto"})", R"("tool_choice":"auto")"},
      {R"({"type":"auto","disable_parallel_tool_use":true})", R"("tool_choice":"auto","parallel_tool_calls":false)"},
      {R"({"type":"any","disable_parallel_tool_use":true})", R"("tool_choice":"required","parallel_tool_calls":false)"},
      {R"({"type":"any","disable_parallel_tool_use":false})", R"("tool_choice":"required")"},
      {R"({"type":"tool","name":"get_weather"})", R"("tool_choice":{"type":"function","function":{"name":"get_weather"}})"},
      {R"({"type":"none"})", R"("tool_choice":"none")"},
  };
  for (const ChoiceCase& c : cases) {
    auto out = toChatRequest(bodyWith(Json{{"tools", Json::array({parse(kWeatherTool)})},
                                           {"tool_choice", parse(c.toolChoice)}}));
    ASSERT_TRUE(out.ok()) << c.toolChoice << ": " << out.error().message;
    std::string text = dumpJson(*out);
    std::string tail = text.substr(text.find(R"("tool_choice")"));
    EXPECT_EQ(tail, std::string(c.expected) + "}") << c.toolChoice;
  }
}

TEST(AnthropicClientRequest, ToolChoiceWithoutTools) {
  for (const char* same : {R"({"type":"auto"})", R"({"type":"none"})"}) {
    auto out = toChatRequest(bodyWith(Json{{"tool_choice", parse(same)}, {"tools", Json::array()}}));
    ASSERT_TRUE(out.ok()) << same;
    EXPECT_FALSE(out->contains("tool_choice")) << same;
    EXPECT_FALSE(out->contains("tools")) << same;
  }
  auto forced = toChatRequest(bodyWith(Json{{"tool_choice", parse(R"({"type":"any"})")}}));
  ASSERT_FALSE(forced.ok());
  EXPECT_EQ(forced.error().param, "tool_choice");
  EXPECT_EQ(forced.error().message, "tool_choice: tool_choice 'any' requires tools");
}

struct Rejection {
  const char* extra;    // members merged over a minimal valid body
  const char* param;
  const char* message;  // exact, or nullptr to check only the param and the prefix
};

TEST(AnthropicClientRequest, RejectionsNameTheField) {
  const Rejection cases[] = {
      {R"({"max_tokens":0})", "max_tokens", "max_tokens: Input should be greater than or equal to 1"},
      {R"({"max_tokens":"10"})", "max_tokens", "max_tokens: Input should be a valid integer"},
      {R"({"max_tokens":1.5})", "max_tokens", "max_tokens: Input should be a valid integer"},
      {R"({"model":5})", "model", "model: Input should be a valid string"},
      {R"({"messages":{"role":"user"}})", "messages", "messages: Input should be a valid list"},
      {R"({"messages":[]})", "messages", "messages: List should have at least 1 item"},
      {R"({"messages":["hi"]})", "messages.0", "messages.0: Input should be a valid dictionary"},
      {R"({"messages":[{"role":"system","content":"x"}]})", "messages.0.role",
       "messages.0.role: Input should be 'user' or 'assistant'"},
      {R"({"messages":[{"role":"user"}]})", "messages.0.content", "messages.0.content: Field required"},
      {R"({"messages":[{"role":"user","content":7}]})", "messages.0.content",
       "messages.0.content: Input should be a valid string or list of content blocks"},
      {R"({"messages":[{"role":"user","content":[]}]})", "messages.0.content",
       "messages.0.content: List should have at least 1 item"},
      {R"({"messages":[{"role":"user","content":"x","name":"bob"}]})", "messages.0.name",
       "messages.0.name: this field cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}]})",
       "messages.0.content.0.type",
       "messages.0.content.0.type: 'document' blocks in user messages cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},{"type":"text","text":"a"}]}]})",
       "messages.1.content.0.type",
       "messages.1.content.0.type: 'thinking' blocks in assistant messages cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"redacted_thinking","data":"x"}]}]})",
       "messages.1.content.0.type", nullptr},
      {R"({"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"search_result","source":"s","title":"t","content":[]}]}]})",
       "messages.0.content.1.type", nullptr},
      {R"({"messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"n","input":{}}]}]})",
       "messages.0.content.0.type", nullptr},
      {R"({"messages":[{"role":"assistant","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]})",
       "messages.0.content.0.type", nullptr},
      {R"({"messages":[{"role":"user","content":[{"type":"mystery"}]}]})", "messages.0.content.0.type",
       "messages.0.content.0.type: 'mystery' blocks in user messages cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":[{"text":"no type"}]}]})", "messages.0.content.0.type",
       "messages.0.content.0.type: Field required"},
      {R"({"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]})",
       "messages.0.content.0.source.type",
       "messages.0.content.0.source.type: 'file' image sources cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]}]})",
       "messages.0.content.0.content.0.type",
       "messages.0.content.0.content.0.type: 'image' blocks in tool_result content cannot be translated to this endpoint's provider"},
      {R"({"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]})",
       "messages.0.content.0.tool_use_id", "messages.0.content.0.tool_use_id: Field required"},
      {R"({"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","is_error":"yes"}]}]})",
       "messages.0.content.0.is_error", "messages.0.content.0.is_error: Input should be a valid boolean"},
      {R"({"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":"{}"}]}]})",
       "messages.0.content.0.input", "messages.0.content.0.input: Input should be a valid dictionary"},
      {R"({"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":{},"caller":{"type":"code_execution_20250825"}}]}]})",
       "messages.0.content.0.caller", nullptr},
      {R"({"messages":[{"role":"user","content":[{"type":"text","text":"a","citations":[{"type":"char_location"}]}]}]})",
       "messages.0.content.0.citations",
       "messages.0.content.0.citations: citations cannot be translated to this endpoint's provider"},
      {R"({"system":[{"type":"image","source":{}}]})", "system.0.type",
       "system.0.type: 'image' blocks in system cannot be translated to this endpoint's provider"},
      {R"({"system":5})", "system", "system: Input should be a valid string or list of text blocks"},
      {R"({"temperature":1.5})", "temperature", "temperature: Input should be less than or equal to 1"},
      {R"({"top_p":"high"})", "top_p", "top_p: Input should be a valid number"},
      {R"({"top_k":0})", "top_k", "top_k: Input should be greater than or equal to 1"},
      {R"({"stop_sequences":"END"})", "stop_sequences", "stop_sequences: Input should be a valid list"},
      {R"({"stop_sequences":["a",1]})", "stop_sequences.1", "stop_sequences.1: Input should be a valid string"},
      {R"({"stream":"yes"})", "stream", "stream: Input should be a valid boolean"},
      {R"({"metadata":{"user_id":"u","tier":"gold"}})", "metadata.tier", nullptr},
      {R"({"metadata":"u"})", "metadata", "metadata: Input should be a valid dictionary"},
      {R"({"thinking":{"type":"enabled","budget_tokens":2048}})", "thinking",
       "thinking: extended thinking cannot be translated to this endpoint's provider"},
      {R"({"thinking":{"type":"adaptive"}})", "thinking", nullptr},
      {R"({"output_config":{"effort":"high"}})", "output_config",
       "output_config: this field cannot be translated to this endpoint's provider"},
      {R"({"service_tier":"auto"})", "service_tier", nullptr},
      {R"({"context_management":{}})", "context_management", nullptr},
      {R"({"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]})", "tools.0.type",
       "tools.0.type: the server tool 'web_search_20250305' cannot be translated to this endpoint's provider"},
      {R"({"tools":[{"type":"bash_20250124","name":"bash"}]})", "tools.0.type", nullptr},
      {R"({"tools":[{"name":"f"}]})", "tools.0.input_schema", "tools.0.input_schema: Field required"},
      {R"({"tools":[{"name":"f","input_schema":{},"input_examples":[{}]}]})", "tools.0.input_examples", nullptr},
      {R"({"tools":[{"name":"f","input_schema":{},"defer_loading":true}]})", "tools.0.defer_loading", nullptr},
      {R"({"tools":"f"})", "tools", "tools: Input should be a valid list"},
      {R"({"tool_choice":{"type":"sometimes"}})", "tool_choice.type",
       "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'"},
      {R"({"tools":[{"name":"f","input_schema":{}}],"tool_choice":{"type":"tool"}})", "tool_choice.name",
       "tool_choice.name: Field required"},
  };
  for (const Rejection& c : cases) {
    auto out = toChatRequest(bodyWith(parse(c.extra)));
    ASSERT_FALSE(out.ok()) << c.extra;
    EXPECT_EQ(out.error().code, ErrorCode::BadRequest) << c.extra;
    EXPECT_EQ(out.error().status(), 400) << c.extra;
    EXPECT_EQ(out.error().param, c.param) << c.extra;
    if (c.message) {
      EXPECT_EQ(out.error().message, c.message) << c.extra;
    } else {
      EXPECT_EQ(out.error().message.rfind(std::string(c.param) + ": ", 0), 0u) << out.error().message;
    }
  }
}

TEST(AnthropicClientRequest, RequiredTopLevelFields) {
  auto noMaxTokens = toChatRequest(parse(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})"));
  ASSERT_FALSE(noMaxTokens.ok());
  EXPECT_EQ(noMaxTokens.error().param, "max_tokens");
  EXPECT_EQ(noMaxTokens.error().message, "max_tokens: Field required");
  auto noModel = toChatRequest(parse(R"({"max_tokens":5,"messages":[{"role":"user","content":"Hi"}]})"));
  ASSERT_FALSE(noModel.ok());
  EXPECT_EQ(noModel.error().message, "model: Field required");
  auto noMessages = toChatRequest(parse(R"({"model":"m","max_tokens":5})"));
  ASSERT_FALSE(noMessages.ok());
  EXPECT_EQ(noMessages.error().message, "messages: Field required");
  auto notObject = toChatRequest(parse("[1]"));
  ASSERT_FALSE(notObject.ok());
  EXPECT_EQ(notObject.error().status(), 400);
  EXPECT_EQ(notObject.error().param, "");
}

}  // namespace
}  // namespace gw::clients::anthropic
