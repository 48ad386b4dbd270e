// The OpenAI fast paths (providers/openai_splice.cc) against the DOM
// translators they stand in for: same request, same unified response, as JSON
// values, for ordinary and awkward bodies in every route shape.
#include <gtest/gtest.h>

#include "providers/openai.h"
#include "providers/openai_splice.h"

namespace gw::providers {
namespace {

using vocab::RouteType;

struct Target {
  const char* provider;
  RouteType type;
  bool declaredAsRoute = false;
  bool stream = false;
  Json config = Json::object();
};

vocab::Endpoint endpointFor(const Target& t) {
  vocab::Endpoint e;
  e.name = "ep";
  e.type = t.type;
  e.declaredAsRoute = t.declaredAsRoute;
  e.model.provider = t.provider;
  e.model.name = "model-\"x\"";
  e.model.config = t.config;
  return e;
}

// Order-insensitive comparison (plain nlohmann::json objects are maps).
nlohmann::json unordered(std::string_view text) { return nlohmann::json::parse(text); }

std::vector<Target> targets() {
  Json openai = {{"openai_api_key", "sk"}};
  Json azure = {{"openai_api_key", "k"}, {"openai_api_type", "azure"},
                {"openai_api_base", "https://a.example"}, {"openai_deployment_name", "d"},
                {"openai_api_version", "2024-01-01"}};
  return {{"openai", RouteType::Chat, false, false, openai},
          {"openai", RouteType::Chat, false, true, openai},
          {"openai", RouteType::Completions, false, false, openai},
          {"openai", RouteType::Completions, true, false, openai},  // sent to chat/completions
          {"openai", RouteType::Embeddings, false, false, openai},
          {"azure", RouteType::Chat, false, true, azure}};
}

TEST(OpenAISplice, RequestsMatchTheDomBuilder) {
  const char* bodies[] = {
      R"({"messages":[{"role":"user","content":"hi"}],"temperature":0.70,"model":"m"})",
      R"({"messages":[{"role":"user","content":"caf\u00e9 \"q\""}],"n":null,"stop":null,"user":"u"})",
      R"({"prompt":"say \\n hi","n":3,"stream_options":null,"max_tokens":5,"extra":{"a":[1,2.50,null]}})",
      R"({"prompt":"p","messages":[{"role":"system","content":"s"}],"stream":true,"stream_options":{"include_usage":false}})",
      R"({"input":["a","b"],"encoding_format":"float","m\u006fdel":"shadow"})",
      R"({"input":[[1,2],[3]],"dimensions":256,"n":2})",
      R"({})"};
  for (const Target& t : targets()) {
    vocab::Endpoint endpoint = endpointFor(t);
    const ProviderSpec* spec = findProvider(t.provider);
    ASSERT_NE(spec, nullptr);
    TranslateContext ctx{endpoint, *spec, t.type, t.stream, 1700000000000};
    for (const char* body : bodies) {
      Outcome<JsonTape> tape = JsonTape::scan(body);
      ASSERT_TRUE(tape.ok()) << body;
      Json unified = tape->root().toJson();
      unified.erase("model");
      Outcome<UpstreamPlan> dom = openAIOps().buildRequest(ctx, unified);
      Outcome<UpstreamPlan> fast = buildOpenAIRequestFromTape(ctx, *tape);
      ASSERT_TRUE(dom.ok() && fast.ok()) << body;
      const UpstreamRequest& a = dom->requests.front();
      const UpstreamRequest& b = fast->requests.front();
      EXPECT_EQ(unordered(b.body), unordered(a.body)) << t.provider << " " << body;
      EXPECT_EQ(b.url, a.url);
      EXPECT_EQ(b.headers, a.headers);
      EXPECT_EQ(b.framing, a.framing);
    }
  }
}

TEST(OpenAISplice, ResponsesMatchTheDomTranslator) {
  const char* bodies[] = {
      R"({"id":"c1","object":"chat.completion","created":1721075000,"model":"gpt","choices":[{"index":0,"message":{"role":"assistant","content":"Hello \u00e9","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":1}}})",
      R"({"choices":[{"message":{"content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"},{"message":"odd"},5,{"text":"legacy"}],"created":1.5,"model":null})",
      R"({"choices":[{"message":{"role":"assistant","content":[{"type":"text","text":"parts"}]}}],"usage":{"prompt_tokens":1.0,"total_tokens":18446744073709551615}})",
      R"({"id":"cmpl","choices":[{"text":"done","finish_reason":"length","index":0}],"usage":"none","created":-3})",
      R"({"object":"list","data":[{"object":"embedding","embedding":[0.1,-2E-3,3],"index":0},{"embedding":null},7],"model":"emb","usage":{"prompt_tokens":2,"total_tokens":2}})",
      R"({"data":"nope","choices":"nope"})",
      R"({})"};
  for (const Target& t : targets()) {
    vocab::Endpoint endpoint = endpointFor(t);
    const ProviderSpec* spec = findProvider(t.provider);
    TranslateContext ctx{endpoint, *spec, t.type, false, 1700000000123};
    for (const char* body : bodies) {
      Outcome<JsonTape> tape = JsonTape::scan(body);
      ASSERT_TRUE(tape.ok()) << body;
      Json dom = tape->root().toJson();
      Outcome<Json> expected = openAIOps().parseResponse(ctx, {&dom, 1}, "");
      Outcome<std::string> actual = parseOpenAIResponseToText(ctx, {&*tape, 1}, "");
      ASSERT_TRUE(expected.ok() && actual.ok()) << body;
      EXPECT_EQ(unordered(*actual), unordered(dumpJson(*expected)))
          << vocab::routeTypeName(t.type) << " " << body;
    }
  }
}

TEST(OpenAISplice, NonObjectResponsesAreRejectedAlike) {
  vocab::Endpoint endpoint = endpointFor(targets().front());
  TranslateContext ctx{endpoint, *findProvider("openai"), RouteType::Chat, false, 0};
  Outcome<JsonTape> tape = JsonTape::scan("[1]");
  Outcome<std::string> actual = parseOpenAIResponseToText(ctx, {&*tape, 1}, "");
  ASSERT_FALSE(actual.ok());
  EXPECT_EQ(actual.error().message, "The upstream response is not a JSON object.");
  EXPECT_EQ(actual.error().code, ErrorCode::BadGateway);
}

}  // namespace
}  // namespace gw::providers
