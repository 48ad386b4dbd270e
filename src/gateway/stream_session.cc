// The concrete StreamSession (see gateway/stream_session.h for how a stream ends).
#include <utility>
#include <vector>

#include "gateway/stream_session.h"
#include "clients/anthropic/stream_writer.h"
#include "clients/gemini/stream_writer.h"
#include "clients/responses/stream_writer.h"
#include "gateway/failover.h"
#include "gateway/native_lane.h"
#include "providers/provider.h"

namespace gw::gateway {
namespace {

constexpr std::string_view kDone = "data: [DONE]\n\n";

void appendChunk(const Json& chunk, std::string& out) {
  out += "data: ";
  out += dumpJson(chunk);
  out += "\n\n";
}

// framing parser -> translator -> SSE bytes. Not thread-safe; one per stream.
class TranslatingSession final : public StreamSession, private stream::EventSink {
 public:
  TranslatingSession(std::unique_ptr<stream::ChunkTranslator> translator, StreamOptions options,
                     std::shared_ptr<const void> keepAlive)
      : keepAlive_(std::move(keepAlive)),
        translator_(std::move(translator)),
        parser_(stream::makeFrameParser(translator_->framing(), options.maxEventBytes)),
        options_(options) {}

  std::string push(std::string_view bytes) override {
    std::string out;
    if (closed_) return out;
    out_ = &out;
    Status s = parser_->feed(bytes, *this);
    if (!s.ok()) fail(s, out);
    return emit(std::move(out));
  }

  std::string end(std::string_view upstreamError) override {
    std::string out;
    if (closed_) return out;
    out_ = &out;
    Status s = upstreamError.empty()
                   ? parser_->finish(*this)
                   : stream::streamError(ErrorCode::BadGateway, std::string(upstreamError));
    if (s.ok()) s = translate([&](std::vector<Json>& chunks) { return translator_->onEnd(chunks); });
    if (!s.ok()) fail(s, out);
    else if (options_.client) out += options_.client->finish();
    else if (options_.doneMarker) out += kDone;
    closed_ = true;
    return emit(std::move(out));
  }

  bool started() const override { return started_; }
  bool failed() const override { return failed_; }

 private:
  Status onEvent(const stream::Event& event) override {
    if (options_.client) {
      return translate([&](std::vector<Json>& chunks) { return translator_->onEvent(event, chunks); });
    }
    size_t mark = out_->size();
    *out_ += "data: ";
    if (translator_->appendChunkJson(event, *out_)) {
      *out_ += "\n\n";
      return Status{};
    }
    out_->resize(mark);
    return translate([&](std::vector<Json>& chunks) { return translator_->onEvent(event, chunks); });
  }

  // Runs one translator call and renders what it produced (also before an error).
  template <typename F>
  Status translate(F&& call) {
    chunks_.clear();
    Status s = call(chunks_);
    for (const Json& chunk : chunks_) {
      if (options_.client) *out_ += options_.client->push(chunk);
      else appendChunk(chunk, *out_);
    }
    return s;
  }

  std::string failureEvent(const Status& status) override {
    return options_.client ? options_.client->fail(status) : errorEvent(status);
  }

  void fail(const Status& status, std::string& out) {
    out += failureEvent(status);
    failed_ = true;
    closed_ = true;
  }

  std::string emit(std::string out) {
    out_ = nullptr;
    if (!out.empty()) started_ = true;
    return out;
  }

  std::shared_ptr<const void> keepAlive_;  // first member: outlives the translator
  std::unique_ptr<stream::ChunkTranslator> translator_;
  std::unique_ptr<stream::FrameParser> parser_;
  StreamOptions options_;
  std::vector<Json> chunks_;  // reused between events
  std::string* out_ = nullptr;
  bool started_ = false;
  bool failed_ = false;
  bool closed_ = false;
};

// A client dialect's stream writer (clients/*/stream_writer.h) behind the session's interface.
template <class Writer>
class DialectStreamWriter final : public ClientStreamWriter {
 public:
  explicit DialectStreamWriter(std::string model) : writer_(std::move(model)) {}
  std::string push(const Json& chunk) override { return writer_.push(chunk); }
  std::string finish() override { return writer_.finish(); }
  std::string fail(const Status& error) override { return writer_.fail(error); }

 private:
  Writer writer_;
};

}  // namespace

std::shared_ptr<ClientStreamWriter> clientStreamWriter(const Attempt& attempt) {
  if (attempt.surface == schema::Surface::Anthropic) {
    return std::make_shared<DialectStreamWriter<clients::anthropic::MessageStreamWriter>>(attempt.route);
  }
  if (attempt.surface == schema::Surface::Gemini) {
    return std::make_shared<DialectStreamWriter<clients::gemini::GenerateStreamWriter>>(attempt.route);
  }
  if (attempt.surface == schema::Surface::Responses) {
    return std::make_shared<DialectStreamWriter<clients::responses::ResponseStreamWriter>>(attempt.route);
  }
  return nullptr;
}

std::string StreamSession::failureEvent(const Status& status) { return errorEvent(status); }

std::string errorEvent(const Status& status) {
  const Json* type = status.detail ? findMember(*status.detail, "type") : nullptr;
  std::string message = status.message.empty() ? "The upstream stream failed." : status.message;
  Json error = {{"message", std::move(message)},
                {"type", type && type->is_string() ? type->get<std::string>()
                                                   : std::string(errorIdOf(status.code))}};
  std::string out;
  appendChunk(Json{{"error", std::move(error)}}, out);
  return out;
}

Headers streamHeaders(const Attempt& attempt) {
  Headers headers = {{"content-type", "text/event-stream"}, {"cache-control", "no-cache"}};
  addAttemptHeaders(headers, attempt, "200");
  return headers;
}

std::unique_ptr<StreamSession> makeStreamSession(std::unique_ptr<stream::ChunkTranslator> translator,
                                                 StreamOptions options,
                                                 std::shared_ptr<const void> keepAlive) {
  return std::make_unique<TranslatingSession>(std::move(translator), options, std::move(keepAlive));
}

Outcome<std::unique_ptr<StreamSession>> openStreamSession(
    std::shared_ptr<const config::Config> config, const Attempt& attempt,
    const RequestContext& ctx) {
  const vocab::Endpoint* endpoint = config->findEndpoint(attempt.endpoint);
  const providers::ProviderSpec* spec =
      endpoint ? providers::findProvider(endpoint->model.provider) : nullptr;
  const providers::DialectOps* ops = spec ? providers::opsOf(*spec) : nullptr;
  if (!ops || !attempt.stream) {
    return makeError(ErrorCode::Internal, "The attempt token does not name a streamed call.");
  }
  if (attempt.lane == Lane::Native) {
    const providers::NativeLane* lane = nativeLaneOf(*config, attempt);
    if (lane == nullptr) return makeError(ErrorCode::Internal, "The endpoint has no native lane.");
    return openNativeStream(*lane, attempt);
  }
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, true, ctx.nowMs};
  std::unique_ptr<stream::ChunkTranslator> translator =
      ops->openStream ? ops->openStream(tctx) : nullptr;
  if (!translator) return providers::notImplemented(*spec, attempt.type, true);
  StreamOptions options;
  options.doneMarker = attempt.surface == schema::Surface::OpenAI;
  options.client = clientStreamWriter(attempt);
  return makeStreamSession(std::move(translator), options, std::move(config));
}

}  // namespace gw::gateway
