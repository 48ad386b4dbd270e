#include "providers/inline_compat.h"

#include "providers/registry.h"

namespace gw::providers {
namespace {

std::optional<vocab::RouteType> routeTypeNamed(std::string_view name) {
  if (name == "chat") return vocab::RouteType::Chat;
  if (name == "completions") return vocab::RouteType::Completions;
  if (name == "embeddings") return vocab::RouteType::Embeddings;
  return vocab::parseRouteType(name);
}

// The bits a config list names, or `fallback` when the key is absent or malformed
// (malformed lists are load errors: config/inline_provider_rules.cc).
uint8_t configuredBits(const vocab::Endpoint& endpoint, std::string_view key, uint8_t fallback) {
  const Json* list = findMember(endpoint.model.config, key);
  if (list == nullptr) return fallback;
  return routeTypeBits(*list).value_or(fallback);
}

}  // namespace

std::optional<uint8_t> routeTypeBits(const Json& list) {
  if (!list.is_array()) return std::nullopt;
  uint8_t bits = 0;
  for (const Json& item : list) {
    if (!item.is_string()) return std::nullopt;
    std::optional<vocab::RouteType> type = routeTypeNamed(item.get_ref<const std::string&>());
    if (!type) return std::nullopt;
    bits |= bitOf(*type);
  }
  return bits;
}

bool isInlineProvider(const ProviderSpec& spec) { return spec.apiFromConfig; }

uint8_t servedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint) {
  if (!isInlineProvider(spec)) return spec.routeTypes;
  return configuredBits(endpoint, "route_types", spec.routeTypes);
}

uint8_t streamedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint) {
  if (!isInlineProvider(spec)) return spec.streamTypes;
  return configuredBits(endpoint, "stream_route_types", spec.streamTypes) &
         servedRouteTypes(spec, endpoint);
}

std::string_view pathKeyOf(vocab::RouteType type) {
  switch (type) {
    case vocab::RouteType::Chat: return "chat_path";
    case vocab::RouteType::Completions: return "completions_path";
    case vocab::RouteType::Embeddings: return "embeddings_path";
  }
  return "chat_path";
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

}  // namespace gw::providers
