#include "gateway/listing.h"

#include "core/base64.h"
#include "gateway/reply.h"

namespace gw::gateway {
namespace {

using vocab::Endpoint;

Json limitJson(const Endpoint& e) {
  if (!e.limit) return nullptr;
  return Json{{"calls", e.limit->calls},
              {"key", e.limit->key ? Json(*e.limit->key) : Json(nullptr)},
              {"renewal_period", e.limit->renewalPeriod}};
}

Json modelJson(const Endpoint& e) {
  return Json{{"name", e.model.name.empty() ? Json(nullptr) : Json(e.model.name)},
              {"provider", e.model.provider}};
}

std::string invocationUrl(const std::string& name) { return "/gateway/" + name + "/invocations"; }

Json routeJson(const Endpoint& e) {
  return Json{{"name", e.name}, {"route_type", vocab::routeTypeName(e.type)},
              {"model", modelJson(e)}, {"route_url", invocationUrl(e.name)},
              {"limit", limitJson(e)}};
}

Json endpointJson(const Endpoint& e) {
  return Json{{"name", e.name}, {"endpoint_type", vocab::routeTypeName(e.type)},
              {"model", modelJson(e)}, {"endpoint_url", invocationUrl(e.name)},
              {"limit", limitJson(e)}};
}

Json trafficRouteJson(const config::TrafficRoute& r) {
  Json destinations = Json::array();
  for (const auto& d : r.destinations) {
    destinations.push_back(Json{{"name", d.name}, {"traffic_percentage", d.trafficPercentage}});
  }
  return Json{{"name", r.name}, {"task_type", vocab::routeTypeName(r.taskType)},
              {"destinations", std::move(destinations)}, {"routing_strategy", r.routingStrategy}};
}

Status badToken(const std::string& token, const char* why) {
  return makeError(ErrorCode::BadRequest, "Invalid SearchRoutes token: " + token + ". " + why,
                   "page_token");
}

// MLflow's page token: base64 of {"index": N}.
Outcome<size_t> pageStart(const PathMatch& match) {
  std::string token = queryParam(match.query, "page_token");
  if (token.empty()) return size_t{0};
  std::optional<std::string> decoded = base64Decode(token);
  Json parsed = decoded ? parseJson(*decoded) : Json();
  const Json* index = findMember(parsed, "index");
  if (!index || !index->is_number_integer()) {
    return badToken(token, "The index is not defined as a value that can be represented as a "
                           "positive integer.");
  }
  if (index->get<int64_t>() < 0) return badToken(token, "The index cannot be negative.");
  return static_cast<size_t>(index->get<int64_t>());
}

Reply listPage(const Gateway& gw, const PathMatch& match, bool routesShape) {
  Outcome<size_t> start = pageStart(match);
  if (!start) return errorReply(start.error(), ErrorStyle::Mlflow);
  const auto& endpoints = gw.config().endpoints;
  size_t end = std::min(endpoints.size(), *start + gw.options().listPageSize);
  Json items = Json::array();
  for (size_t i = *start; i < end; ++i) {
    items.push_back(routesShape ? routeJson(endpoints[i]) : endpointJson(endpoints[i]));
  }
  Json next = end < endpoints.size() ? Json(base64Encode(dumpJson(Json{{"index", end}})))
                                     : Json(nullptr);
  Json body = {{routesShape ? "routes" : "endpoints", std::move(items)}};
  if (!routesShape || !next.is_null()) body["next_page_token"] = next;
  return jsonReply(200, body);
}

Reply notPresent(const std::string& name, const char* noun) {
  return errorReply(makeError(ErrorCode::NotFound,
                              "The " + std::string(noun) + " '" + name +
                                  "' is not present or active on the server. Please verify the " +
                                  noun + " name."),
                    ErrorStyle::Mlflow);
}

Json modelEntry(const std::string& name, vocab::RouteType type, std::string_view owner) {
  return Json{{"id", name}, {"object", "model"}, {"created", 0},
              {"owned_by", std::string(owner)}, {"endpoint_type", vocab::routeTypeName(type)}};
}

Reply openAIModels(const Gateway& gw, const PathMatch& match) {
  Json data = Json::array();
  for (const auto& e : gw.config().endpoints) data.push_back(modelEntry(e.name, e.type, e.model.provider));
  for (const auto& r : gw.config().routes) data.push_back(modelEntry(r.name, r.taskType, "traffic-split"));
  if (match.kind == PathKind::OpenAIModels) return jsonReply(200, Json{{"object", "list"}, {"data", data}});
  for (const Json& m : data) {
    if (m["id"] == match.name) return jsonReply(200, m);
  }
  Status s = makeError(ErrorCode::NotFound, "The model '" + match.name + "' does not exist.", "model");
  return errorReply(s, styleOf(surfaceOf(match.kind)));
}

}  // namespace

Reply answerMetadata(const Gateway& gw, const PathMatch& match) {
  const config::Config& cfg = gw.config();
  switch (match.kind) {
    case PathKind::ListRoutes: return listPage(gw, match, true);
    case PathKind::ListEndpoints: return listPage(gw, match, false);
    case PathKind::GetRoute: {
      const Endpoint* e = cfg.findEndpoint(match.name);
      return e ? jsonReply(200, routeJson(*e)) : notPresent(match.name, "route");
    }
    case PathKind::GetEndpoint: {
      const Endpoint* e = cfg.findEndpoint(match.name);
      return e ? jsonReply(200, endpointJson(*e)) : notPresent(match.name, "endpoint");
    }
    case PathKind::GetTrafficRoute: {
      const config::TrafficRoute* r = cfg.findRoute(match.name);
      return r ? jsonReply(200, trafficRouteJson(*r)) : notPresent(match.name, "route");
    }
    case PathKind::OpenAIModels:
    case PathKind::OpenAIModel: return openAIModels(gw, match);
    default: return errorReply(makeError(ErrorCode::NotFound, "Not Found"), ErrorStyle::Mlflow);
  }
}

}  // namespace gw::gateway
