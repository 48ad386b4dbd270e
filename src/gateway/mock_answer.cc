// `mock` endpoints: the provider's answer, handed to finishInvocation as if an
// upstream had sent it (failures included), or streamed through a stream session.
#include "gateway/mock_answer.h"

#include "gateway/finish.h"
#include "gateway/reply.h"
#include "gateway/stream_session.h"
#include "providers/mock/mock.h"

namespace gw::gateway {
namespace {

Step failWith(const Status& status, const Attempt& attempt) {
  return replyStep(errorReply(status, styleOf(attempt.surface)));
}

// The mock's chunks are already unified: each arrives as one SSE event whose data
// is the chunk's compact JSON, passed through as is.
class UnifiedChunkTranslator final : public stream::ChunkTranslator {
 public:
  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    out.push_back(parseJson(event.data));
    return Status{};
  }
  Status onEnd(std::vector<Json>&) override { return Status{}; }
  bool appendChunkJson(const stream::Event& event, std::string& json) override {
    json += event.data;
    return true;
  }
};

// A successful stream: the chunks go through a stream session like an upstream
// stream's events (same rendering, same ending: `[DONE]` on /v1 only), and what
// the session emits for each becomes one of the Reply's `chunks`.
Step streamReply(const Attempt& attempt, const std::vector<Json>& chunks) {
  StreamOptions options;
  options.doneMarker = attempt.surface == schema::Surface::OpenAI;
  options.client = clientStreamWriter(attempt);
  std::unique_ptr<StreamSession> session =
      makeStreamSession(std::make_unique<UnifiedChunkTranslator>(), options);
  Reply reply;
  reply.stream = true;
  reply.headers = streamHeaders(attempt);
  reply.chunks.reserve(chunks.size() + 1);
  for (const Json& chunk : chunks) {
    std::string out = session->push("data: " + dumpJson(chunk) + "\n\n");
    if (!out.empty()) reply.chunks.push_back(std::move(out));
  }
  if (std::string tail = session->end(); !tail.empty()) reply.chunks.push_back(std::move(tail));
  return replyStep(std::move(reply));
}

// Everything else goes the upstream way: status + JSON body -> finishInvocation.
Step finishAsUpstream(const Gateway& gw, const Attempt& attempt, const providers::mock::Answer& a,
                      const RequestContext& ctx) {
  const std::string body = dumpJson(a.body);
  vocab::UpstreamResponse response;
  response.status = a.status;
  response.headers = {{"content-type", "application/json"}};
  response.body = body;
  return finishInvocation(gw, attempt, std::span(&response, 1), ctx);
}

void addDelay(Step& step, int64_t delayMs) {
  if (step.kind == Step::Kind::Reply) step.reply.delayMs += delayMs;
  if (step.kind == Step::Kind::Retry) step.retry.delayMs += delayMs;
}

}  // namespace

double mockFailureDraw(const config::Config& config, const Attempt& attempt, double random) {
  const bool firstAttempt =
      attempt.attempt == 1 && attempt.chainIndex == 0 && attempt.totalAttempts == 1;
  const config::TrafficRoute* route = firstAttempt ? config.findRoute(attempt.route) : nullptr;
  if (route == nullptr) return random;
  // Mirrors invoke.cc's pickDestination: the destination owns [start, start + share).
  const double point = random * 100.0;
  double start = 0;
  for (const config::Destination& d : route->destinations) {
    const double share = d.trafficPercentage;
    if (d.name == attempt.endpoint && share > 0 && point >= start && point < start + share) {
      const double draw = (point - start) / share;
      return draw < 1.0 ? draw : 0.0;
    }
    start += share;
  }
  return random;
}

Step answerWithMock(const Gateway& gw, const Attempt& attempt, const vocab::Endpoint& endpoint,
                    const providers::ProviderSpec& spec, const Json& unified,
                    const RequestContext& ctx) {
  const uint8_t bit = vocab::bitOf(attempt.type);
  if (attempt.stream && (spec.streamTypes & bit) == 0) {
    return failWith(providers::notImplemented(spec, attempt.type, true), attempt);
  }
  Outcome<providers::mock::Settings> settings =
      providers::mock::readSettings(endpoint.model.config);
  if (!settings) return failWith(settings.error(), attempt);
  const providers::mock::Request request{
      .type = attempt.type, .unified = unified, .model = endpoint.model.name,
      .stream = attempt.stream, .nowMs = ctx.nowMs,
      .draw = mockFailureDraw(gw.config(), attempt, ctx.random)};
  Outcome<providers::mock::Answer> answer = providers::mock::answer(*settings, request);
  if (!answer) return failWith(answer.error(), attempt);
  Step step = answer->status == 200 && attempt.stream ? streamReply(attempt, answer->chunks)
                                                      : finishAsUpstream(gw, attempt, *answer, ctx);
  addDelay(step, answer->delayMs);
  return step;
}

}  // namespace gw::gateway
