#pragma once
// The documented token estimate a client dialect's count-tokens call answers with when
// the endpoint's provider has no token-counting API the gateway can reach
// (docs/DIALECTS.md; Anthropic's count_tokens, Gemini's countTokens):
//
//   tokens = ceil(characters / 4)      over every string of the prompt (keys and values;
//                                      Unicode code points, not bytes)
//          + 3 per message             (role and turn framing)
//          + 1600 per image            (Anthropic's cost of a ~1.15 megapixel image, its
//                                      largest unscaled size, and above what OpenAI and
//                                      Gemini charge; the image data is not counted)
//
// About 4 characters per token is what Anthropic's, OpenAI's and Gemini's tokenizers
// average on English text; code and non-Latin scripts count higher, so this errs on both
// sides. An estimate, never a fake 0: clients such as Claude Code show it to the user.
#include <cstdint>

#include "core/json_tape.h"

namespace gw::clients {

/// What an estimate counts. Not thread-safe; one per estimate.
class TokenTally {
 public:
  /// Whether an object is an image (its data is skipped and it counts as one image).
  using ImageTest = bool (*)(JsonRef object);

  explicit TokenTally(ImageTest isImage) : isImage_(isImage) {}

  /// Counts every string under `value` (object keys included) and its images.
  void add(JsonRef value);
  /// One more message (turn).
  void addMessage() { ++messages_; }
  /// The estimate for everything added.
  int64_t tokens() const;

 private:
  ImageTest isImage_;
  int64_t characters_ = 0;
  int64_t images_ = 0;
  int64_t messages_ = 0;
};

}  // namespace gw::clients
