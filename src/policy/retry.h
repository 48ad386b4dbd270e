#pragma once
// Retry and fallback decisions after a failed attempt (gateway extension).
//
// A request walks a chain of endpoints: [primary, primary.fallbacks...] (the
// fallbacks of a fallback are not followed). On each endpoint it may retry per
// that endpoint's `retries` policy (attempts, conditions, exponential backoff,
// the upstream's Retry-After); when that endpoint is done, it moves to the next
// endpoint of the chain that is not cooling down. A client error (4xx other
// than 429) ends the walk at once: another target would reject it too.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace gw::policy {

/// Upper bound on attempts of one request across its whole chain.
constexpr int kMaxTotalAttempts = 100;

/// What kind of failure an attempt ended with.
enum class FailureKind {
  RateLimited,  ///< upstream 429
  ServerError,  ///< 5xx (upstream or the gateway's own 502: unreachable, bad response)
  Timeout,      ///< no response within the endpoint's timeout
  ClientError,  ///< any other 4xx (and anything else): never retried nor failed over
};

/// Classifies the status the client would see (`timedOut`: the upstream timed out).
FailureKind classifyFailure(int status, bool timedOut);

/// Whether a failure of this kind counts against the endpoint's circuit breaker.
bool countsAsOutage(FailureKind kind);

/// Whether `policy` retries this kind of failure on the same endpoint.
bool retriesOn(const vocab::RetryPolicy& policy, FailureKind kind);

/// Milliseconds a Retry-After value asks for: delay-seconds ("120") or an
/// HTTP-date (IMF-fixdate, RFC 850 or asctime form), relative to `nowMs`.
/// A date in the past gives 0. Nullopt when the value is neither.
std::optional<int64_t> parseRetryAfter(std::string_view value, int64_t nowMs);

/// The wait an upstream response asks for: `retry-after-ms` (OpenAI/Azure) when
/// present and valid, else `retry-after`. Header names lower-case.
std::optional<int64_t> retryAfterFrom(const std::vector<std::pair<std::string, std::string>>& headers,
                                      int64_t nowMs);

/// Exponential backoff before retry number `retry` (1 = the first retry):
/// backoffMs * 2^(retry-1), capped at maxBackoffMs.
int64_t backoffDelay(const vocab::RetryPolicy& policy, int retry);

/// Where an attempt stands in its chain.
struct ChainPosition {
  std::vector<std::string> chain;  ///< [primary, fallbacks...]
  int index = 0;                   ///< endpoint of the failed attempt
  int attempt = 1;                 ///< 1-based attempt number on that endpoint
  int totalAttempts = 1;           ///< attempts made so far across the chain
};

/// What to do after a failure.
struct NextAttempt {
  enum class Action { Stop, RetrySame, Fallback } action = Action::Stop;
  int chainIndex = 0;   ///< endpoint of the next attempt
  int64_t delayMs = 0;  ///< wait before it
};

/// Decides the next attempt. `policy` is the retry policy of the endpoint that
/// failed; `retryAfterMs` what its response asked for; `cooling` tells whether
/// an endpoint's breaker is open now (this failure already counted).
/// A Retry-After longer than the policy's max_backoff_ms is not waited for:
/// the walk moves on to the next endpoint instead.
NextAttempt decideNext(const vocab::RetryPolicy& policy, const ChainPosition& position,
                       FailureKind kind, std::optional<int64_t> retryAfterMs,
                       const std::function<bool(std::string_view)>& cooling);

}  // namespace gw::policy
