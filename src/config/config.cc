#include "config/config.h"

namespace gw::config {
namespace {
struct RouteTypeRow {
  RouteType type;
  std::string_view name;
};
constexpr RouteTypeRow kRouteTypes[] = {
    {RouteType::Completions, "llm/v1/completions"},
    {RouteType::Chat, "llm/v1/chat"},
    {RouteType::Embeddings, "llm/v1/embeddings"},
};
}  // namespace

const char* routeTypeName(RouteType type) {
  for (const RouteTypeRow& row : kRouteTypes) {
    if (row.type == type) return row.name.data();
  }
  return "";
}

std::optional<RouteType> parseRouteType(std::string_view text) {
  for (const RouteTypeRow& row : kRouteTypes) {
    if (row.name == text) return row.type;
  }
  return std::nullopt;
}

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
