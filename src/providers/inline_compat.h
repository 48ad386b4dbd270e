#pragma once
// `provider: openai-compatible` declared inline: a vendor with an OpenAI-shaped API and
// no registry row, whose `config:` says what it serves and streams (route_types,
// stream_route_types), where (chat_path, completions_path, embeddings_path) and under
// which name (display_name). This header reads and checks those keys; what an endpoint's
// provider serves, for inline and registry rows alike, is provider.h's servedRouteTypes,
// streamedRouteTypes, routePath and displayNameOf.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/json.h"
#include "providers/config_check.h"
#include "providers/registry.h"
#include "vocab/route_type.h"

namespace gw::providers {

/// Route-type bits of a config list of names ("chat" or "llm/v1/chat", ...);
/// nullopt when it is not a list of such names.
std::optional<uint8_t> routeTypeBits(const Json& list);

/// The config key holding the path of `type` ("chat_path", ...).
std::string_view pathKeyOf(vocab::RouteType type);

/// Whether `spec` takes its shape from the endpoint's config.
bool isInlineProvider(const ProviderSpec& spec);

/// The inline provider's own config keys (route_types, stream_route_types, the paths,
/// display_name), each checked so that none is silently ignored
/// (inline_compat_config_rules.cc).
void inlineConfigRules(ConfigCheck& check);

}  // namespace gw::providers
