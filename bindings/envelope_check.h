#pragma once
// The cross-check of the envelope declaration (envelope.def): what the core's
// readers make of an envelope, for tests/js/envelope.test.mjs. Cold: built for
// size with the other cold paths (CMakeLists.txt, gw_bindings_cold).
#include <string>
#include <string_view>

namespace gw::bindings {

/// What the reader of `message` made of `data`, as JSON keyed by the declared
/// field names (null when it does not parse).
std::string decodeEnvelopeJson(std::string_view message, std::string_view data);

}  // namespace gw::bindings
