#pragma once
// Traffic split (MLflow 3.5+ `routes:` with `destinations` / `traffic_percentage`):
// a weighted choice from the host's uniform random value, so a seeded host
// gets a reproducible sequence of destinations.
#include <functional>
#include <string_view>

#include "config/config.h"

namespace gw::policy {

/// Picks a destination for `random` in [0, 1). Destinations for which
/// `available` returns false (e.g. cooling endpoints) are left out and the
/// weights of the others re-normalised; when none is available, the choice is
/// made among all of them. Destinations with 0 % are never picked (unless all
/// candidates have 0 %, then the first candidate). Returns null only for a
/// route without destinations.
const config::Destination* pickDestination(
    const config::TrafficRoute& route, double random,
    const std::function<bool(std::string_view)>& available = {});

}  // namespace gw::policy
