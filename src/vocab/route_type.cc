#include "vocab/route_type.h"

namespace gw::vocab {
namespace {
struct RouteTypeRow {
  RouteType type;
  std::string_view name;
  uint8_t bit;
};
constexpr RouteTypeRow kRouteTypes[] = {
    {RouteType::Completions, "llm/v1/completions", kCompletionsBit},
    {RouteType::Chat, "llm/v1/chat", kChatBit},
    {RouteType::Embeddings, "llm/v1/embeddings", kEmbeddingsBit},
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

uint8_t bitOf(RouteType type) {
  for (const RouteTypeRow& row : kRouteTypes) {
    if (row.type == type) return row.bit;
  }
  return 0;
}

}  // namespace gw::vocab
