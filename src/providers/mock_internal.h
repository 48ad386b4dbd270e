#pragma once
// Shared between the mock provider's files (mock.cc, mock_text.cc,
// mock_embeddings.cc); not part of the public mock API (see mock.h).
#include <string>
#include <vector>

#include "providers/mock.h"

namespace gw::providers::mock {

inline constexpr int kMaxDimensions = 4096;
inline constexpr int kMaxChoices = 64;

/// The unified embeddings response for `unified` (vectors, usage).
Outcome<Json> embeddingsResponse(const Settings& settings, const Json& unified,
                                 std::string_view model);

/// One generated choice: its text and why it ended ("stop" or "length").
struct Generated {
  std::string text;
  std::string finishReason;
};

/// The choices for a chat or completions request, after `stop` and `max_tokens`.
Outcome<std::vector<Generated>> generate(const Settings& settings, const Request& request);

/// The prompt-side token count of a chat or completions request.
int64_t promptTokens(const Request& request);

/// The unified (non-streamed) response built from generated choices.
Json textResponse(const Request& request, const std::vector<Generated>& choices);

/// The unified stream chunks for generated choices; usage rides on the last chunk.
std::vector<Json> textChunks(const Request& request, const std::vector<Generated>& choices);

}  // namespace gw::providers::mock
