// `provider: openai-compatible` declared inline (a vendor with an OpenAI-shaped API and no
// registry row): its `config:` says what it serves (route_types, stream_route_types), where
// (chat_path, completions_path, embeddings_path) and under which name (display_name).
// Every such key is checked here, so none is silently ignored.
#include "providers/inline_compat.h"

namespace gw::providers {
namespace {

using vocab::RouteType;

constexpr std::string_view kRouteTypeNames =
    "chat, completions, embeddings (or llm/v1/chat, llm/v1/completions, llm/v1/embeddings)";

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string namesOf(uint8_t bits) {
  std::string out;
  for (RouteType type : {RouteType::Completions, RouteType::Chat, RouteType::Embeddings}) {
    if ((bits & vocab::bitOf(type)) == 0) continue;
    out += (out.empty() ? "" : ", ") + std::string(vocab::routeTypeName(type));
  }
  return out.empty() ? "none" : out;
}

// A list of route-type names; reports and returns nullopt otherwise.
std::optional<uint8_t> routeTypeList(ConfigCheck& check, std::string_view key) {
  const Json* value = findMember(check.config(), key);
  std::optional<uint8_t> bits = value ? routeTypeBits(*value) : std::nullopt;
  if (!bits) {
    check.error("Expected a list of route types for " + quoted(key) + ": any of " +
                    std::string(kRouteTypeNames) + ".",
                key);
  }
  return bits;
}

void checkServedTypes(ConfigCheck& check) {
  uint8_t served = vocab::kCompletionsBit | vocab::kChatBit | vocab::kEmbeddingsBit;
  if (check.isSet("route_types")) {
    std::optional<uint8_t> bits = routeTypeList(check, "route_types");
    if (!bits) return;
    served = *bits;
    std::optional<RouteType> type = check.routeType();
    if (type && (served & vocab::bitOf(*type)) == 0) {
      check.error("The endpoint type " + quoted(vocab::routeTypeName(*type)) +
                      " is not among this provider's route_types (" + namesOf(served) + ").",
                  "route_types");
    }
  }
  if (check.isSet("stream_route_types")) {
    std::optional<uint8_t> bits = routeTypeList(check, "stream_route_types");
    if (bits && (*bits & ~served) != 0) {
      check.error("stream_route_types (" + namesOf(*bits) + ") must be among route_types (" +
                      namesOf(served) + ").",
                  "stream_route_types");
    }
  }
}

// Paths and the display name: non-empty strings; a path is relative to api_base.
void checkTexts(ConfigCheck& check) {
  for (std::string_view key : {pathKeyOf(RouteType::Chat), pathKeyOf(RouteType::Completions),
                               pathKeyOf(RouteType::Embeddings), std::string_view("display_name")}) {
    if (!check.isSet(key)) continue;
    std::optional<std::string> text = check.text(key);
    if (!text) continue;
    if (text->empty()) {
      check.error("Expected a non-empty string for " + quoted(key) + ".", key);
    } else if (key != "display_name" &&
               (text->find("://") != std::string::npos || text->find('?') != std::string::npos)) {
      check.error(quoted(key) + " is a path under api_base (e.g. 'v1/chat/completions'), "
                  "not a URL or a query.",
                  key);
    }
  }
}

}  // namespace

void inlineConfigRules(ConfigCheck& check) {
  checkServedTypes(check);
  checkTexts(check);
}

}  // namespace gw::providers
