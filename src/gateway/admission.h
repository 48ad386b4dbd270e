#pragma once
// Who may call what, and how often: gateway keys (401/403) and the rate-limit
// check a first plan hands to the host (see Step::limit and Gateway::admit).
// The decisions are policy/auth.h and policy/rate_limit.h.
#include <optional>
#include <string_view>

#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "gateway/reply.h"
#include "gateway/router.h"

namespace gw::gateway {

/// The gateway key a request authenticates with: null when auth is off, a
/// 401 Status when the key is missing or wrong.
Outcome<const config::GatewayKey*> authenticateCaller(const config::Config& config,
                                                      const HttpRequest& request,
                                                      const RequestContext& ctx);

/// The 401 reply (with `www-authenticate: Bearer`).
Reply unauthorizedReply(const Status& status, ErrorStyle style);

/// 403 when `caller` may not use the endpoint or route `name`; ok otherwise.
Status checkRoutePermission(const config::GatewayKey* caller, std::string_view name);

/// The rate-limit hit a first attempt must count (the primary endpoint's
/// `limit`), keyed by the caller's gateway key name or the client key.
std::optional<LimitCheck> limitCheckFor(const config::Config& config, const Attempt& attempt,
                                        const config::GatewayKey* caller,
                                        const RequestContext& ctx);

/// Gateway::admit: decides a step's `limit` check from the store's state after the hit.
Admission decideAdmission(const config::Config& config, std::string_view limitToken,
                          const policy::LimitState& state, const RequestContext& ctx);

/// Completes a planned step: on a request's first plan, the limit check; on a
/// Call that will stream, the headers and breaker entries for the stream; on
/// an error reply of a resumed plan, the attempt headers.
Step withAdmission(const Gateway& gateway, const Attempt& attempt, Step step, bool resumed,
                   const config::GatewayKey* caller, const RequestContext& ctx);

}  // namespace gw::gateway
