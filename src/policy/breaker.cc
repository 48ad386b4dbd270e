#include "policy/breaker.h"

#include <algorithm>
#include <charconv>

namespace gw::policy {
namespace {

template <typename T>
bool parseNumber(std::string_view text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

BreakerEntry breakerEntry(const BreakerState& state, std::string_view endpoint) {
  for (const BreakerEntry& e : state) {
    if (e.endpoint == endpoint) return e;
  }
  return BreakerEntry{std::string(endpoint), 0, 0};
}

bool isCooling(const BreakerState& state, std::string_view endpoint, int64_t nowMs) {
  for (const BreakerEntry& e : state) {
    if (e.endpoint == endpoint) return e.openUntilMs > nowMs;
  }
  return false;
}

BreakerEntry recordSuccess(std::string_view endpoint) {
  return BreakerEntry{std::string(endpoint), 0, 0};
}

BreakerEntry recordFailure(const BreakerState& state, std::string_view endpoint, int64_t nowMs,
                           const BreakerSettings& settings, int64_t retryAfterMs) {
  BreakerEntry e = breakerEntry(state, endpoint);
  e.failures = std::min(e.failures + 1, 1 << 20);
  if (e.failures >= settings.failureThreshold) {
    e.openUntilMs = nowMs + std::max(settings.coolDownMs, retryAfterMs);
  }
  return e;
}

void applyBreakerEntry(BreakerState& state, const BreakerEntry& entry) {
  for (BreakerEntry& e : state) {
    if (e.endpoint == entry.endpoint) {
      e = entry;
      return;
    }
  }
  state.push_back(entry);
}

std::string formatBreakerState(const BreakerState& state) {
  std::string out;
  for (const BreakerEntry& e : state) {
    if (!out.empty()) out += ';';
    out += e.endpoint + "=" + std::to_string(e.failures) + ":" + std::to_string(e.openUntilMs);
  }
  return out;
}

BreakerState parseBreakerState(std::string_view text) {
  BreakerState state;
  while (!text.empty()) {
    size_t semi = text.find(';');
    std::string_view item = text.substr(0, semi);
    text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
    size_t eq = item.find('=');
    size_t colon = item.find(':', eq == std::string_view::npos ? 0 : eq);
    if (eq == std::string_view::npos || eq == 0 || colon == std::string_view::npos) continue;
    BreakerEntry e{std::string(item.substr(0, eq)), 0, 0};
    if (!parseNumber(item.substr(eq + 1, colon - eq - 1), e.failures) ||
        !parseNumber(item.substr(colon + 1), e.openUntilMs) || e.failures < 0) {
      continue;
    }
    state.push_back(std::move(e));
  }
  return state;
}

}  // namespace gw::policy
