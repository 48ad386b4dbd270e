#pragma once
// Runs one conformance case (tests/conformance/<provider>/<case>/) against the
// native core. The same data set is run against the Wasm build by
// tests/js/conformance.test.mjs, so the two builds provably agree.
#include <string>
#include <vector>

namespace gw::testing {

/// Every case directory under tests/conformance, as "<provider>/<case>".
std::vector<std::string> listConformanceCases();

/// Runs a case; returns an empty string on success, else what differed.
std::string runConformanceCase(const std::string& caseName);

}  // namespace gw::testing
