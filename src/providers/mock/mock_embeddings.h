#pragma once
// The mock provider's embeddings answer (mock_embeddings.cc), for mock.cc; not part of
// the public mock API (mock.h, which also declares the embedding and hash this file
// implements).
#include <string_view>

#include "providers/mock/mock.h"

namespace gw::providers::mock {

/// The largest `embedding_dimensions` the mock accepts.
inline constexpr int kMaxDimensions = 4096;

/// The unified embeddings response for `unified` (vectors, usage).
Outcome<Json> embeddingsResponse(const Settings& settings, const Json& unified,
                                 std::string_view model);

}  // namespace gw::providers::mock
