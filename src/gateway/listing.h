#pragma once
// The metadata API: route/endpoint listings and lookups. Never includes config
// (keys live there).
#include "gateway/gateway.h"
#include "gateway/router.h"

namespace gw::gateway {

/// Answers GET /api/2.0/gateway/routes[/name], /api/2.0/endpoints[/name],
/// /api/3.0/gateway/{endpoint,route}/{name}, /v1/models[/name].
Reply answerMetadata(const Gateway& gateway, const PathMatch& match);

/// Standard base64 (RFC 4648) for page tokens.
std::string base64Encode(std::string_view bytes);
/// Decodes standard or URL-safe base64; nullopt on malformed input.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace gw::gateway
