#include "envelope.h"

#include <charconv>
#include <cstdlib>

namespace gw::bindings {

std::string_view EnvelopeReader::line() {
  size_t nl = data_.find('\n', pos_);
  if (nl == std::string_view::npos) {
    ok_ = false;
    return {};
  }
  std::string_view out = data_.substr(pos_, nl - pos_);
  pos_ = nl + 1;
  return out;
}

int64_t EnvelopeReader::integer() {
  std::string_view s = line();
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) ok_ = false;
  return value;
}

double EnvelopeReader::number() {
  std::string s(line());
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) ok_ = false;
  return value;
}

std::string_view EnvelopeReader::bytes(size_t length) {
  if (pos_ + length > data_.size()) {
    ok_ = false;
    return {};
  }
  std::string_view out = data_.substr(pos_, length);
  pos_ += length;
  return out;
}

namespace {
void readHeaders(EnvelopeReader& in, providers::Headers& headers) {
  int64_t count = in.integer();
  for (int64_t i = 0; i < count && in.ok(); ++i) {
    std::string_view name = in.line();
    std::string_view value = in.line();
    headers.emplace_back(std::string(name), std::string(value));
  }
}
}  // namespace

bool readPlanInput(std::string_view data, PlanInput& out) {
  EnvelopeReader in(data);
  out.request.method = in.line();
  out.request.target = in.line();
  out.ctx.nowMs = in.integer();
  out.ctx.random = in.number();
  out.ctx.clientKey = std::string(in.line());
  out.resumeToken = in.line();
  out.ctx.keyDigest = std::string(in.line());
  out.ctx.breaker = policy::parseBreakerState(in.line());
  readHeaders(in, out.request.headers);
  out.request.body = in.rest();
  return in.ok();
}

bool readFinishInput(std::string_view data, FinishInput& out) {
  EnvelopeReader in(data);
  out.token = in.line();
  out.ctx.nowMs = in.integer();
  out.ctx.random = in.number();
  out.ctx.breaker = policy::parseBreakerState(in.line());
  int64_t count = in.integer();
  for (int64_t i = 0; i < count && in.ok(); ++i) {
    providers::UpstreamResponse r;
    r.status = static_cast<int>(in.integer());
    r.timedOut = in.integer() != 0;
    readHeaders(in, r.headers);
    r.body = in.bytes(static_cast<size_t>(in.integer()));
    out.responses.push_back(std::move(r));
  }
  return in.ok();
}

namespace {
Json headersJson(const providers::Headers& headers) {
  Json out = Json::array();
  for (const auto& [k, v] : headers) out.push_back(Json::array({k, v}));
  return out;
}

const char* framingName(providers::StreamFraming framing) {
  switch (framing) {
    case providers::StreamFraming::Sse: return "sse";
    case providers::StreamFraming::Ndjson: return "ndjson";
    case providers::StreamFraming::AwsEventStream: return "aws-eventstream";
    default: return "none";
  }
}

Json breakerJson(const std::vector<policy::BreakerEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries) out.push_back(Json::array({e.endpoint, e.failures, e.openUntilMs}));
  return out;
}

// Policy fields any step may carry (see the header comment).
void addPolicyMeta(const gateway::Step& step, Json& meta) {
  if (step.limit) {
    meta["limit"] = Json{{"key", step.limit->request.key}, {"calls", step.limit->request.calls},
                         {"windowMs", step.limit->request.windowMs},
                         {"token", step.limit->token}};
  }
  if (!step.breaker.empty()) meta["breaker"] = breakerJson(step.breaker);
}

Json callMeta(const gateway::Call& call) {
  Json requests = Json::array();
  for (const auto& r : call.requests) {
    requests.push_back(Json{{"method", r.method}, {"url", r.url},
                            {"headers", headersJson(r.headers)}, {"bodyLength", r.body.size()},
                            {"framing", framingName(r.framing)}, {"signing", r.signing}});
  }
  Json meta = {{"kind", "call"}, {"token", call.token}, {"timeoutMs", call.timeoutMs},
               {"stream", call.stream}, {"endpoint", call.endpoint},
               {"requests", std::move(requests)}};
  if (!call.streamHeaders.empty()) meta["streamHeaders"] = headersJson(call.streamHeaders);
  if (!call.streamBreaker.empty()) meta["streamBreaker"] = breakerJson(call.streamBreaker);
  return meta;
}

Json replyMeta(const gateway::Reply& reply) {
  Json meta = {{"kind", "reply"}, {"status", reply.status},
               {"headers", headersJson(reply.headers)}, {"bodyLength", reply.body.size()}};
  if (reply.stream) meta["chunks"] = reply.chunks;
  if (reply.delayMs > 0) meta["delayMs"] = reply.delayMs;
  return meta;
}
}  // namespace

size_t writeStep(const gateway::Step& step, std::string& out) {
  using Kind = gateway::Step::Kind;
  Json meta;
  if (step.kind == Kind::Call) meta = callMeta(step.call);
  else if (step.kind == Kind::Reply) meta = replyMeta(step.reply);
  else meta = Json{{"kind", "retry"}, {"token", step.retry.token}, {"delayMs", step.retry.delayMs}};
  addPolicyMeta(step, meta);
  out = dumpJson(meta);
  size_t metaLength = out.size();
  if (step.kind == Kind::Call) {
    for (const auto& r : step.call.requests) out += r.body;
  } else if (step.kind == Kind::Reply) {
    out += step.reply.body;
  }
  return metaLength;
}

bool readAdmitInput(std::string_view data, AdmitInput& out) {
  EnvelopeReader in(data);
  out.limitToken = in.line();
  out.ctx.nowMs = in.integer();
  out.state.count = in.integer();
  out.state.windowStartMs = in.integer();
  return in.ok();
}

size_t writeAdmission(const gateway::Admission& admission, std::string& out) {
  if (!admission.allowed) {
    gateway::Step refusal;
    refusal.reply = admission.refusal;
    return writeStep(refusal, out);
  }
  out = dumpJson(Json{{"kind", "admit"}, {"allowed", true}, {"headers", headersJson(admission.headers)}});
  return out.size();
}

}  // namespace gw::bindings
