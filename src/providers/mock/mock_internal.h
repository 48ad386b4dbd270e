#pragma once
// Shared between the mock provider's files (mock.cc, mock_text.cc,
// mock_embeddings.cc); not part of the public mock API (see mock.h).
#include <cstdint>
#include <string>
#include <vector>

#include "providers/mock/mock.h"

namespace gw::providers::mock {

inline constexpr int kMaxDimensions = 4096;
inline constexpr int kMaxChoices = 64;

/// SplitMix64's finaliser: spreads a seed into 64 well-mixed bits (FNV-1a alone
/// leaves similar inputs with similar high bits).
inline uint64_t mixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

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
