#pragma once
// Planning invocations: /gateway|/endpoints/{name}/invocations and /v1/*
// (their upstream answers are finish.h).
#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "gateway/reply.h"
#include "gateway/router.h"

namespace gw::gateway {

/// Validates and routes an invocation; returns the upstream Call or an error Reply.
/// `caller` is the authenticated gateway key (null when auth is off): it may be
/// refused the route (403) and keys the rate limit.
Step planInvocation(const Gateway& gateway, const PathMatch& match, const HttpRequest& request,
                    const RequestContext& ctx, const Attempt* resume,
                    const config::GatewayKey* caller = nullptr);

}  // namespace gw::gateway
