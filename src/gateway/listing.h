#pragma once
// The metadata API: route/endpoint listings and lookups. Never includes config
// (keys live there).
#include "gateway/gateway.h"
#include "gateway/router.h"

namespace gw::gateway {

/// Answers GET /api/2.0/gateway/routes[/name], /api/2.0/endpoints[/name],
/// /api/3.0/gateway/{endpoint,route}/{name}, /v1/models[/name].
Reply answerMetadata(const Gateway& gateway, const PathMatch& match);

}  // namespace gw::gateway
