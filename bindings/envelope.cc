#include "envelope.h"

#include <charconv>
#include <cstdlib>

#include "core/decimal.h"
#include "core/json_writer.h"

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
  std::string_view text = line();
  if (std::optional<double> value = parseDecimal(text)) return *value;  // strtod is slow in Wasm
  std::string s(text);
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) ok_ = false;
  return value;
}

std::string_view EnvelopeReader::bytes(size_t length) {
  if (length > data_.size() - pos_) {
    ok_ = false;
    return {};
  }
  std::string_view out = data_.substr(pos_, length);
  pos_ += length;
  return out;
}

std::string_view EnvelopeReader::rest() {
  std::string_view out = data_.substr(pos_);
  pos_ = data_.size();
  return out;
}

namespace {

// ---- the declaration (envelope.def) as a table

enum class FieldKind : uint8_t { line, integer, number, headers, sized, rest, list };

enum class Field : uint8_t {
#define GW_ENVELOPE_FIELD(message, field, kind) message##_##field,
#define GW_ENVELOPE_LIST(message, field, item) message##_##field,
#include "envelope.def"
#undef GW_ENVELOPE_FIELD
#undef GW_ENVELOPE_LIST
};

struct FieldSpec {
  std::string_view message;
  std::string_view name;
  FieldKind kind;
  Field field;
  std::string_view item;  ///< the item message of a list
};

constexpr FieldSpec kFields[] = {
#define GW_ENVELOPE_FIELD(message, field, kind) \
  {#message, #field, FieldKind::kind, Field::message##_##field, {}},
#define GW_ENVELOPE_LIST(message, field, item) \
  {#message, #field, FieldKind::list, Field::message##_##field, #item},
#include "envelope.def"
#undef GW_ENVELOPE_FIELD
#undef GW_ENVELOPE_LIST
};

constexpr std::string_view kKindNames[] = {"line", "integer", "number", "headers", "sized", "rest", "list"};

/// A field read by its declared kind. `integer` is also the count of a headers
/// or list field, whose entries the sink reads from the reader.
struct FieldValue {
  std::string_view text;
  int64_t integer = 0;
  double number = 0;
};

FieldValue readValue(EnvelopeReader& in, FieldKind kind) {
  FieldValue v;
  switch (kind) {
    case FieldKind::line: v.text = in.line(); break;
    case FieldKind::number: v.number = in.number(); break;
    case FieldKind::sized: v.text = in.bytes(static_cast<size_t>(in.integer())); break;
    case FieldKind::rest: v.text = in.rest(); break;
    default: v.integer = in.integer(); break;  // integer, headers, list
  }
  if (v.integer < 0) in.fail();
  return v;
}

/// Reads `message`'s fields in declared order, handing each to `sink(field,
/// value, reader)`; a sink returns false for a field it does not know.
template <typename Sink>
bool readMessage(EnvelopeReader& in, std::string_view message, Sink&& sink) {
  for (const FieldSpec& spec : kFields) {
    if (spec.message != message) continue;
    FieldValue value = readValue(in, spec.kind);
    if (!in.ok() || !sink(spec.field, value, in)) return false;
  }
  return in.ok();
}

void readHeaders(EnvelopeReader& in, int64_t count, vocab::Headers& headers) {
  for (int64_t i = 0; i < count && in.ok(); ++i) {
    std::string_view name = in.line();
    std::string_view value = in.line();
    headers.emplace_back(std::string(name), std::string(value));
  }
}

// The request context fields several messages share; false: not one of them.
bool readContextField(Field field, const FieldValue& v, gateway::RequestContext& ctx) {
  switch (field) {
    case Field::plan_nowMs: case Field::finish_nowMs:
    case Field::openStream_nowMs: case Field::admit_nowMs: ctx.nowMs = v.integer; return true;
    case Field::plan_random: case Field::finish_random:
    case Field::openStream_random: ctx.random = v.number; return true;
    case Field::plan_breaker: case Field::finish_breaker:
    case Field::openStream_breaker: ctx.breaker = policy::parseBreakerState(v.text); return true;
    case Field::plan_clientKey: ctx.clientKey = std::string(v.text); return true;
    case Field::plan_keyDigest: ctx.keyDigest = std::string(v.text); return true;
    default: return false;
  }
}

bool readResponse(EnvelopeReader& in, vocab::UpstreamResponse& r) {
  return readMessage(in, "response", [&](Field field, const FieldValue& v, EnvelopeReader& reader) {
    switch (field) {
      case Field::response_status: r.status = static_cast<int>(v.integer); return true;
      case Field::response_timedOut:
        r.timedOut = v.integer != 0;
        r.firstByteTimedOut = v.integer == 2;
        return true;
      case Field::response_headers: readHeaders(reader, v.integer, r.headers); return true;
      case Field::response_body: r.body = v.text; return true;
      default: return false;
    }
  });
}

}  // namespace

int envelopeVersion() { return GW_ENVELOPE_VERSION; }

std::string envelopeLayoutJson() {
  JsonWriter w;
  w.beginObject();
  w.key("version");
  w.integer(envelopeVersion());
  w.key("messages");
  w.beginObject();
  std::string_view open;  // fields of a message are declared together
  for (const FieldSpec& spec : kFields) {
    if (spec.message != open) {
      if (!open.empty()) w.endArray();
      open = spec.message;
      w.key(open);
      w.beginArray();
    }
    w.beginArray();
    w.string(spec.name);
    w.string(kKindNames[static_cast<int>(spec.kind)]);
    if (!spec.item.empty()) w.string(spec.item);
    w.endArray();
  }
  if (!open.empty()) w.endArray();
  w.endObject();
  w.endObject();
  return w.take();
}

bool readPlanInput(std::string_view data, PlanInput& out) {
  EnvelopeReader in(data);
  return readMessage(in, "plan", [&](Field field, const FieldValue& v, EnvelopeReader& reader) {
    switch (field) {
      case Field::plan_method: out.request.method = v.text; return true;
      case Field::plan_target: out.request.target = v.text; return true;
      case Field::plan_resumeToken: out.resumeToken = v.text; return true;
      case Field::plan_headers: readHeaders(reader, v.integer, out.request.headers); return true;
      case Field::plan_body: out.request.body = v.text; return true;
      default: return readContextField(field, v, out.ctx);
    }
  });
}

bool readFinishInput(std::string_view data, FinishInput& out) {
  EnvelopeReader in(data);
  return readMessage(in, "finish", [&](Field field, const FieldValue& v, EnvelopeReader& reader) {
    if (field == Field::finish_token) {
      out.token = v.text;
      return true;
    }
    if (field != Field::finish_responses) return readContextField(field, v, out.ctx);
    out.responses.resize(static_cast<size_t>(v.integer));
    for (vocab::UpstreamResponse& r : out.responses) {
      if (!readResponse(reader, r)) return false;
    }
    return true;
  });
}

bool readOpenStreamInput(std::string_view data, OpenStreamInput& out) {
  EnvelopeReader in(data);
  return readMessage(in, "openStream", [&](Field field, const FieldValue& v, EnvelopeReader&) {
    if (field != Field::openStream_token) return readContextField(field, v, out.ctx);
    out.token = v.text;
    return true;
  });
}

bool readAdmitInput(std::string_view data, AdmitInput& out) {
  EnvelopeReader in(data);
  return readMessage(in, "admit", [&](Field field, const FieldValue& v, EnvelopeReader&) {
    switch (field) {
      case Field::admit_limitToken: out.limitToken = v.text; return true;
      case Field::admit_count: out.state.count = v.integer; return true;
      case Field::admit_windowStartMs: out.state.windowStartMs = v.integer; return true;
      default: return readContextField(field, v, out.ctx);
    }
  });
}

}  // namespace gw::bindings
