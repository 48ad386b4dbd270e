#pragma once
// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) — the checksum of the AWS
// event-stream prelude and message. A checksum against corruption, not cryptography.
#include <cstdint>
#include <string_view>

namespace gw::stream {

/// CRC-32 of `bytes`, continuing from `crc` (0 to start).
uint32_t crc32(std::string_view bytes, uint32_t crc = 0);

}  // namespace gw::stream
