#include "policy/rate_limit.h"

#include <algorithm>

namespace gw::policy {
namespace {

// The `limits` library's granularities (the config loader's table, by unit name).
int64_t unitMillis(std::string_view unit) {
  constexpr int64_t kDay = 86400000;
  constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"second", 1000}, {"minute", 60000}, {"hour", 3600000},
      {"day", kDay},    {"month", 30 * kDay}, {"year", 12 * 30 * kDay}};
  for (const auto& [name, ms] : kUnits) {
    if (name == unit) return ms;
  }
  return 0;
}

}  // namespace

std::string limitKey(std::string_view endpoint, const config::GatewayKey* gatewayKey,
                     std::string_view clientKey) {
  // Endpoint names never contain ':' (MLflow's name rule), so the key cannot collide
  // across endpoints whatever the client key holds (IPv6 addresses do contain ':').
  std::string key(endpoint);
  if (gatewayKey) return key + ":key:" + gatewayKey->name;
  return key + ":ip:" + std::string(clientKey);
}

LimitRequest limitRequestFor(const vocab::Endpoint& endpoint, const vocab::Limit& limit,
                             const config::GatewayKey* gatewayKey, std::string_view clientKey) {
  return LimitRequest{limitKey(endpoint.name, gatewayKey, clientKey), limit.calls,
                      limit.periodMs};
}

LimitDecision decideLimit(const LimitRequest& request, const LimitState& state, int64_t nowMs) {
  LimitDecision d;
  d.limit = request.calls;
  d.allowed = state.count <= request.calls;
  d.remaining = std::max<int64_t>(0, request.calls - state.count);
  // A store that lost its window start (or a clock far behind it) still yields a sane reset.
  int64_t windowStart = state.windowStartMs > 0 ? state.windowStartMs : nowMs;
  int64_t resetMs = windowStart + request.windowMs;
  d.resetEpochSeconds = (resetMs + 999) / 1000;
  int64_t untilReset = std::max<int64_t>(0, resetMs - nowMs);
  d.retryAfterSeconds = std::max<int64_t>(1, (untilReset + 999) / 1000);
  return d;
}

std::vector<std::pair<std::string, std::string>> limitHeaders(const LimitDecision& d) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"x-ratelimit-limit", std::to_string(d.limit)},
      {"x-ratelimit-remaining", std::to_string(d.remaining)},
      {"x-ratelimit-reset", std::to_string(d.resetEpochSeconds)},
  };
  if (!d.allowed) headers.emplace_back("retry-after", std::to_string(d.retryAfterSeconds));
  return headers;
}

std::string limitExceededMessage(const vocab::Limit& limit) {
  // limits' RateLimitItem repr: "<amount> per <multiples> <granularity>", e.g.
  // "10 per 1 minute" for `renewal_period: minute`, "10 per 5 minute" for "5 minutes".
  int64_t unitMs = unitMillis(limit.periodUnit);
  int64_t multiples = unitMs > 0 ? std::max<int64_t>(1, limit.periodMs / unitMs) : 1;
  return "Rate limit exceeded: " + std::to_string(limit.calls) + " per " +
         std::to_string(multiples) + " " + limit.periodUnit;
}

}  // namespace gw::policy
