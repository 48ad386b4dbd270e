// `provider: openai-compatible` declared inline (a vendor with an OpenAI-shaped API and no
// registry row): its `config:` says what it serves (route_types, stream_route_types), where
// (chat_path, completions_path, embeddings_path) and under which name (display_name).
// Every such key is checked here, so none is silently ignored.
#include "config/rules.h"
#include "providers/inline_compat.h"
#include "providers/registry.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kRouteTypeNames =
    "chat, completions, embeddings (or llm/v1/chat, llm/v1/completions, llm/v1/embeddings)";

std::string namesOf(uint8_t bits) {
  std::string out;
  for (RouteType type : {RouteType::Completions, RouteType::Chat, RouteType::Embeddings}) {
    if ((bits & vocab::bitOf(type)) == 0) continue;
    out += (out.empty() ? "" : ", ") + std::string(routeTypeName(type));
  }
  return out.empty() ? "none" : out;
}

// A list of route-type names; reports and returns nullopt otherwise.
std::optional<uint8_t> routeTypeList(const Entry& entry, const Json& config, const std::string& path,
                                     Ctx& ctx) {
  const Json* value = findMember(config, entry.key);
  std::optional<uint8_t> bits = value ? providers::routeTypeBits(*value) : std::nullopt;
  if (!bits) {
    ctx.error("Expected a list of route types for " + squote(entry.key) + ": any of " +
                  std::string(kRouteTypeNames) + ".",
              entry.valuePos, path);
  }
  return bits;
}

void checkServedTypes(const MapView& view, const Json& config, const std::string& path,
                      const EndpointDraft& draft, Ctx& ctx) {
  uint8_t served = vocab::kCompletionsBit | vocab::kChatBit | vocab::kEmbeddingsBit;
  if (const Entry* entry = view.findSet("route_types")) {
    std::optional<uint8_t> bits = routeTypeList(*entry, config, path + ".route_types", ctx);
    if (!bits) return;
    served = *bits;
    if (draft.hasType && (served & vocab::bitOf(draft.endpoint.type)) == 0) {
      ctx.error("The endpoint type " + squote(routeTypeName(draft.endpoint.type)) +
                    " is not among this provider's route_types (" + namesOf(served) + ").",
                entry->valuePos, path + ".route_types");
    }
  }
  if (const Entry* entry = view.findSet("stream_route_types")) {
    const std::string streamPath = path + ".stream_route_types";
    std::optional<uint8_t> bits = routeTypeList(*entry, config, streamPath, ctx);
    if (bits && (*bits & ~served) != 0) {
      ctx.error("stream_route_types (" + namesOf(*bits) + ") must be among route_types (" +
                    namesOf(served) + ").",
                entry->valuePos, streamPath);
    }
  }
}

// Paths and the display name: non-empty strings; a path is relative to api_base.
void checkTexts(const MapView& view, const std::string& path, Ctx& ctx) {
  using providers::pathKeyOf;
  for (std::string_view key : {pathKeyOf(RouteType::Chat), pathKeyOf(RouteType::Completions),
                               pathKeyOf(RouteType::Embeddings), std::string_view("display_name")}) {
    const Entry* entry = view.findSet(key);
    if (entry == nullptr) continue;
    const std::string keyPath = path + "." + std::string(key);
    std::optional<std::string> text = requireString(ctx, *entry, keyPath);
    if (!text) continue;
    if (text->empty()) {
      ctx.error("Expected a non-empty string for " + squote(key) + ".", entry->valuePos, keyPath);
    } else if (key != "display_name" &&
               (text->find("://") != std::string::npos || text->find('?') != std::string::npos)) {
      ctx.error(squote(key) + " is a path under api_base (e.g. 'v1/chat/completions'), "
                "not a URL or a query.",
                entry->valuePos, keyPath);
    }
  }
}

}  // namespace

void inlineProviderRules(const MapView& view, const Json& config, const std::string& path,
                         const EndpointDraft& draft, Ctx& ctx) {
  checkServedTypes(view, config, path, draft, ctx);
  checkTexts(view, path, ctx);
}

}  // namespace gw::config::detail
