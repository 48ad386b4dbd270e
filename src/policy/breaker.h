#pragma once
// Circuit breaker: an endpoint that keeps failing is skipped for a cool-down.
//
// The state lives in the host (one small map per process/isolate): for each
// endpoint, consecutive failures and when its cool-down ends. The host passes
// the entries it holds in the request context (`BreakerState`, usually empty),
// and applies the updated entries the core returns with every `finish` step.
// The host reads, calls and writes without awaiting in between, so a
// single-threaded JS host loses no update.
//
//   closed     failures < threshold                 -> used normally
//   open       failures >= threshold, now < until   -> skipped while an alternative exists
//   half-open  failures >= threshold, now >= until  -> used; one failure re-opens it,
//                                                      one success closes it
//
// The breaker only changes which target is tried: when every candidate is
// cooling, the first one is tried anyway (it is the probe), so a request is
// never refused by the breaker alone.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gw::policy {

/// Breaker tuning (host-level, not in the YAML).
struct BreakerSettings {
  int failureThreshold = 3;    ///< consecutive failures that open the breaker
  int64_t coolDownMs = 30000;  ///< how long an open endpoint is skipped
};

/// One endpoint's breaker state as the host stores it.
struct BreakerEntry {
  std::string endpoint;
  int failures = 0;          ///< consecutive failures
  int64_t openUntilMs = 0;   ///< skipped until then (0 = never opened)

  bool operator==(const BreakerEntry&) const = default;
};

/// The entries the host holds (endpoints without an entry are closed).
using BreakerState = std::vector<BreakerEntry>;

/// The entry of `endpoint`, or a closed one.
BreakerEntry breakerEntry(const BreakerState& state, std::string_view endpoint);

/// Whether `endpoint` is open (cooling down) at `nowMs`.
bool isCooling(const BreakerState& state, std::string_view endpoint, int64_t nowMs);

/// The entry after a success: closed, failures reset.
BreakerEntry recordSuccess(std::string_view endpoint);

/// The entry after a failure. Opening (or re-opening from half-open) starts a
/// cool-down of at least `coolDownMs`, longer when the upstream asked for it
/// (`retryAfterMs`, e.g. from a 429/503 Retry-After).
BreakerEntry recordFailure(const BreakerState& state, std::string_view endpoint, int64_t nowMs,
                           const BreakerSettings& settings, int64_t retryAfterMs = 0);

/// Replaces (or adds) the entry of `entry.endpoint` in `state`.
void applyBreakerEntry(BreakerState& state, const BreakerEntry& entry);

/// Envelope text: "name=failures:openUntilMs;..." (names never hold '=', ':' or ';').
std::string formatBreakerState(const BreakerState& state);
/// Parses formatBreakerState's text; malformed entries are skipped.
BreakerState parseBreakerState(std::string_view text);

}  // namespace gw::policy
