#pragma once
// Retries, fallback and the circuit breaker, applied to invocations: which
// endpoint an attempt goes to, what happens after it fails, and the
// x-gateway-attempts / x-gateway-attempt-history headers that tell the client.
// The decisions themselves are policy/retry.h and policy/breaker.h.
#include <string>
#include <string_view>
#include <vector>

#include "gateway/attempt.h"
#include "gateway/gateway.h"

namespace gw::gateway {

/// [primary, primary's fallbacks...] (fallbacks of fallbacks are not followed).
std::vector<std::string> fallbackChain(const config::Config& config, std::string_view primary);

/// Points a first attempt at `primary`, or at the first endpoint of its chain
/// whose breaker is closed (the primary when all are cooling).
void startChain(const config::Config& config, Attempt& attempt, std::string_view primary,
                const RequestContext& ctx);

/// Adds x-gateway-endpoint, x-gateway-attempts and x-gateway-attempt-history
/// (earlier attempts plus "<endpoint>:<outcome>" of this one).
void addAttemptHeaders(Headers& headers, const Attempt& attempt, std::string_view outcome);

/// After a failed attempt: a Retry step (same endpoint or the next fallback)
/// or the final error reply, i.e. the last attempt's error with the attempt
/// headers. `response` is the failing upstream response (null when the
/// failure is not one, e.g. an untranslatable 2xx body). Carries the breaker
/// update of the failed endpoint.
Step failedAttempt(const Gateway& gateway, const Attempt& attempt, const Status& failure,
                   const vocab::UpstreamResponse* response, const RequestContext& ctx);

/// Breaker entries to apply after a success on `endpoint` (empty when closed already).
std::vector<policy::BreakerEntry> breakerAfterSuccess(const RequestContext& ctx,
                                                     std::string_view endpoint);

}  // namespace gw::gateway
