#pragma once
// The three MLflow route types, the vocabulary every module above `vocab/` shares.
#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::vocab {

/// The three MLflow route types.
enum class RouteType { Completions, Chat, Embeddings };

/// "llm/v1/chat" etc.
const char* routeTypeName(RouteType type);
/// Parses "llm/v1/chat" etc.
std::optional<RouteType> parseRouteType(std::string_view text);

/// Bit flags over RouteType (a provider row's served and streamed types).
enum RouteTypeBits : uint8_t {
  kCompletionsBit = 1,
  kChatBit = 2,
  kEmbeddingsBit = 4,
};
uint8_t bitOf(RouteType type);

}  // namespace gw::vocab
