#pragma once
// `provider: openai-compatible` declared inline: the route types it serves and streams,
// its paths under `api_base` and its display name come from its `config:`
// (route_types, stream_route_types, chat_path, completions_path, embeddings_path,
// display_name). For every other provider these are the registry row's values.
#include <cstdint>
#include <optional>
#include <string>

#include "vocab/endpoint.h"
#include "providers/config_check.h"
#include "providers/provider.h"

namespace gw::providers {

/// Route-type bits of a config list of names ("chat" or "llm/v1/chat", ...);
/// nullopt when it is not a list of such names.
std::optional<uint8_t> routeTypeBits(const Json& list);

/// The route types `spec` serves for this endpoint.
uint8_t servedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The route types `spec` streams for this endpoint.
uint8_t streamedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The upstream path of `type` under the base URL ("" when the provider has none).
std::string routePath(const ProviderSpec& spec, const vocab::Endpoint& endpoint,
                      vocab::RouteType type);

/// The provider's name in messages.
std::string displayNameOf(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The config key holding the path of `type` ("chat_path", ...).
std::string_view pathKeyOf(vocab::RouteType type);

/// Whether `spec` takes its shape from the endpoint's config.
bool isInlineProvider(const ProviderSpec& spec);

/// The inline provider's own config keys (route_types, stream_route_types, the paths,
/// display_name), each checked so that none is silently ignored (inline_config_rules.cc).
void inlineConfigRules(ConfigCheck& check);

}  // namespace gw::providers
