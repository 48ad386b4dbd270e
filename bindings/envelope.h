#pragma once
// The byte envelopes hosts write into Wasm memory (declared once, in envelope.def).
// Bodies travel as raw bytes written straight into Wasm memory; only small
// metadata is text. What the core answers is in step_writer.h.
#include <string>
#include <string_view>
#include <vector>

#include "gateway/gateway.h"

namespace gw::bindings {

/// Reads newline-separated fields from an envelope.
class EnvelopeReader {
 public:
  explicit EnvelopeReader(std::string_view data) : data_(data) {}
  std::string_view line();
  int64_t integer();
  double number();
  std::string_view bytes(size_t length);
  std::string_view rest();
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

/// The envelope version (GW_ENVELOPE_VERSION in envelope.def).
int envelopeVersion();

/// The declaration as JSON for the JS writers:
/// {"version": N, "messages": {"plan": [["method", "line"], ..., ["responses", "list", "response"]]}}.
std::string envelopeLayoutJson();

/// A parsed plan envelope (views into the input buffer).
struct PlanInput {
  gateway::HttpRequest request;
  gateway::RequestContext ctx;
  std::string_view resumeToken;
};
bool readPlanInput(std::string_view data, PlanInput& out);

/// A parsed finish envelope.
struct FinishInput {
  std::string_view token;
  gateway::RequestContext ctx;
  std::vector<vocab::UpstreamResponse> responses;
};
bool readFinishInput(std::string_view data, FinishInput& out);

/// A parsed openStream envelope.
struct OpenStreamInput {
  std::string_view token;
  gateway::RequestContext ctx;
};
bool readOpenStreamInput(std::string_view data, OpenStreamInput& out);

/// A parsed admit envelope.
struct AdmitInput {
  std::string_view limitToken;
  gateway::RequestContext ctx;
  policy::LimitState state;
};
bool readAdmitInput(std::string_view data, AdmitInput& out);

}  // namespace gw::bindings
