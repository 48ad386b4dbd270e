#pragma once
// Base64 (RFC 4648): MLflow's page tokens, Bedrock's event-stream chunks.
#include <optional>
#include <string>
#include <string_view>

namespace gw {

/// Standard base64 with padding.
std::string base64Encode(std::string_view bytes);
/// Decodes standard or URL-safe base64 (padding optional); nullopt on malformed input.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace gw
