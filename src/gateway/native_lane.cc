// The native lane (see gateway/native_lane.h).
#include "gateway/native_lane.h"

#include <string>

#include "gateway/failover.h"
#include "gateway/proxy.h"
#include "gateway/reply.h"
#include "stream/framing.h"

namespace gw::gateway {
namespace {

const providers::ProviderSpec* specOf(const vocab::Endpoint* endpoint) {
  return endpoint ? providers::findProvider(endpoint->model.provider) : nullptr;
}

const providers::NativeLane* laneOf(const vocab::Endpoint* endpoint, const Attempt& attempt) {
  const providers::ProviderSpec* spec = specOf(endpoint);
  if (spec == nullptr || spec->answeredByCore) return nullptr;
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, attempt.stream, 0};
  return providers::nativeLaneFor(*spec, tctx, attempt.surface);
}

std::string_view headerValue(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

// The upstream's content type and the headers its lane forwards.
Reply relayedReply(const providers::NativeLane& lane, const vocab::UpstreamResponse& response) {
  Reply reply;
  reply.status = response.status;
  reply.body = std::string(response.body);
  std::string_view type = headerValue(response.headers, "content-type");
  reply.headers.emplace_back("content-type", type.empty() ? "application/json" : std::string(type));
  for (const auto& [name, value] : response.headers) {
    if (lane.forwardsResponseHeader(name)) reply.headers.emplace_back(name, value);
  }
  return reply;
}

// Whether relayed bytes ending so end an SSE event (a blank line: LF, CR or CRLF lines).
bool endsEvent(std::string_view tail) {
  return tail.ends_with("\n\n") || tail.ends_with("\r\r") || tail.ends_with("\r\n\r\n");
}

// Relays a stream: its bytes unchanged (watched only to see how it ends), or, when
// the provider frames the dialect its own way, each event re-framed as SSE.
class NativeStreamSession final : public StreamSession, private stream::EventSink {
 public:
  NativeStreamSession(const providers::NativeLane& lane, const Attempt& attempt)
      : lane_(lane),
        writer_(clientStreamWriter(attempt)),
        parser_(stream::makeFrameParser(lane.reframeEvent ? lane.upstreamFraming
                                                          : vocab::StreamFraming::Sse)) {}

  std::string push(std::string_view bytes) override {
    if (closed_ || bytes.empty()) return {};
    std::string out;
    out_ = &out;
    Status s = watching_ ? parser_->feed(bytes, *this) : Status{};
    out_ = nullptr;
    if (!lane_.reframeEvent) {
      if (!s.ok()) watching_ = false;  // an event over the bound: still relayed, no longer watched
      out.assign(bytes);
      tail_.append(bytes.substr(bytes.size() >= 4 ? bytes.size() - 4 : 0));
      if (tail_.size() > 4) tail_.erase(0, tail_.size() - 4);
    } else if (!s.ok()) {
      out += reframingFailure(std::move(s));
    }
    if (!out.empty()) started_ = true;
    return out;
  }

  std::string end(std::string_view upstreamError) override {
    if (closed_) return {};
    std::string out;
    out_ = &out;
    Status s = watching_ && !ended_ && upstreamError.empty() ? parser_->finish(*this) : Status{};
    out_ = nullptr;
    if (!s.ok() && lane_.reframeEvent) return out + reframingFailure(std::move(s));
    closed_ = true;
    // Ended well, or not watched (an event over the parser's bound): relayed as it came.
    if (ended_ || (!watching_ && upstreamError.empty())) return out;
    std::string message = upstreamError.empty()
                              ? "The upstream stream ended before its " +
                                    std::string(lane_.lastStreamEvent) +
                                    (lane_.endsStream ? "." : " event.")
                              : std::string(upstreamError);
    return out + failureEvent(makeError(ErrorCode::BadGateway, message));
  }

  bool started() const override { return started_; }
  bool failed() const override { return failed_; }

  std::string failureEvent(const Status& status) override {
    failed_ = true;
    closed_ = true;
    // A cut inside a relayed event: end it first, so the error is an event of its own.
    bool midEvent = !lane_.reframeEvent && started_ && !endsEvent(tail_);
    return (midEvent ? "\n\n" : "") + failureFrame(status);
  }

 private:
  std::string failureFrame(const Status& status) const {
    if (lane_.failureFrame) return lane_.failureFrame(status);
    return writer_ ? writer_->fail(status) : errorEvent(status);
  }

  // A failure of the provider's own framing, in the dialect's terms, as the last frame.
  std::string reframingFailure(Status status) {
    return failureEvent(lane_.streamFailure ? lane_.streamFailure(std::move(status)) : status);
  }

  Status onEvent(const stream::Event& event) override {
    std::string reframedName;
    std::string_view name = event.name;
    if (lane_.reframeEvent) {
      GW_CHECK(lane_.reframeEvent(event, *out_, reframedName));
      name = reframedName;
    }
    if (lane_.endsStream ? lane_.endsStream(event)
                         : name == lane_.lastStreamEvent || name == lane_.errorStreamEvent) {
      ended_ = true;
    }
    return Status{};
  }

  const providers::NativeLane& lane_;
  std::shared_ptr<ClientStreamWriter> writer_;
  std::unique_ptr<stream::FrameParser> parser_;
  std::string* out_ = nullptr;
  std::string tail_;  // the last four bytes relayed
  bool watching_ = true, ended_ = false, started_ = false, failed_ = false, closed_ = false;
};

}  // namespace

void addLaneNote(Headers& headers, const providers::NativeLane& lane, const Attempt& attempt) {
  if (!lane.noteHeader.empty() && !attempt.note.empty()) {
    headers.emplace_back(std::string(lane.noteHeader), attempt.note);
  }
}

const providers::NativeLane* nativeLaneOf(const config::Config& config, const Attempt& attempt) {
  return laneOf(config.findEndpoint(attempt.endpoint), attempt);
}

Step planNativeCall(const Gateway& gw, Attempt& attempt, const providers::NativeLane& lane,
                    const JsonTape& body, const HttpRequest& request, const RequestContext& ctx) {
  const vocab::Endpoint& endpoint = *gw.config().findEndpoint(attempt.endpoint);
  const providers::ProviderSpec& spec = *specOf(&endpoint);
  JsonRef root = body.root();
  JsonRef stream = root.find("stream");
  const bool streamInBody = attempt.surface != schema::Surface::Gemini;  // Gemini: in the path
  if (streamInBody && stream.present() && !stream.isBool()) {
    return replyStep(errorReply(makeError(ErrorCode::BadRequest, "stream: Input should be a valid "
                                                                 "boolean.", "stream"),
                                styleOf(attempt.surface)));
  }
  attempt.stream = attempt.lane == Lane::Native && (streamInBody ? stream.boolean() : attempt.stream);
  const uint8_t bit = vocab::bitOf(attempt.type);
  if (attempt.stream && !(providers::streamedRouteTypes(spec, endpoint) & bit)) {
    return replyStep(errorReply(providers::notImplemented(spec, attempt.type, true),
                                styleOf(attempt.surface)));
  }
  providers::TranslateContext tctx{endpoint, spec, attempt.type, attempt.stream, ctx.nowMs};
  providers::NativeRequest native{request.body, root.find("model"), request.headers,
                                  attempt.lane == Lane::NativeCount};
  Outcome<providers::UpstreamPlan> plan = lane.buildRequest(tctx, native);
  if (!plan) return replyStep(errorReply(plan.error(), styleOf(attempt.surface)));
  attempt.note = plan->note;
  return callStep(endpoint, attempt, plan.take());
}

Reply nativeSuccess(const config::Config& config, const Attempt& attempt,
                    const vocab::UpstreamResponse& response) {
  const providers::NativeLane* lane = nativeLaneOf(config, attempt);
  Reply reply = lane ? relayedReply(*lane, response) : rawJsonReply(response.status, std::string(response.body));
  if (attempt.lane == Lane::NativeCount && lane && lane->countAnswer) {
    Outcome<std::string> count = lane->countAnswer(response.body);
    if (!count) return errorReply(count.error(), styleOf(attempt.surface));
    reply.body = count.take();
    reply.headers.front() = {"content-type", "application/json"};  // relayedReply's first header
  }
  if (attempt.lane == Lane::NativeCount) reply.headers.emplace_back("x-gateway-token-count", "provider");
  if (lane) addLaneNote(reply.headers, *lane, attempt);
  addAttemptHeaders(reply.headers, attempt, std::to_string(response.status));
  return reply;
}

std::optional<Reply> nativeError(const config::Config& config, const Attempt& attempt,
                                 const vocab::UpstreamResponse* response) {
  if (attempt.lane == Lane::Translated || attempt.lane == Lane::TranslatedCount || response == nullptr ||
      response->status < 400 ||
      response->timedOut) {
    return std::nullopt;
  }
  if (attempt.lane == Lane::Proxy) return relayReply(*response);
  const providers::NativeLane* lane = nativeLaneOf(config, attempt);
  if (lane == nullptr) return std::nullopt;
  return relayedReply(*lane, *response);
}

std::unique_ptr<StreamSession> openNativeStream(const providers::NativeLane& lane,
                                                const Attempt& attempt) {
  return std::make_unique<NativeStreamSession>(lane, attempt);
}

}  // namespace gw::gateway
