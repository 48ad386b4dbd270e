// Rules across entries: unique names, fallbacks, traffic-route destinations and
// auth route lists must name existing (and, where it matters, enabled) entries.
#include <algorithm>

#include "config/rules.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kDuplicateNames =
    "Duplicate names found in endpoint / route configurations. Please remove the duplicate "
    "endpoint / route name from the configuration to ensure that endpoints / routes are "
    "created properly.";

const EndpointDraft* findEndpoint(const std::vector<EndpointDraft>& endpoints,
                                  std::string_view name) {
  for (const EndpointDraft& draft : endpoints) {
    if (draft.hasName && draft.endpoint.name == name) return &draft;
  }
  return nullptr;
}

bool hasRoute(const std::vector<RouteDraft>& routes, std::string_view name) {
  for (const RouteDraft& draft : routes) {
    if (draft.hasName && draft.route.name == name) return true;
  }
  return false;
}

std::string typeOf(const EndpointDraft& draft) { return routeTypeName(draft.endpoint.type); }

void checkDuplicates(const std::vector<EndpointDraft>& endpoints,
                     const std::vector<RouteDraft>& routes, Ctx& ctx) {
  std::vector<std::string_view> seen;
  auto visit = [&](bool hasName, const std::string& name, SourcePos pos,
                   const std::string& path) {
    if (!hasName) return;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      ctx.error(std::string(kDuplicateNames), pos, path + ".name");
    }
    seen.push_back(name);
  };
  for (const EndpointDraft& d : endpoints) visit(d.hasName, d.endpoint.name, d.namePos, d.path);
  for (const RouteDraft& d : routes) visit(d.hasName, d.route.name, d.namePos, d.path);
}

void checkFallback(const EndpointDraft& owner, const NameRef& ref,
                   const std::vector<EndpointDraft>& endpoints, Ctx& ctx) {
  const std::string who = squote(owner.endpoint.name);
  const EndpointDraft* target = findEndpoint(endpoints, ref.name);
  if (ref.name == owner.endpoint.name) {
    ctx.error("Endpoint " + who + " cannot list itself as a fallback.", ref.pos, ref.path);
  } else if (target == nullptr) {
    ctx.error("The fallback " + squote(ref.name) + " of endpoint " + who +
                  " is not an endpoint name.",
              ref.pos, ref.path);
  } else if (owner.hasType && target->hasType && owner.endpoint.type != target->endpoint.type) {
    ctx.error("The fallback " + squote(ref.name) + " of endpoint " + who +
                  " has endpoint type " + squote(typeOf(*target)) + " but endpoint " + who +
                  " has endpoint type " + squote(typeOf(owner)) + ".",
              ref.pos, ref.path);
  } else if (!target->disabledBy.empty() && owner.disabledBy.empty()) {
    ctx.error("The fallback " + squote(ref.name) + " of endpoint " + who +
                  " is disabled: environment variable " + squote(target->disabledBy) +
                  " is not set.",
              ref.pos, ref.path);
  }
}

void checkDestinations(const RouteDraft& route, const std::vector<EndpointDraft>& endpoints,
                       Ctx& ctx) {
  const std::string routeName = squote(route.hasName ? route.route.name : route.path);
  for (size_t i = 0; i < route.route.destinations.size(); ++i) {
    const Destination& dest = route.route.destinations[i];
    const std::string path = route.destinationPaths[i] + ".name";
    if (dest.name.empty()) continue;  // reported as a missing key already
    const EndpointDraft* target = findEndpoint(endpoints, dest.name);
    if (target == nullptr) {
      ctx.error("The route destination name must be a endpoint name, but the route " +
                    routeName + " has an invalid destination name " + squote(dest.name) + ".",
                dest.pos, path);
    } else if (route.hasType && target->hasType && route.route.taskType != target->endpoint.type) {
      ctx.error("The route destination endpoint types in the route " + routeName +
                    " must have endpoint type " +
                    squote(routeTypeName(route.route.taskType)) + " but got endpoint type " +
                    squote(typeOf(*target)) + ".",
                dest.pos, path);
    } else if (!target->disabledBy.empty()) {
      ctx.error("The destination " + squote(dest.name) + " of route " + routeName +
                    " is disabled: environment variable " + squote(target->disabledBy) +
                    " is not set.",
                dest.pos, path);
    }
  }
}

}  // namespace

void checkReferences(const std::vector<EndpointDraft>& endpoints,
                     const std::vector<RouteDraft>& routes, const AuthDraft& auth, Ctx& ctx) {
  checkDuplicates(endpoints, routes, ctx);
  for (const EndpointDraft& draft : endpoints) {
    if (!draft.hasName) continue;
    for (const NameRef& ref : draft.fallbackRefs) checkFallback(draft, ref, endpoints, ctx);
  }
  for (const RouteDraft& route : routes) checkDestinations(route, endpoints, ctx);
  for (const auto& [keyName, ref] : auth.routeRefs) {
    if (findEndpoint(endpoints, ref.name) != nullptr || hasRoute(routes, ref.name)) continue;
    ctx.error("Auth key " + squote(keyName) + " names " + squote(ref.name) +
                  " in 'routes', which is not an endpoint or route name.",
              ref.pos, ref.path);
  }
}

}  // namespace gw::config::detail
