#include "providers/inline_compat.h"

namespace gw::providers {
namespace {

std::optional<vocab::RouteType> routeTypeNamed(std::string_view name) {
  if (name == "chat") return vocab::RouteType::Chat;
  if (name == "completions") return vocab::RouteType::Completions;
  if (name == "embeddings") return vocab::RouteType::Embeddings;
  return vocab::parseRouteType(name);
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

std::string_view pathKeyOf(vocab::RouteType type) {
  switch (type) {
    case vocab::RouteType::Chat: return "chat_path";
    case vocab::RouteType::Completions: return "completions_path";
    case vocab::RouteType::Embeddings: return "embeddings_path";
  }
  return "chat_path";
}

}  // namespace gw::providers
