// The translating StreamSession through Gateway::openStream: how streams end on
// each surface, error events, buffer bounds, and usage parity with non-streamed calls.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"
#include "policy_test_util.h"
#include "stream/chunks.h"

namespace gw::testing {
namespace {

using gateway::Gateway;
using gateway::RequestContext;
using gateway::Step;
using gateway::StreamSession;

constexpr const char* kConfig = R"(endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: openai, name: gpt-4o-mini, config: {openai_api_key: sk-test}}
  - name: completions
    endpoint_type: llm/v1/completions
    model: {provider: openai, name: gpt-3.5-turbo-instruct, config: {openai_api_key: sk-test}}
)";

const RequestContext kCtx{1700000000000, 0.5, "127.0.0.1"};

const char* kChunk =
    R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})"
    "\n\n";
const char* kFinish =
    R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
    "\n\n";
const char* kUsage =
    R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}})"
    "\n\n";

std::shared_ptr<const Gateway> load(const char* yaml = kConfig) { return policyGateway(yaml); }

Step plan(const Gateway& gw, std::string path, Json body) {
  std::string text = dumpJson(body);
  gateway::HttpRequest request{"POST", path, {}, text};
  return gw.plan(request, kCtx);
}

Json chatBody(bool stream) {
  Json body = {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hello"}}})}};
  if (stream) body["stream"] = true;
  return body;
}

std::unique_ptr<StreamSession> open(const Gateway& gw, std::string path, Json body) {
  Step step = plan(gw, std::move(path), std::move(body));
  EXPECT_EQ(step.kind, Step::Kind::Call) << step.reply.body;
  auto session = gw.openStream(step.call.token, kCtx);
  EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
  return session.ok() ? session.take() : nullptr;
}

std::string lastEvent(const std::string& out) {
  size_t end = out.rfind("\n\n");
  size_t start = out.rfind("data: ", end == std::string::npos ? end : end - 1);
  return out.substr(start, end + 2 - start);
}

TEST(StreamSession, V1EndsACompleteStreamWithDone) {
  auto gw = load();
  Json body = chatBody(true);
  body["model"] = "chat";
  auto s = open(*gw, "/v1/chat/completions", body);
  std::string out = s->push(std::string(kChunk) + kFinish + kUsage + "data: [DONE]\n\n");
  out += s->end();
  EXPECT_EQ(lastEvent(out), "data: [DONE]\n\n");
  EXPECT_EQ(out.find("[DONE]"), out.size() - 8);  // upstream's own [DONE] is not forwarded
  EXPECT_FALSE(s->failed());
}

TEST(StreamSession, MlflowPathsEndWithoutDone) {
  auto gw = load();
  for (const char* path : {"/endpoints/chat/invocations", "/gateway/chat/invocations"}) {
    auto s = open(*gw, path, chatBody(true));
    std::string out = s->push(std::string(kChunk) + kFinish + kUsage + "data: [DONE]\n\n");
    out += s->end();
    EXPECT_EQ(out.find("[DONE]"), std::string::npos) << path;
    EXPECT_NE(lastEvent(out).find("\"usage\":{"), std::string::npos) << path;
  }
}

TEST(StreamSession, UpstreamErrorEventEndsTheStream) {
  auto gw = load();
  auto s = open(*gw, "/endpoints/chat/invocations", chatBody(true));
  std::string out = s->push(kChunk);
  EXPECT_TRUE(s->started());
  out += s->push(R"(data: {"error":{"message":"overloaded","type":"server_error"}})" "\n\n");
  EXPECT_EQ(lastEvent(out), R"(data: {"error":{"message":"overloaded","type":"server_error"}})" "\n\n");
  EXPECT_TRUE(s->failed());
  EXPECT_EQ(s->push(kChunk), "");  // nothing after the error event
  EXPECT_EQ(s->end(), "");
}

TEST(StreamSession, CutOffStreamEndsWithAnErrorEvent) {
  auto gw = load();
  for (const char* path : {"/endpoints/chat/invocations", "/v1/chat/completions"}) {
    Json body = chatBody(true);
    if (std::string_view(path).starts_with("/v1")) body["model"] = "chat";
    auto s = open(*gw, path, body);
    std::string out = s->push(std::string(kChunk) + "data: {\"id\":\"c1\",\"choi");
    out += s->end();
    EXPECT_EQ(lastEvent(out),
              R"(data: {"error":{"message":"The upstream stream ended before the provider finished the response.","type":"bad_gateway"}})"
              "\n\n");
    EXPECT_EQ(out.find("[DONE]"), std::string::npos);
    EXPECT_TRUE(s->failed());
  }
}

TEST(StreamSession, TransportFailureReportedByTheHost) {
  auto gw = load();
  auto s = open(*gw, "/endpoints/chat/invocations", chatBody(true));
  std::string out = s->push(kChunk);
  out += s->end("upstream stream failed: ECONNRESET");
  EXPECT_EQ(lastEvent(out),
            R"(data: {"error":{"message":"upstream stream failed: ECONNRESET","type":"bad_gateway"}})" "\n\n");
  EXPECT_TRUE(s->failed());
}

TEST(StreamSession, NeverEndingEventIsBounded) {
  auto gw = load();
  auto s = open(*gw, "/endpoints/chat/invocations", chatBody(true));
  std::string out = s->push("data: ");
  std::string piece(64 * 1024, 'x');
  int pushes = 0;
  while (!s->failed() && pushes < 100) {
    out += s->push(piece);
    ++pushes;
  }
  EXPECT_TRUE(s->failed());
  EXPECT_LE(pushes, 17);  // 1 MiB / 64 KiB, plus one
  EXPECT_NE(out.find("larger than 1048576 bytes"), std::string::npos);
}

TEST(StreamSession, KeepAlivesAloneDoNotStartTheStream) {
  auto gw = load();
  auto s = open(*gw, "/endpoints/chat/invocations", chatBody(true));
  EXPECT_EQ(s->push(": keep-alive\n\n"), "");
  EXPECT_FALSE(s->started());
  EXPECT_NE(s->push(kChunk), "");
  EXPECT_TRUE(s->started());
}

TEST(StreamSession, OpenStreamNeedsAStreamedAttempt) {
  auto gw = load();
  Step step = plan(*gw, "/endpoints/chat/invocations", chatBody(false));
  ASSERT_EQ(step.kind, Step::Kind::Call);
  EXPECT_FALSE(gw->openStream(step.call.token, kCtx).ok());
  EXPECT_FALSE(gw->openStream("not a token", kCtx).ok());
}

TEST(StreamSession, SessionOutlivesItsGateway) {
  auto gw = load();
  auto s = open(*gw, "/endpoints/chat/invocations", chatBody(true));
  gw.reset();  // a hot reload drops the old gateway while a stream is in flight
  std::string out = s->push(std::string(kChunk) + kFinish + kUsage);
  out += s->end();
  EXPECT_NE(out.find("\"model\":\"m\""), std::string::npos);
  EXPECT_FALSE(s->failed());
}

TEST(StreamSession, G1CandidatesSchemaRejectsStreaming) {
  auto loaded = Gateway::load(R"(routes:
  - name: chat
    route_type: llm/v1/chat
    model: {provider: openai, name: gpt-3.5-turbo, config: {openai_api_key: sk-test}}
)", {});
  ASSERT_TRUE(loaded.gateway);
  Step step = plan(*loaded.gateway, "/gateway/chat/invocations", chatBody(true));
  ASSERT_EQ(step.kind, Step::Kind::Reply);
  EXPECT_EQ(step.reply.status, 422);
}

// The usage a client sees in the last streamed chunk is exactly what the
// non-streamed call reports for the same upstream numbers.
Json nonStreamedUsage(const Gateway& gw, std::string path, Json body, const Json& upstream) {
  Step step = plan(gw, std::move(path), std::move(body));
  std::string text = dumpJson(upstream);
  vocab::UpstreamResponse response;
  response.status = 200;
  response.headers = {{"content-type", "application/json"}};
  response.body = text;
  Step done = gw.finish(step.call.token, {&response, 1}, kCtx);
  return parseJson(done.reply.body)["usage"];
}

Json streamedUsage(const Gateway& gw, std::string path, Json body, const std::string& sse) {
  auto s = open(gw, std::move(path), std::move(body));
  std::string out = s->push(sse);
  out += s->end();
  std::string last = lastEvent(out);
  return parseJson(std::string_view(last).substr(6))["usage"];
}

TEST(StreamSession, StreamedUsageEqualsNonStreamedUsage) {
  auto gw = load();
  Json usage = parseJson(R"({"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
      "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
      "completion_tokens_details":{"reasoning_tokens":0}})");
  Json chat = {{"id", "c1"}, {"object", "chat.completion"}, {"created", 1}, {"model", "m"},
               {"choices", Json::array({Json{{"index", 0}, {"finish_reason", "stop"},
                                             {"message", {{"role", "assistant"}, {"content", "Hi"}}}}})},
               {"usage", usage}};
  Json streamedChat = streamedUsage(*gw, "/endpoints/chat/invocations", chatBody(true),
                                    std::string(kChunk) + kFinish + kUsage + "data: [DONE]\n\n");
  EXPECT_EQ(streamedChat, nonStreamedUsage(*gw, "/endpoints/chat/invocations", chatBody(false), chat));
  EXPECT_EQ(streamedChat["prompt_tokens_details"]["cached_tokens"], 1920);

  Json prompt = {{"prompt", "Say"}};
  Json completion = {{"id", "x"}, {"object", "text_completion"}, {"created", 1}, {"model", "m"},
                     {"choices", Json::array({Json{{"index", 0}, {"text", "a"}, {"finish_reason", "stop"}}})},
                     {"usage", usage}};
  Json streamPrompt = prompt;
  streamPrompt["stream"] = true;
  std::string sse = "data: " + dumpJson(Json{{"id", "x"}, {"created", 1}, {"model", "m"},
                                             {"choices", Json::array()}, {"usage", usage}}) +
                    "\n\ndata: [DONE]\n\n";
  EXPECT_EQ(streamedUsage(*gw, "/endpoints/completions/invocations", streamPrompt, sse),
            nonStreamedUsage(*gw, "/endpoints/completions/invocations", prompt, completion));
}

// The fixtures agree too: the streamed usage fixture's last chunk reports what the
// non-streamed fixture with the same upstream usage reports.
TEST(StreamSession, StreamedUsageFixtureMatchesTheNonStreamedFixture) {
  auto read = [](const char* relative) {
    std::ifstream in(std::string(GW_SOURCE_DIR) + "/tests/conformance/openai/" + relative, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  };
  std::string last = lastEvent(read("stream-chat-usage/response.sse"));
  Json streamed = parseJson(std::string_view(last).substr(6))["usage"];
  Json whole = parseJson(read("chat-usage-cached-tokens/response.json"))["body"]["usage"];
  ASSERT_TRUE(streamed.is_object());
  EXPECT_EQ(streamed, whole);
}

// A translator whose framing is NDJSON and that reports typed errors.
class NdjsonTranslator final : public stream::ChunkTranslator {
 public:
  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    GW_TRY(Json js, stream::parseEventJson(event));
    out.push_back(Json{{"n", js["n"]}});
    if (js.contains("fail")) return stream::streamError(ErrorCode::Upstream, "boom", "overloaded_error");
    return Status{};
  }
  Status onEnd(std::vector<Json>& out) override {
    out.push_back(Json{{"end", true}});
    return Status{};
  }
  vocab::StreamFraming framing() const override { return vocab::StreamFraming::Ndjson; }
};

TEST(StreamSession, TranslatorChoosesTheFraming) {
  auto s = gateway::makeStreamSession(std::make_unique<NdjsonTranslator>(), {});
  std::string out = s->push("{\"n\":1}\n{\"n\"");
  out += s->push(":2}");  // (one statement each: operands of + are unsequenced)
  out += s->end();
  EXPECT_EQ(out, "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: {\"end\":true}\n\n");
}

TEST(StreamSession, ChunksBeforeAnErrorAreSentThenTheTypedError) {
  gateway::StreamOptions options;
  options.doneMarker = true;
  auto s = gateway::makeStreamSession(std::make_unique<NdjsonTranslator>(), options);
  std::string out = s->push("{\"n\":1,\"fail\":true}\n{\"n\":2}\n");
  EXPECT_EQ(out, "data: {\"n\":1}\n\ndata: {\"error\":{\"message\":\"boom\",\"type\":\"overloaded_error\"}}\n\n");
  EXPECT_EQ(s->end(), "");  // no [DONE] after an error
}

}  // namespace
}  // namespace gw::testing
