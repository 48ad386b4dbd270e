#include "providers/provider.h"

#include <string>

#include "core/json_writer.h"
#include "providers/inline_compat.h"

namespace gw::providers {

Status notImplemented(const ProviderSpec& spec, vocab::RouteType type, bool stream) {
  return notImplementedFor(spec.displayName, type, stream);
}

Status notImplementedFor(std::string_view displayName, vocab::RouteType type, bool stream) {
  static constexpr const char* kNames[] = {"completions", "chat", "embeddings"};
  std::string route = kNames[static_cast<int>(type)];
  if (stream) route += " streaming";
  return makeError(ErrorCode::NotImplemented, "The " + route + " route is not implemented for " +
                                                  std::string(displayName) + " models.");
}

std::string joinUrl(std::string_view base, std::string_view path) {
  std::string_view query;
  if (size_t q = base.find('?'); q != std::string_view::npos) {
    query = base.substr(q);
    base = base.substr(0, q);
  }
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty()) out.append("/").append(path);
  out.append(query);
  return out;
}

const NativeLane* nativeLaneFor(const ProviderSpec& spec, const TranslateContext& ctx,
                                schema::Surface dialect) {
  const DialectOps* ops = opsOf(spec);
  if (ops == nullptr) return nullptr;
  for (const NativeLane& lane : ops->nativeLanes) {
    if (lane.dialect == dialect && lane.takes(ctx)) return &lane;
  }
  return nullptr;
}

Outcome<Headers> credentialHeadersFor(const ProviderSpec& spec, const TranslateContext& ctx) {
  const DialectOps* ops = opsOf(spec);
  if (ops != nullptr && ops->credentialHeaders != nullptr) return ops->credentialHeaders(ctx);
  Headers headers;
  if (auto auth = authHeaderFor(ctx); !auth.first.empty()) headers.push_back(std::move(auth));
  return headers;
}

std::string withModel(std::string_view body, JsonRef model, std::string_view name) {
  std::string_view old = model.raw();
  size_t at = static_cast<size_t>(old.data() - body.data());
  JsonWriter quoted(name.size() + 8);
  quoted.string(name);
  std::string out;
  out.reserve(body.size() + name.size());
  out.append(body.substr(0, at)).append(quoted.take()).append(body.substr(at + old.size()));
  return out;
}

std::string configString(const vocab::Endpoint& endpoint, std::string_view key,
                         std::string_view fallback) {
  const Json* v = findMember(endpoint.model.config, key);
  if (v && v->is_string()) return v->get<std::string>();
  return std::string(fallback);
}

namespace {
// The bits a config list names, or `fallback` when the key is absent or malformed
// (malformed lists are load errors: inline_compat_config_rules.cc).
uint8_t configuredBits(const vocab::Endpoint& endpoint, std::string_view key, uint8_t fallback) {
  const Json* list = findMember(endpoint.model.config, key);
  if (list == nullptr) return fallback;
  return routeTypeBits(*list).value_or(fallback);
}
}  // namespace

uint8_t servedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint) {
  if (!isInlineProvider(spec)) return spec.routeTypes;
  return configuredBits(endpoint, "route_types", spec.routeTypes);
}

uint8_t streamedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint) {
  if (!isInlineProvider(spec)) return spec.streamTypes;
  return configuredBits(endpoint, "stream_route_types", spec.streamTypes) &
         servedRouteTypes(spec, endpoint);
}

std::string routePath(const ProviderSpec& spec, const vocab::Endpoint& endpoint,
                      vocab::RouteType type) {
  std::string_view fallback = type == vocab::RouteType::Chat          ? spec.chatPath
                              : type == vocab::RouteType::Completions ? spec.completionsPath
                                                                       : spec.embeddingsPath;
  if (!isInlineProvider(spec)) return std::string(fallback);
  return configString(endpoint, pathKeyOf(type), fallback);
}

std::string displayNameOf(const ProviderSpec& spec, const vocab::Endpoint& endpoint) {
  if (!isInlineProvider(spec)) return std::string(spec.displayName);
  return configString(endpoint, "display_name", spec.displayName);
}

namespace {
// ("adb-1.azuredatabricks.net/", "serving-endpoints") -> "https://adb-1.azuredatabricks.net/serving-endpoints"
std::string hostBaseUrl(std::string host, std::string_view path) {
  while (!host.empty() && host.back() == '/') host.pop_back();
  if (host.find("://") == std::string::npos) host = "https://" + host;
  if (host.ends_with("/" + std::string(path))) return host;
  return joinUrl(host, path);
}
}  // namespace

std::string baseUrlFor(const TranslateContext& ctx) {
  std::string base = configString(ctx.endpoint, "api_base");
  if (base.empty() && !ctx.spec.baseUrlKey.empty()) {
    base = configString(ctx.endpoint, ctx.spec.baseUrlKey);
    if (!base.empty() && !ctx.spec.hostPath.empty()) {
      base = hostBaseUrl(std::move(base), ctx.spec.hostPath);
    }
  }
  if (base.empty()) base = std::string(ctx.spec.defaultBaseUrl);
  return base;
}

std::pair<std::string, std::string> authHeaderFor(const TranslateContext& ctx) {
  if (ctx.spec.auth.header.empty() || ctx.spec.apiKeyField.empty()) return {};
  std::string key = configString(ctx.endpoint, ctx.spec.apiKeyField);
  if (key.empty() || key == ctx.spec.auth.placeholderKey) return {};
  return {std::string(ctx.spec.auth.header), std::string(ctx.spec.auth.scheme) + key};
}

}  // namespace gw::providers
