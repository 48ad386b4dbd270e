// One endpoint entry: name, endpoint type, model (provider_rules.cc), limit.
#include <cctype>

#include "config/rules.h"
#include "core/ascii.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kEndpointKeys[] = {
    "name",    "endpoint_type", "route_type", "model",         "limit",  // MLflow
    "timeout_seconds", "first_byte_timeout_seconds", "fallbacks", "retries", "circuit_breaker", "enabled_if_env"};        // extensions
constexpr std::string_view kLimitKeys[] = {"renewal_period", "calls", "key"};

constexpr std::string_view kRouteTypeDeprecated =
    "The 'route_type' configuration key has been deprecated and will be removed in an upcoming "
    "release. Use 'endpoint_type' instead.";
// MLflow's text, missing spaces included.
constexpr std::string_view kLimitMessage =
    "Failed to parse the rate limit configuration.Please make sure limit.calls is a positive "
    "number andlimit.renewal_period is a right granularity";

// The `limits` library's granularities; a month is 30 days, a year 12 months.
struct Granularity {
  std::string_view unit;
  int64_t ms;
};
constexpr int64_t kDayMs = 86400000;
constexpr Granularity kGranularities[] = {
    {"second", 1000},      {"minute", 60000},      {"hour", 3600000},
    {"day", kDayMs},       {"month", 30 * kDayMs}, {"year", 12 * 30 * kDayMs}};

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// `[N] unit[s]`, as the `limits` library reads the part after "calls/".
std::optional<std::pair<int64_t, const Granularity*>> parsePeriod(std::string_view text) {
  text = trim(text);
  int64_t multiplier = 1;
  size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i > 0) {
    if (i > 6) return std::nullopt;  // keeps periodMs far from overflow
    multiplier = 0;
    for (size_t k = 0; k < i; ++k) multiplier = multiplier * 10 + (text[k] - '0');
    if (multiplier < 1) return std::nullopt;
    text = trim(text.substr(i));
  }
  std::string unit = lowerAscii(text);
  for (const Granularity& g : kGranularities) {
    if (unit == g.unit || unit == std::string(g.unit) + "s") {
      return std::make_pair(multiplier, &g);
    }
  }
  return std::nullopt;
}

std::string describeEndpoint(const EndpointDraft& draft) {
  const char* noun = draft.endpoint.declaredAsRoute ? "route " : "endpoint ";
  return draft.hasName ? noun + squote(draft.endpoint.name) : draft.path;
}

void parseName(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.find("name");
  if (entry == nullptr) {
    missingKey(ctx, "name", draft.path, draft.endpoint.pos, draft.path);
    return;
  }
  auto name = requireString(ctx, *entry, draft.path + ".name");
  if (!name) return;
  draft.endpoint.name = *name;
  draft.hasName = true;
  draft.namePos = entry->valuePos;
  if (!isValidEndpointName(*name)) {
    ctx.error(invalidNameMessage(*name), entry->valuePos, draft.path + ".name");
  }
}

void parseType(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* endpointType = view.find("endpoint_type");
  const Entry* routeType = view.find("route_type");
  const bool legacy = draft.endpoint.declaredAsRoute;
  if (!legacy && routeType != nullptr) {
    ctx.warn(std::string(kRouteTypeDeprecated), routeType->keyPos, draft.path + ".route_type");
  }
  const Entry* chosen = legacy ? (routeType ? routeType : endpointType)
                               : (endpointType ? endpointType : routeType);
  if (chosen == nullptr) {
    missingKey(ctx, legacy ? "route_type" : "endpoint_type", describeEndpoint(draft),
               draft.endpoint.pos, draft.path);
    return;
  }
  const std::string path = draft.path + "." + chosen->key;
  auto text = requireString(ctx, *chosen, path);
  if (!text) return;
  auto type = parseRouteType(*text);
  if (!type) {
    ctx.error("The route_type " + squote(*text) + " is not supported.", chosen->valuePos, path);
    return;
  }
  draft.endpoint.type = *type;
  draft.hasType = true;
}

void parseEnabled(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("enabled_if_env");
  if (entry == nullptr) return;
  draft.disabledBy = disablingEnv(*entry, draft.path + ".enabled_if_env", ctx);
  if (draft.disabledBy.empty()) return;
  const std::string who = draft.hasName ? squote(draft.endpoint.name) : draft.path;
  ctx.warn("Endpoint " + who + " is disabled: environment variable " +
               squote(draft.disabledBy) + " is not set.",
           entry->valuePos, draft.path + ".enabled_if_env");
}

}  // namespace

bool isValidEndpointName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!isNameChar(c)) return false;
  }
  return true;
}

std::string invalidNameMessage(std::string_view name) {
  return "The route name provided contains disallowed characters for a url endpoint. " +
         squote(name) +
         " is invalid. Names cannot contain spaces or any non alphanumeric characters other "
         "than hyphen and underscore.";
}

EndpointDraft parseEndpoint(const Node& node, const std::string& path,
                            bool declaredAsRoute, Ctx& ctx) {
  EndpointDraft draft;
  draft.path = path;
  draft.endpoint.declaredAsRoute = declaredAsRoute;
  draft.endpoint.pos = posOf(node);
  if (!node.isMap()) {
    ctx.error(typeMessage("a map", path, node), draft.endpoint.pos, path);
    return draft;
  }
  const MapView view(node);
  checkKeys(ctx, view, kEndpointKeys, path);
  parseName(view, draft, ctx);
  parseType(view, draft, ctx);
  parseEnabled(view, draft, ctx);
  if (const Entry* model = view.find("model")) {
    parseModel(*model, draft, ctx);
  } else {
    missingKey(ctx, "model", describeEndpoint(draft), draft.endpoint.pos, path);
  }
  if (const Entry* limit = view.findSet("limit")) {
    draft.endpoint.limit = parseLimit(*limit, path + ".limit", ctx);
  }
  parseEndpointExtensions(view, draft, ctx);
  return draft;
}

std::optional<Limit> parseLimit(const Entry& entry, const std::string& path, Ctx& ctx) {
  if (!entry.value.isMap()) {
    typeError(ctx, "a map", entry, path);
    return std::nullopt;
  }
  const MapView view(entry.value);
  checkKeys(ctx, view, kLimitKeys, path);
  Limit limit;
  bool ok = true;
  const Entry* calls = view.find("calls");
  const Entry* period = view.find("renewal_period");
  if (calls == nullptr) missingKey(ctx, "calls", "'limit'", entry.valuePos, path);
  if (period == nullptr) missingKey(ctx, "renewal_period", "'limit'", entry.valuePos, path);
  if (calls == nullptr || period == nullptr) return std::nullopt;
  auto count = intValue(calls->value);
  if (!count || *count < 1) {
    ctx.error(std::string(kLimitMessage), calls->valuePos, path + ".calls");
    ok = false;
  }
  auto text = scalarText(period->value);
  auto parsed = text ? parsePeriod(*text) : std::nullopt;
  if (!parsed) {
    ctx.error(std::string(kLimitMessage), period->valuePos, path + ".renewal_period");
    ok = false;
  }
  if (const Entry* key = view.findSet("key")) {
    auto keyText = requireString(ctx, *key, path + ".key");
    ok = ok && keyText.has_value();
    if (keyText) limit.key = *keyText;
  }
  if (!ok) return std::nullopt;
  limit.calls = *count;
  limit.renewalPeriod = *text;
  limit.periodMs = parsed->first * parsed->second->ms;
  limit.periodUnit = std::string(parsed->second->unit);
  return limit;
}

}  // namespace gw::config::detail
