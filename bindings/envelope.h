#pragma once
// The byte envelopes that cross the Wasm boundary. Bodies travel as raw bytes
// written straight into Wasm memory; only small metadata is JSON.
//
// plan input:   method \n target \n nowMs \n random \n clientKey \n resumeToken \n
//               headerCount \n (name \n value \n)* body
// finish input: token \n nowMs \n random \n responseCount \n
//               (status \n timedOut \n headerCount \n (name \n value \n)* bodyLength \n body)*
// output:       meta JSON, then the bodies it announces (bodyLength fields), back to back.
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
  std::vector<providers::UpstreamResponse> responses;
};
bool readFinishInput(std::string_view data, FinishInput& out);

/// Serialises a Step: meta JSON followed by the bodies. Returns the meta length.
size_t writeStep(const gateway::Step& step, std::string& out);

}  // namespace gw::bindings
