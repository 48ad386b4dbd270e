#include "policy/traffic.h"

#include <vector>

namespace gw::policy {
namespace {

// Weighted choice among `candidates`: [0, w0) -> first, [w0, w0+w1) -> second, ...
const config::Destination* weightedChoice(const std::vector<const config::Destination*>& candidates,
                                          double random) {
  double total = 0;
  for (const auto* d : candidates) total += d->trafficPercentage;
  if (candidates.empty()) return nullptr;
  if (total <= 0) return candidates.front();
  double clamped = random < 0 ? 0 : (random >= 1 ? 0.9999999999999999 : random);
  double point = clamped * total;
  double cumulative = 0;
  const config::Destination* last = nullptr;
  for (const auto* d : candidates) {
    if (d->trafficPercentage <= 0) continue;
    cumulative += d->trafficPercentage;
    last = d;
    if (point < cumulative) return d;
  }
  return last;  // rounding at the very top of the range
}

}  // namespace

const config::Destination* pickDestination(const config::TrafficRoute& route, double random,
                                           const std::function<bool(std::string_view)>& available) {
  std::vector<const config::Destination*> all, healthy;
  for (const auto& d : route.destinations) {
    all.push_back(&d);
    if (!available || available(d.name)) healthy.push_back(&d);
  }
  bool anyHealthyWeight = false;
  for (const auto* d : healthy) anyHealthyWeight = anyHealthyWeight || d->trafficPercentage > 0;
  return weightedChoice(anyHealthyWeight ? healthy : all, random);
}

}  // namespace gw::policy
