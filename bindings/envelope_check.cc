#include "envelope_check.h"

#include "core/json_writer.h"
#include "envelope.h"
#include "step_writer.h"

namespace gw::bindings {

namespace {

// The decoded fields for decodeEnvelopeJson, written in declaration order.
struct FieldsJson {
  JsonWriter w;
  FieldsJson() { w.beginObject(); }
  void text(std::string_view name, std::string_view value) { w.key(name); w.string(value); }
  void integer(std::string_view name, int64_t value) { w.key(name); w.integer(value); }
  void number(std::string_view name, double value) { w.key(name); w.raw(dumpJson(Json(value))); }
  void headers(std::string_view name, const vocab::Headers& value) { w.key(name); writeHeaders(w, value); }
  void context(const gateway::RequestContext& ctx) {
    integer("nowMs", ctx.nowMs);
    number("random", ctx.random);
    text("breaker", policy::formatBreakerState(ctx.breaker));
  }
  std::string take() { w.endObject(); return w.take(); }
};

std::string planJson(const PlanInput& in) {
  FieldsJson f;
  f.text("method", in.request.method);
  f.text("target", in.request.target);
  f.integer("nowMs", in.ctx.nowMs);
  f.number("random", in.ctx.random);
  f.text("clientKey", in.ctx.clientKey);
  f.text("resumeToken", in.resumeToken);
  f.text("keyDigest", in.ctx.keyDigest);
  f.text("breaker", policy::formatBreakerState(in.ctx.breaker));
  f.headers("headers", in.request.headers);
  f.text("body", in.request.body);
  return f.take();
}

std::string finishJson(const FinishInput& in) {
  FieldsJson f;
  f.text("token", in.token);
  f.context(in.ctx);
  f.w.key("responses");
  f.w.beginArray();
  for (const vocab::UpstreamResponse& r : in.responses) {
    f.w.beginObject();
    f.integer("status", r.status);
    f.integer("timedOut", r.firstByteTimedOut ? 2 : r.timedOut ? 1 : 0);
    f.headers("headers", r.headers);
    f.text("body", r.body);
    f.w.endObject();
  }
  f.w.endArray();
  return f.take();
}

}  // namespace

std::string decodeEnvelopeJson(std::string_view message, std::string_view data) {
  if (message == "plan") {
    PlanInput in;
    if (readPlanInput(data, in)) return planJson(in);
  } else if (message == "finish") {
    FinishInput in;
    if (readFinishInput(data, in)) return finishJson(in);
  } else if (message == "openStream") {
    OpenStreamInput in;
    if (readOpenStreamInput(data, in)) {
      FieldsJson f;
      f.text("token", in.token);
      f.context(in.ctx);
      return f.take();
    }
  } else if (message == "admit") {
    AdmitInput in;
    if (readAdmitInput(data, in)) {
      FieldsJson f;
      f.text("limitToken", in.limitToken);
      f.integer("nowMs", in.ctx.nowMs);
      f.integer("count", in.state.count);
      f.integer("windowStartMs", in.state.windowStartMs);
      return f.take();
    }
  }
  return "null";
}

}  // namespace gw::bindings
