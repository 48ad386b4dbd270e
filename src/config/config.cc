#include "config/config.h"

namespace gw::config {
const Endpoint* Config::findEndpoint(std::string_view name) const {
  for (const Endpoint& endpoint : endpoints) {
    if (endpoint.name == name) return &endpoint;
  }
  return nullptr;
}

const TrafficRoute* Config::findRoute(std::string_view name) const {
  for (const TrafficRoute& route : routes) {
    if (route.name == name) return &route;
  }
  return nullptr;
}

}  // namespace gw::config
