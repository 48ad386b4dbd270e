#include "step_writer.h"

#include "core/json_writer.h"

namespace gw::bindings {

// Meta is written with JsonWriter, not built as a DOM: every step has one, and a
// DOM plus dump cost about as much as the whole request in Wasm (and more code).
void writeHeaders(JsonWriter& w, const vocab::Headers& headers) {
  w.beginArray();
  for (const auto& [name, value] : headers) {
    w.beginArray();
    w.string(name);
    w.string(value);
    w.endArray();
  }
  w.endArray();
}

namespace {

const char* framingName(vocab::StreamFraming framing) {
  switch (framing) {
    case vocab::StreamFraming::Sse: return "sse";
    case vocab::StreamFraming::Ndjson: return "ndjson";
    case vocab::StreamFraming::AwsEventStream: return "aws-eventstream";
    default: return "none";
  }
}

void writeBreaker(JsonWriter& w, const std::vector<policy::BreakerEntry>& entries) {
  w.beginArray();
  for (const auto& e : entries) {
    w.beginArray();
    w.string(e.endpoint);
    w.integer(e.failures);
    w.integer(e.openUntilMs);
    w.endArray();
  }
  w.endArray();
}

// Policy fields any step may carry (see the header comment).
void writePolicyMeta(JsonWriter& w, const gateway::Step& step) {
  if (step.limit) {
    w.key("limit");
    w.beginObject();
    w.key("key");
    w.string(step.limit->request.key);
    w.key("calls");
    w.integer(step.limit->request.calls);
    w.key("windowMs");
    w.integer(step.limit->request.windowMs);
    w.key("token");
    w.string(step.limit->token);
    w.endObject();
  }
  if (!step.breaker.empty()) {
    w.key("breaker");
    writeBreaker(w, step.breaker);
  }
}

void writeRequestMeta(JsonWriter& w, const vocab::UpstreamRequest& r) {
  w.beginObject();
  w.key("method");
  w.string(r.method);
  w.key("url");
  w.string(r.url);
  w.key("headers");
  writeHeaders(w, r.headers);
  w.key("bodyLength");
  w.integer(static_cast<int64_t>(r.body.size()));
  w.key("framing");
  w.string(framingName(r.framing));
  w.key("signing");
  if (r.signing.is_null()) w.null();
  else w.raw(dumpJson(r.signing));
  w.endObject();
}

void writeCallMeta(JsonWriter& w, const gateway::Call& call) {
  w.key("kind");
  w.string("call");
  w.key("token");
  w.string(call.token);
  w.key("timeoutMs");
  w.integer(call.timeoutMs);
  if (call.firstByteTimeoutMs > 0) {
    w.key("firstByteTimeoutMs");
    w.integer(call.firstByteTimeoutMs);
  }
  w.key("stream");
  w.boolean(call.stream);
  if (call.relay) {
    w.key("relay");
    w.boolean(true);
  }
  w.key("endpoint");
  w.string(call.endpoint);
  w.key("requests");
  w.beginArray();
  for (const auto& r : call.requests) writeRequestMeta(w, r);
  w.endArray();
  if (!call.streamHeaders.empty()) {
    w.key("streamHeaders");
    writeHeaders(w, call.streamHeaders);
  }
  if (!call.streamBreaker.empty()) {
    w.key("streamBreaker");
    writeBreaker(w, call.streamBreaker);
  }
}

void writeReplyMeta(JsonWriter& w, const gateway::Reply& reply) {
  w.key("kind");
  w.string("reply");
  w.key("status");
  w.integer(reply.status);
  w.key("headers");
  writeHeaders(w, reply.headers);
  w.key("bodyLength");
  w.integer(static_cast<int64_t>(reply.body.size()));
  if (reply.stream) {
    w.key("chunks");
    w.beginArray();
    for (const std::string& chunk : reply.chunks) w.string(chunk);
    w.endArray();
  }
  if (reply.delayMs > 0) {
    w.key("delayMs");
    w.integer(reply.delayMs);
  }
}

void writeRetryMeta(JsonWriter& w, const gateway::Retry& retry) {
  w.key("kind");
  w.string("retry");
  w.key("token");
  w.string(retry.token);
  w.key("delayMs");
  w.integer(retry.delayMs);
}
}  // namespace

size_t writeStep(const gateway::Step& step, std::string& out) {
  using Kind = gateway::Step::Kind;
  JsonWriter w(512);
  w.beginObject();
  if (step.kind == Kind::Call) writeCallMeta(w, step.call);
  else if (step.kind == Kind::Reply) writeReplyMeta(w, step.reply);
  else writeRetryMeta(w, step.retry);
  writePolicyMeta(w, step);
  w.endObject();
  out = w.take();
  size_t metaLength = out.size();
  if (step.kind == Kind::Call) {
    for (const auto& r : step.call.requests) out += r.body;
  } else if (step.kind == Kind::Reply) {
    out += step.reply.body;
  }
  return metaLength;
}

size_t writeAdmission(const gateway::Admission& admission, std::string& out) {
  if (!admission.allowed) {
    gateway::Step refusal;
    refusal.reply = admission.refusal;
    return writeStep(refusal, out);
  }
  JsonWriter w;
  w.beginObject();
  w.key("kind");
  w.string("admit");
  w.key("allowed");
  w.boolean(true);
  w.key("headers");
  writeHeaders(w, admission.headers);
  w.endObject();
  out = w.take();
  return out.size();
}

}  // namespace gw::bindings
