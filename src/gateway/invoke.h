#pragma once
// Invocation paths: /gateway|/endpoints/{name}/invocations and /v1/*.
#include <span>

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

/// Maps the upstream responses of an attempt to the client's reply (or a Retry).
Step finishInvocation(const Gateway& gateway, const Attempt& attempt,
                      std::span<const vocab::UpstreamResponse> responses,
                      const RequestContext& ctx);

/// The error style of an attempt's surface.
ErrorStyle styleOf(schema::Surface surface);

/// Reply wrapped as a Step.
Step replyStep(Reply reply);

}  // namespace gw::gateway
