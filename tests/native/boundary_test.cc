// The Wasm boundary without Emscripten (bindings/core_handle.h, envelope.h): the
// declared envelope layout, the readers, the one exception fence, host errors.
#include <gtest/gtest.h>

#include <stdexcept>

#include "bindings/core_handle.h"
#include "bindings/envelope.h"
#include "bindings/envelope_check.h"
#include "bindings/load_report.h"
#include "gateway/stream_session.h"

namespace gw::testing {
namespace {

using bindings::Buffers;
using bindings::Core;
using bindings::Stream;

// A session whose every call throws, as a bug deep in a translator would.
class ThrowingSession final : public gateway::StreamSession {
 public:
  std::string push(std::string_view) override { throw std::runtime_error("translator bug"); }
  std::string end(std::string_view) override { throw std::runtime_error("translator bug"); }
  bool started() const override { return false; }
  bool failed() const override { return false; }
};

// Throws like ThrowingSession but speaks another client dialect for its failures.
class ThrowingDialectSession final : public gateway::StreamSession {
 public:
  std::string push(std::string_view) override { throw std::runtime_error("translator bug"); }
  std::string end(std::string_view) override { throw std::runtime_error("translator bug"); }
  bool started() const override { return false; }
  bool failed() const override { return false; }
  std::string failureEvent(const Status& status) override {
    return "event: error\ndata: " + status.message + "\n\n";
  }
};

size_t writeInput(Core& core, std::string_view envelope) {
  auto* ptr = reinterpret_cast<char*>(core.inputPointer(envelope.size()));
  std::copy(envelope.begin(), envelope.end(), ptr);
  return envelope.size();
}

std::string output(const Core& core) {
  return std::string(reinterpret_cast<const char*>(core.outputPointer()), core.outputLength());
}

TEST(Boundary, LayoutListsEveryDeclaredMessageInOrder) {
  Json layout = parseJson(bindings::envelopeLayoutJson());
  EXPECT_EQ(layout["version"], bindings::envelopeVersion());
  EXPECT_EQ(dumpJson(layout["messages"]["openStream"]),
            R"([["token","line"],["nowMs","integer"],["random","number"],["breaker","line"]])");
  EXPECT_EQ(dumpJson(layout["messages"]["finish"].back()), R"(["responses","list","response"])");
  EXPECT_EQ(layout["messages"]["plan"].back()[1], "rest");
}

TEST(Boundary, PlanReaderFollowsTheDeclaredOrder) {
  bindings::PlanInput in;
  ASSERT_TRUE(bindings::readPlanInput(
      "POST\n/v1/models\n1700000000123\n0.25\n10.0.0.1\ntok\nabc\nep=2:99\n1\nx-a\nb\n{\"x\":1}", in));
  EXPECT_EQ(in.request.method, "POST");
  EXPECT_EQ(in.request.target, "/v1/models");
  EXPECT_EQ(in.ctx.nowMs, 1700000000123);
  EXPECT_EQ(in.ctx.random, 0.25);
  EXPECT_EQ(in.ctx.clientKey, "10.0.0.1");
  EXPECT_EQ(in.resumeToken, "tok");
  EXPECT_EQ(in.ctx.keyDigest, "abc");
  ASSERT_EQ(in.ctx.breaker.size(), 1u);
  EXPECT_EQ(in.ctx.breaker[0].openUntilMs, 99);
  ASSERT_EQ(in.request.headers.size(), 1u);
  EXPECT_EQ(in.request.body, "{\"x\":1}");
}

TEST(Boundary, ReadersRejectTruncatedAndNegativeCounts) {
  bindings::FinishInput finish;
  EXPECT_FALSE(bindings::readFinishInput("tok\n1\n0.5\n\n1\n200\n0\n0\n10\nshort", finish));
  bindings::FinishInput negative;
  EXPECT_FALSE(bindings::readFinishInput("tok\n1\n0.5\n\n-1\n", negative));
  bindings::AdmitInput admit;
  EXPECT_FALSE(bindings::readAdmitInput("tok\n1\n", admit));
  EXPECT_EQ(bindings::decodeEnvelopeJson("plan", "POST\n"), "null");
}

TEST(Boundary, AThrowingStreamFailsInTheClientsDialect) {
  auto buffers = std::make_shared<Buffers>();
  buffers->input = "data: {}\n\n";
  Stream stream(std::make_unique<ThrowingDialectSession>(), buffers);
  ASSERT_GT(stream.push(buffers->input.size()), 0u);
  EXPECT_EQ(buffers->output, "event: error\ndata: internal error in the gateway core\n\n");
  EXPECT_EQ(stream.end(""), 0u);
}

TEST(Boundary, AThrowingStreamEndsWithOneErrorEventAndNothingAfter) {
  auto buffers = std::make_shared<Buffers>();
  buffers->input = "data: {}\n\n";
  Stream stream(std::make_unique<ThrowingSession>(), buffers);
  ASSERT_GT(stream.push(buffers->input.size()), 0u);
  EXPECT_EQ(buffers->output,
            "data: {\"error\":{\"message\":\"internal error in the gateway core\",\"type\":\"internal_error\"}}\n\n");
  EXPECT_TRUE(stream.failed());
  EXPECT_TRUE(stream.started());
  EXPECT_EQ(stream.push(buffers->input.size()), 0u);
  EXPECT_EQ(stream.end(""), 0u);
}

TEST(Boundary, TheFenceTurnsAThrowIntoTheFallback) {
  int value = bindings::fenced([]() -> int { throw std::bad_alloc(); }, [] { return 500; });
  EXPECT_EQ(value, 500);
  EXPECT_EQ(bindings::fenced([] { return 200; }, [] { return 500; }), 200);
}

TEST(Boundary, AMalformedEnvelopeIsA500ReplyStep) {
  Core core;
  Json loaded = parseJson(core.load("endpoints: []\n", "{}", "{}", 0));
  ASSERT_TRUE(loaded["ok"].get<bool>()) << dumpJson(loaded);
  core.plan(writeInput(core, "GET\n"));
  std::string meta = output(core).substr(0, core.metaLength());
  Json step = parseJson(meta);
  EXPECT_EQ(step["kind"], "reply");
  EXPECT_EQ(step["status"], 500);
  EXPECT_NE(output(core).find("malformed plan envelope"), std::string::npos);
}

TEST(Boundary, OpenStreamTakesTheFinishContextAndAnswersAStepWhenItCannot) {
  Core core;
  ASSERT_TRUE(parseJson(core.load("endpoints: []\n", "{}", "{}", 0))["ok"].get<bool>());
  EXPECT_EQ(core.openStream(writeInput(core, "not-a-token\n1700000000000\n0.5\n\n")), nullptr);
  Json step = parseJson(output(core).substr(0, core.metaLength()));
  EXPECT_EQ(step["kind"], "reply");
  EXPECT_EQ(step["status"], 500);
}

TEST(Boundary, HostErrorsTakeTheShapeOfTheTargetsSurface) {
  Json openai = parseJson(bindings::hostErrorReplyJson("request_too_large", "/v1/chat/completions?x=1", 65536));
  EXPECT_EQ(openai["status"], 413);
  Json body = parseJson(openai["body"].get<std::string>());
  EXPECT_EQ(body["error"]["code"], "request_too_large");
  EXPECT_EQ(body["error"]["type"], "invalid_request_error");
  EXPECT_EQ(body["error"]["message"], "The request body exceeds the gateway's limit of 65536 bytes.");
  Json mlflow = parseJson(bindings::hostErrorReplyJson("invalid_configuration", "/endpoints/chat/invocations", 0));
  EXPECT_EQ(mlflow["status"], 500);
  EXPECT_EQ(parseJson(mlflow["body"].get<std::string>())["detail"],
            "The gateway configuration is invalid; see the gateway logs.");
  Json unknown = parseJson(bindings::hostErrorReplyJson("no_such_error", "/v1/models", 0));
  EXPECT_EQ(parseJson(unknown["body"].get<std::string>())["error"]["code"], "internal_error");
}

}  // namespace
}  // namespace gw::testing
