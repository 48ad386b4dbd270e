#pragma once
// The byte envelopes that cross the Wasm boundary. Bodies travel as raw bytes
// written straight into Wasm memory; only small metadata is JSON.
//
// plan input:   method \n target \n nowMs \n random \n clientKey \n resumeToken \n
//               keyDigest \n breaker \n headerCount \n (name \n value \n)* body
// finish input: token \n nowMs \n random \n breaker \n responseCount \n
//               (status \n timedOut \n headerCount \n (name \n value \n)* bodyLength \n body)*
// admit input:  limitToken \n nowMs \n count \n windowStartMs \n
// output:       meta JSON, then the bodies it announces (bodyLength fields), back to back.
//
// `keyDigest` is the hex SHA-256 of the bearer token (or empty); `breaker` the
// host's circuit-breaker entries as "name=failures:openUntilMs;..." (or empty).
// Step meta may carry `limit: {key, calls, windowMs, token}` (count a hit, then
// admit), `breaker: [[name, failures, openUntilMs]...]` (store these entries) and,
// on a Call, `streamHeaders` / `streamBreaker` (for a streamed 2xx response).
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
  std::string_view rest() const { return data_.substr(pos_); }
  bool ok() const { return ok_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

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

/// Serialises a Step: meta JSON followed by the bodies. Returns the meta length.
size_t writeStep(const gateway::Step& step, std::string& out);

/// A parsed admit envelope.
struct AdmitInput {
  std::string_view limitToken;
  gateway::RequestContext ctx;
  policy::LimitState state;
};
bool readAdmitInput(std::string_view data, AdmitInput& out);

/// Serialises an admission: {"kind":"admit","allowed":true,"headers":[...]} or,
/// when refused, the 429 reply as a reply step. Returns the meta length.
size_t writeAdmission(const gateway::Admission& admission, std::string& out);

}  // namespace gw::bindings
