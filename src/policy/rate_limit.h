#pragma once
// Fixed-window rate limits (MLflow's `limit: {calls, renewal_period}`, slowapi's
// default strategy): the window opens at the first hit of a key and lasts one
// renewal period; every hit in it counts, including refused ones.
//
// The counter lives in the host (in-process map, Redis, a Durable Object). The
// core says which key to count and how (`LimitRequest`), the host increments
// atomically and hands back what its store holds (`LimitState`), and the core
// decides (`decideLimit`). Nothing here reads a clock.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace gw::policy {

/// What the host must count: one hit on `key` in a window of `windowMs`.
struct LimitRequest {
  std::string key;       ///< "<endpoint>:key:<gateway key name>" or "<endpoint>:ip:<client key>"
  int64_t calls = 0;     ///< hits allowed per window
  int64_t windowMs = 0;  ///< window length
};

/// What the host's store holds after counting this request's hit.
struct LimitState {
  int64_t count = 0;          ///< hits in the current window, this one included
  int64_t windowStartMs = 0;  ///< when the current window opened (ms since the epoch)
};

/// The decision for one request.
struct LimitDecision {
  bool allowed = true;
  int64_t limit = 0;              ///< X-RateLimit-Limit
  int64_t remaining = 0;          ///< X-RateLimit-Remaining
  int64_t resetEpochSeconds = 0;  ///< X-RateLimit-Reset (epoch seconds, like slowapi)
  int64_t retryAfterSeconds = 0;  ///< Retry-After on a refusal (>= 1)
};

/// The counter key of `endpoint` for a caller: the gateway key's name when the
/// request was authenticated, else the client key (IP).
std::string limitKey(std::string_view endpoint, const config::GatewayKey* gatewayKey,
                     std::string_view clientKey);

/// The hit the host must count for a request to a limited endpoint.
LimitRequest limitRequestFor(const vocab::Endpoint& endpoint, const vocab::Limit& limit,
                             const config::GatewayKey* gatewayKey, std::string_view clientKey);

/// Decides from the store's state; `nowMs` is the host's clock.
LimitDecision decideLimit(const LimitRequest& request, const LimitState& state, int64_t nowMs);

/// X-RateLimit-Limit/-Remaining/-Reset (plus Retry-After when refused).
std::vector<std::pair<std::string, std::string>> limitHeaders(const LimitDecision& decision);

/// slowapi's text: "Rate limit exceeded: 10 per 1 minute".
std::string limitExceededMessage(const vocab::Limit& limit);

}  // namespace gw::policy
