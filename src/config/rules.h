#pragma once
// Internal to src/config: the loader's shared state, message helpers and the
// per-section parsers (one .cc file per section). This header is the index of the
// folder: each declaration names the file that implements it.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/yaml_nodes.h"

namespace gw::config::detail {

/// State of one loadConfig() call: inputs, findings and the walk budget.
struct Ctx {
  explicit Ctx(const LoadInputs& in) : inputs(in) {}
  const LoadInputs& inputs;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
  WalkBudget budget;

  void error(std::string message, SourcePos pos, std::string path);  ///< messages.cc
  void warn(std::string message, SourcePos pos, std::string path);   ///< messages.cc
};

/// A name used as a reference (fallback, destination, auth route) and where.
struct NameRef {
  std::string name;
  SourcePos pos;
  std::string path;
};

/// An endpoint as parsed, before the cross-entry checks.
struct EndpointDraft {
  Endpoint endpoint;
  std::string path;          ///< e.g. "endpoints[2]"
  bool hasName = false;
  bool hasType = false;
  SourcePos namePos;
  std::string disabledBy;    ///< env var that disables it (empty = enabled)
  std::vector<NameRef> fallbackRefs;
};

/// A traffic-split route as parsed.
struct RouteDraft {
  TrafficRoute route;
  std::string path;
  bool hasName = false;
  bool hasType = false;
  SourcePos namePos;
  std::vector<std::string> destinationPaths;  ///< parallel to route.destinations
  bool percentagesComplete = true;  ///< every destination had a valid percentage
};

/// The `auth:` block as parsed; route references are checked later.
struct AuthDraft {
  AuthConfig auth;
  std::vector<std::pair<std::string, NameRef>> routeRefs;  ///< (key name, reference)
};

// ---- messages (shared wording): messages.cc ----
std::string squote(std::string_view text);  ///< 'text'
/// "Expected {what} for '{key}', got {kind}."
std::string typeMessage(std::string_view what, std::string_view key, const Node& got);
void typeError(Ctx& ctx, std::string_view what, const Entry& entry, const std::string& path);
/// "Missing required key '{key}' in {where}."
void missingKey(Ctx& ctx, std::string_view key, std::string_view where, SourcePos pos,
                const std::string& path);
/// Warns about keys outside `known`, non-string keys and duplicate keys.
/// `provider` non-empty switches to the "Unknown config key ... for provider" text.
void checkKeys(Ctx& ctx, const MapView& view, std::span<const std::string_view> known,
               const std::string& path, std::string_view provider = {});
/// A required non-null string value; reports and returns nullopt otherwise.
std::optional<std::string> requireString(Ctx& ctx, const Entry& entry, const std::string& path);

// ---- endpoint names: endpoint_rules.cc ----
/// MLflow's name rule: `^[a-zA-Z0-9_\-\.]+$` (HEAD; ASCII only).
bool isValidEndpointName(std::string_view name);
/// MLflow's message for a name that breaks the rule.
std::string invalidNameMessage(std::string_view name);

// ---- sections (each names the file that parses it) ----
/// Parses the document; reports YAML errors. Returns a null node on failure (document.cc).
yaml::Document parseDocument(std::string_view text, Ctx& ctx);
/// One endpoint (or 2.5–2.8 route) entry (endpoint_rules.cc).
EndpointDraft parseEndpoint(const Node& node, const std::string& path,
                            bool declaredAsRoute, Ctx& ctx);
/// `model:` of an endpoint; resolves secrets unless the endpoint is disabled (provider_rules.cc).
void parseModel(const Entry& entry, EndpointDraft& draft, Ctx& ctx);
/// `limit:` of an endpoint (endpoint_rules.cc).
std::optional<Limit> parseLimit(const Entry& entry, const std::string& path, Ctx& ctx);
/// Provider `config:` to JSON, resolving every secret key at any depth (secrets.cc).
Json convertConfig(const Node& map, const std::string& path, bool resolve, Ctx& ctx);
/// `$NAME` -> env, exact file path -> contents, else the literal. Reports errors
/// (never echoing the value) and returns nullopt on failure (secrets.cc).
std::optional<std::string> resolveSecretText(const std::string& text, SourcePos pos,
                                             const std::string& path, bool useFiles,
                                             Ctx& ctx);
/// Appends the literal (non-`$`) key values of the `model.config` maps of every
/// endpoint-shaped entry of `list`, once each: keyFileCandidates()'s walk (secrets.cc).
void collectKeyFiles(const Entry* list, WalkBudget& budget, std::vector<std::string>& out);
/// Gateway extensions of an endpoint entry (timeout, fallbacks, retries; extensions.cc).
void parseEndpointExtensions(const MapView& view, EndpointDraft& draft, Ctx& ctx);
/// `enabled_if_env`: the first unset variable, or empty when enabled (extensions.cc).
std::string disablingEnv(const Entry& entry, const std::string& path, Ctx& ctx);
/// One traffic-split route entry (traffic_rules.cc).
RouteDraft parseTrafficRoute(const Node& node, const std::string& path, Ctx& ctx);
/// The top-level `auth:` block (auth_rules.cc).
AuthDraft parseAuth(const Entry& entry, Ctx& ctx);
/// Cross-entry rules: duplicate names, fallbacks, destinations, auth routes (references.cc).
void checkReferences(const std::vector<EndpointDraft>& endpoints,
                     const std::vector<RouteDraft>& routes, const AuthDraft& auth, Ctx& ctx);

}  // namespace gw::config::detail
