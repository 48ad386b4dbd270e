#pragma once
// What the core answers through the output buffer: meta JSON, then the bodies it
// announces (`bodyLength` fields), back to back.
//
// Step meta: {"kind": "call" | "reply" | "retry", ...}. Any step may carry
// `limit: {key, calls, windowMs, token}` (count a hit, then admit) and
// `breaker: [[name, failures, openUntilMs]...]` (store these entries); a Call also
// `streamHeaders` / `streamBreaker` (for a streamed 2xx response).
#include <string>

#include "core/json_writer.h"
#include "gateway/gateway.h"

namespace gw::bindings {

/// Headers as a JSON array of [name, value] pairs.
void writeHeaders(JsonWriter& w, const vocab::Headers& headers);

/// Serialises a Step: meta JSON followed by the bodies. Returns the meta length.
size_t writeStep(const gateway::Step& step, std::string& out);

/// Serialises an admission: {"kind":"admit","allowed":true,"headers":[...]} or,
/// when refused, the 429 reply as a reply step. Returns the meta length.
size_t writeAdmission(const gateway::Admission& admission, std::string& out);

}  // namespace gw::bindings
