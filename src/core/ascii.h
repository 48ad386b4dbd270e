#pragma once
// ASCII case folding for protocol tokens (header names, enum-like config values, model ids).
// Not locale-aware on purpose: these are wire tokens, never prose.
#include <cctype>
#include <string>
#include <string_view>

namespace gw {

/// `text` with A–Z folded to a–z; every other byte unchanged.
inline std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace gw
