// MLflow 3.5+ traffic-split routes (`task_type` + `destinations`). Checks that
// need the endpoint table (destination names and types) are in references.cc.
#include "config/rules.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kRouteKeys[] = {"name", "task_type", "destinations",
                                           "routing_strategy"};
constexpr std::string_view kDestinationKeys[] = {"name", "traffic_percentage"};
constexpr std::string_view kTrafficSplit = "TRAFFIC_SPLIT";

std::string describeRoute(const RouteDraft& draft) {
  return draft.hasName ? "route " + squote(draft.route.name) : draft.path;
}

void parseRouteName(const MapView& view, RouteDraft& draft, Ctx& ctx) {
  const Entry* entry = view.find("name");
  if (entry == nullptr) {
    missingKey(ctx, "name", draft.path, draft.route.pos, draft.path);
    return;
  }
  auto name = requireString(ctx, *entry, draft.path + ".name");
  if (!name) return;
  draft.route.name = *name;
  draft.hasName = true;
  draft.namePos = entry->valuePos;
  if (!isValidEndpointName(*name)) {
    ctx.error(invalidNameMessage(*name), entry->valuePos, draft.path + ".name");
  }
}

void parseTaskType(const MapView& view, RouteDraft& draft, Ctx& ctx) {
  const Entry* entry = view.find("task_type");
  if (entry == nullptr) {
    missingKey(ctx, "task_type", describeRoute(draft), draft.route.pos, draft.path);
    return;
  }
  auto text = requireString(ctx, *entry, draft.path + ".task_type");
  if (!text) return;
  auto type = parseRouteType(*text);
  if (!type) {
    ctx.error("The route_type " + squote(*text) + " is not supported.", entry->valuePos,
              draft.path + ".task_type");
    return;
  }
  draft.route.taskType = *type;
  draft.hasType = true;
}

void parseDestination(const Node& node, const std::string& path, RouteDraft& draft,
                      Ctx& ctx) {
  Destination destination;
  destination.pos = posOf(node);
  if (!node.isMap()) {
    ctx.error(typeMessage("a map", path, node), destination.pos, path);
    draft.percentagesComplete = false;
    return;
  }
  const MapView view(node);
  checkKeys(ctx, view, kDestinationKeys, path);
  if (const Entry* name = view.find("name")) {
    if (auto text = requireString(ctx, *name, path + ".name")) destination.name = *text;
  } else {
    missingKey(ctx, "name", "destination " + path, destination.pos, path);
  }
  const Entry* percentage = view.find("traffic_percentage");
  auto value = percentage != nullptr ? intValue(percentage->value) : std::nullopt;
  if (percentage == nullptr) {
    missingKey(ctx, "traffic_percentage", "destination " + path, destination.pos, path);
  } else if (!value) {
    typeError(ctx, "an integer", *percentage, path + ".traffic_percentage");
  } else if (*value < 0 || *value > 100) {
    ctx.error("The route destination traffic percentage must between 0 and 100.",
              percentage->valuePos, path + ".traffic_percentage");
  } else {
    destination.trafficPercentage = static_cast<int>(*value);
  }
  if (!value || *value < 0 || *value > 100) draft.percentagesComplete = false;
  draft.route.destinations.push_back(std::move(destination));
  draft.destinationPaths.push_back(path);
}

void parseDestinations(const MapView& view, RouteDraft& draft, Ctx& ctx) {
  const Entry* entry = view.find("destinations");
  const std::string path = draft.path + ".destinations";
  if (entry == nullptr) {
    missingKey(ctx, "destinations", describeRoute(draft), draft.route.pos, draft.path);
    return;
  }
  if (!entry->value.isSequence()) {
    typeError(ctx, "a list", *entry, path);
    return;
  }
  size_t index = 0;
  for (const Node& item : entry->value) {
    parseDestination(item, path + "[" + std::to_string(index++) + "]", draft, ctx);
  }
  int sum = 0;
  for (const Destination& destination : draft.route.destinations) {
    sum += destination.trafficPercentage;
  }
  if (draft.percentagesComplete && sum != 100) {
    ctx.error("For each route configuration, the traffic percentage sum of destinations must "
              "be 100, but got invalid configuration of route " +
                  squote(draft.hasName ? draft.route.name : draft.path) + ".",
              entry->valuePos, path);
  }
}

void parseStrategy(const MapView& view, RouteDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("routing_strategy");
  if (entry == nullptr) return;
  auto text = requireString(ctx, *entry, draft.path + ".routing_strategy");
  if (text && *text != kTrafficSplit) {
    ctx.error("The routing_strategy " + squote(*text) +
                  " is not supported. The only supported routing strategy is 'TRAFFIC_SPLIT'.",
              entry->valuePos, draft.path + ".routing_strategy");
  }
}

}  // namespace

RouteDraft parseTrafficRoute(const Node& node, const std::string& path, Ctx& ctx) {
  RouteDraft draft;
  draft.path = path;
  draft.route.pos = posOf(node);
  if (!node.isMap()) {
    ctx.error(typeMessage("a map", path, node), draft.route.pos, path);
    return draft;
  }
  const MapView view(node);
  checkKeys(ctx, view, kRouteKeys, path);
  parseRouteName(view, draft, ctx);
  parseTaskType(view, draft, ctx);
  parseDestinations(view, draft, ctx);
  parseStrategy(view, draft, ctx);
  return draft;
}

}  // namespace gw::config::detail
