#pragma once
// The 64-bit FNV-1a hash: the core's one stable, deterministic hash (the core draws no
// random numbers), for ids made up when an answer has none and the mock's answers.
#include <cstdint>
#include <string_view>

namespace gw {

inline uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

}  // namespace gw
