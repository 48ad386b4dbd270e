#pragma once
// The boundary's cold paths: reading a load's inputs, reporting its result, host
// error replies and key-file candidates. Built for size, in a library of its own
// linked after the core (CMakeLists.txt), so that the templates it instantiates
// never replace the hot paths' -O3 copies at link time.
#include <string>

#include "config/config.h"
#include "gateway/gateway.h"

namespace gw::bindings {

/// The env and files maps a host hands in as JSON objects of strings.
config::LoadInputs loadInputsFromJson(const std::string& envJson, const std::string& filesJson);

/// {"ok", "errors", "warnings", "keyDigest"} for a load.
std::string loadReportJson(const gateway::Gateway::Loaded& loaded);

/// The reply for a host-side failure (gateway/host_error.h) named by its wire id,
/// as JSON {"status", "headers", "body"}; an unknown id answers as internal_error.
std::string hostErrorReplyJson(const std::string& id, const std::string& target, double limitBytes);

/// Literal key values that a host with a filesystem should look up as files (JSON array).
std::string keyFileCandidates(const std::string& yaml);

}  // namespace gw::bindings
