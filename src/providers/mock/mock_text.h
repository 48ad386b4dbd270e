#pragma once
// The mock provider's chat and completions output (mock_text.cc), for mock.cc; not
// part of the public mock API (mock.h).
#include <cstdint>
#include <string>
#include <vector>

#include "providers/mock/mock.h"

namespace gw::providers::mock {

/// The most choices (`n`) the mock answers.
inline constexpr int kMaxChoices = 64;

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
