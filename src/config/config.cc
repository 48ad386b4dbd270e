// loadConfig(): YAML text -> immutable Config, with every finding as a Diagnostic;
// and the Config's lookups by name.
//
// What loads, and where it comes from:
//  * MLflow 2.5–2.8: top-level `routes:` whose entries have `name`, `route_type`,
//    `model` (Generation::Routes, Endpoint::declaredAsRoute).
//  * MLflow 2.9+: top-level `endpoints:` with `endpoint_type` (`route_type` is
//    accepted with MLflow 2.9–2.22's FutureWarning text), plus the 3.5+
//    traffic-split `routes:` (`task_type` + `destinations`). The two kinds of
//    `routes:` entries are told apart per entry by their keys; an entry with
//    neither kind of key counts as a traffic route when `endpoints:` exists.
//  * Unknown keys are ignored with a warning (MLflow ignores them silently).
//  * Messages are MLflow's where MLflow has one (see rules.h for the shared
//    wording of the others); positions are 1-based line/column of the node.
//
// Gateway extensions (not in MLflow), per endpoint:
//  * `timeout_seconds`: number > 0 (at most 1e9), default 300 (MLflow's fixed
//    provider timeout) -> Endpoint::timeoutMs.
//  * `fallbacks: [names]` (or one name): endpoints tried, in order, after this one
//    fails; each must be another enabled endpoint of the same endpoint type.
//  * `retries: {attempts, on, backoff_ms, max_backoff_ms}`: `attempts` (required,
//    1..100) total attempts per target; `on` is a list of `429`, `5xx`, `timeout`
//    (default: all three); `backoff_ms` 0..3600000 (default 0) doubles per attempt
//    up to `max_backoff_ms` (default 30000, must be >= backoff_ms).
//  * `circuit_breaker: {failures, cool_down_seconds}` (1..1000, (0, 86400]) or
//    `false`: when the endpoint's breaker opens and for how long (default: the
//    host's GatewayOptions::breaker, 3 failures / 30 s); `false` never opens it.
//  * `enabled_if_env: NAME` or `[NAMES]` (a leading `$` is allowed): when any
//    named variable is unset or empty the endpoint is left out with a warning
//    and its keys are not resolved (an unset `$VAR` there is no error; every other
//    rule still applies, so typos surface before the variable is set). A fallback
//    or traffic-route destination naming a disabled endpoint is an error, unless
//    the referring endpoint is disabled too. Auth `routes` may name it.
// and at the top level:
//  * `auth: {keys: [...]}`: each entry is a string (`$ENV` or literal key) or a
//    map `{name?, key?, sha256?, routes?}` with exactly one of `key` (`$ENV` or
//    literal) and `sha256` (64 hex digits of the key's SHA-256); `routes` limits
//    the key to the named endpoints/traffic routes. Auth is enabled when the
//    block has at least one key. Auth keys are never read from files.
#include "config/config.h"

#include <algorithm>

#include "config/rules.h"

namespace gw::config {
namespace {

using detail::Ctx;
using detail::EndpointDraft;
using detail::Entry;
using detail::MapView;
using detail::RouteDraft;

constexpr std::string_view kTopKeys[] = {"endpoints", "routes", "auth"};
constexpr std::string_view kRoutesDeprecated =
    "The 'routes' configuration key has been deprecated and will be removed in an upcoming "
    "release. Use 'endpoints' instead.";

struct Sections {
  Generation generation = Generation::Endpoints;
  std::vector<EndpointDraft> endpoints;
  std::vector<RouteDraft> routes;
  detail::AuthDraft auth;
};

bool hasAnyKey(const MapView& view, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (view.find(key) != nullptr) return true;
  }
  return false;
}

// 3.5+ traffic route or 2.5–2.8 route definition? Decided by the entry's keys.
bool isTrafficShaped(const yaml::Node& node, bool haveEndpoints) {
  const MapView view(node);
  if (hasAnyKey(view, {"task_type", "destinations", "routing_strategy"})) return true;
  if (hasAnyKey(view, {"model", "route_type", "endpoint_type", "limit"})) return false;
  return haveEndpoints;
}

void parseEndpointList(const Entry& entry, Sections& out, Ctx& ctx) {
  if (!entry.value.isSequence()) {
    detail::typeError(ctx, "a list", entry, "endpoints");
    return;
  }
  if (entry.value.size() == 0) ctx.warn("No endpoints are configured.", entry.keyPos, "endpoints");
  size_t index = 0;
  for (const yaml::Node& item : entry.value) {
    const std::string path = "endpoints[" + std::to_string(index++) + "]";
    out.endpoints.push_back(detail::parseEndpoint(item, path, false, ctx));
  }
}

// Returns how many entries were 2.5–2.8 route definitions.
size_t parseRoutesList(const Entry& entry, bool haveEndpoints, Sections& out, Ctx& ctx) {
  if (entry.value.isNull()) return 0;
  if (!entry.value.isSequence()) {
    detail::typeError(ctx, "a list", entry, "routes");
    return 0;
  }
  size_t index = 0;
  size_t legacy = 0;
  for (const yaml::Node& item : entry.value) {
    const std::string path = "routes[" + std::to_string(index++) + "]";
    if (isTrafficShaped(item, haveEndpoints)) {
      out.routes.push_back(detail::parseTrafficRoute(item, path, ctx));
    } else {
      out.endpoints.push_back(detail::parseEndpoint(item, path, true, ctx));
      ++legacy;
    }
  }
  if (legacy > 0 && haveEndpoints) ctx.warn(std::string(kRoutesDeprecated), entry.keyPos, "routes");
  return legacy;
}

void parseTopLevel(const yaml::Node& root, Sections& out, Ctx& ctx) {
  const MapView top(root);
  detail::checkKeys(ctx, top, kTopKeys, "");
  const Entry* endpoints = top.find("endpoints");
  const Entry* routes = top.find("routes");
  if (endpoints != nullptr) parseEndpointList(*endpoints, out, ctx);
  const size_t legacy =
      routes != nullptr ? parseRoutesList(*routes, endpoints != nullptr, out, ctx) : 0;
  if (endpoints == nullptr) {
    out.generation = Generation::Routes;
    if (legacy == 0) {
      ctx.error("The configuration must contain an 'endpoints' list (MLflow 2.9+) or a 'routes' "
                "list of route definitions (MLflow 2.5-2.8).",
                detail::posOf(root), "");
    }
  }
  if (const Entry* auth = top.find("auth")) out.auth = detail::parseAuth(*auth, ctx);
  detail::checkReferences(out.endpoints, out.routes, out.auth, ctx);
}

std::shared_ptr<const Config> assemble(Sections& sections) {
  auto config = std::make_shared<Config>();
  config->generation = sections.generation;
  for (EndpointDraft& draft : sections.endpoints) {
    if (draft.disabledBy.empty()) config->endpoints.push_back(std::move(draft.endpoint));
  }
  for (RouteDraft& draft : sections.routes) config->routes.push_back(std::move(draft.route));
  config->auth = std::move(sections.auth.auth);
  return config;
}

bool byPosition(const Diagnostic& a, const Diagnostic& b) {
  return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
}

LoadResult loadUnchecked(std::string_view yamlText, const LoadInputs& inputs) {
  Ctx ctx(inputs);
  Sections sections;
  const yaml::Document doc = detail::parseDocument(yamlText, ctx);
  const yaml::Node root = doc.root();
  if (root.isDefined() && !root.isMap()) {
    ctx.error("The gateway configuration must be a map with an 'endpoints' list, got " +
                  detail::describeKind(root) + ".",
              detail::posOf(root), "");
  } else if (root.isMap()) {
    parseTopLevel(root, sections, ctx);
  }
  if (ctx.budget.exceeded) {
    ctx.error("The configuration is nested too deeply or is too large.", {}, "");
  }
  LoadResult result;
  if (ctx.errors.empty()) result.config = assemble(sections);
  std::stable_sort(ctx.errors.begin(), ctx.errors.end(), byPosition);
  std::stable_sort(ctx.warnings.begin(), ctx.warnings.end(), byPosition);
  result.errors = std::move(ctx.errors);
  result.warnings = std::move(ctx.warnings);
  return result;
}

}  // namespace

LoadResult loadConfig(std::string_view yamlText, const LoadInputs& inputs) {
  // Exceptions stop here: nlohmann::json throws (invalid UTF-8 on dump) and allocation can fail.
  try {
    return loadUnchecked(yamlText, inputs);
  } catch (const std::exception& e) {
    LoadResult result;
    result.errors.push_back({std::string("The configuration could not be loaded: ") + e.what(),
                             {}, ""});
    return result;
  } catch (...) {
    LoadResult result;
    result.errors.push_back({"The configuration could not be loaded.", {}, ""});
    return result;
  }
}

std::vector<std::string> keyFileCandidates(std::string_view yamlText) {
  std::vector<std::string> out;
  try {
    const LoadInputs none;
    Ctx ctx(none);
    const yaml::Document doc = detail::parseDocument(yamlText, ctx);
  const yaml::Node root = doc.root();
    if (!root.isMap()) return out;
    const MapView top(root);
    detail::collectKeyFiles(top.find("endpoints"), ctx.budget, out);
    detail::collectKeyFiles(top.find("routes"), ctx.budget, out);
  } catch (...) {
    // Never throws: a document that cannot be read has no candidates.
  }
  return out;
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
