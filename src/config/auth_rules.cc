// Top-level `auth: {keys: [...]}` (gateway extension, documented in config.cc).
// Key values are secrets: no message here ever includes one, not even a
// malformed sha256 (it might be a plain key pasted into the wrong field).
#include <cctype>

#include "config/rules.h"
#include "core/ascii.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kAuthKeys[] = {"keys"};
constexpr std::string_view kKeyEntryKeys[] = {"name", "key", "sha256", "routes"};

bool isSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// `$ENV` or a literal; never read from a file. Empty keys are refused: an empty
// bearer token must never authenticate.
std::optional<std::string> resolveKey(const Node& node, SourcePos pos,
                                      const std::string& path, const std::string& keyName,
                                      Ctx& ctx) {
  auto text = stringValue(node);
  if (!text) {
    ctx.error(typeMessage("a string", "key", node), pos, path);
    return std::nullopt;
  }
  auto value = resolveSecretText(*text, pos, path, /*useFiles=*/false, ctx);
  if (value && value->empty()) {
    ctx.error("Auth key " + squote(keyName) + " is empty.", pos, path);
    return std::nullopt;
  }
  return value;
}

void parseSha(const Entry& entry, const std::string& path, GatewayKey& key, Ctx& ctx) {
  auto text = scalarText(entry.value);
  if (!text || !isSha256Hex(*text)) {
    ctx.error("The sha256 of auth key " + squote(key.name) +
                  " must be 64 hexadecimal characters.",
              entry.valuePos, path + ".sha256");
    return;
  }
  key.sha256Hex = lowerAscii(*text);
}

void parseRoutes(const Entry& entry, const std::string& path, GatewayKey& key,
                 AuthDraft& draft, Ctx& ctx) {
  const std::string routesPath = path + ".routes";
  if (!entry.value.isSequence()) {
    typeError(ctx, "a list of endpoint or route names", entry, routesPath);
    return;
  }
  size_t index = 0;
  for (const Node& item : entry.value) {
    const std::string itemPath = routesPath + "[" + std::to_string(index++) + "]";
    if (!item.isScalar()) {
      ctx.error(typeMessage("a name", "routes", item), posOf(item), itemPath);
      continue;
    }
    key.routes.push_back(item.scalar());
    draft.routeRefs.push_back({key.name, NameRef{item.scalar(), posOf(item), itemPath}});
  }
}

void parseKeyMap(const Node& node, const std::string& path, GatewayKey& key,
                 AuthDraft& draft, Ctx& ctx) {
  const MapView view(node);
  checkKeys(ctx, view, kKeyEntryKeys, path);
  if (const Entry* name = view.findSet("name")) {
    if (auto text = requireString(ctx, *name, path + ".name")) key.name = *text;
  }
  const Entry* plain = view.findSet("key");
  const Entry* sha = view.findSet("sha256");
  if (plain == nullptr && sha == nullptr) {
    ctx.error("Auth key " + squote(key.name) + " must have a 'key' or a 'sha256'.",
              posOf(node), path);
  } else if (plain != nullptr && sha != nullptr) {
    ctx.error("Auth key " + squote(key.name) +
                  " must have either a 'key' or a 'sha256', not both.",
              posOf(node), path);
  } else if (plain != nullptr) {
    if (auto value = resolveKey(plain->value, plain->valuePos, path + ".key", key.name, ctx)) {
      key.plain = *value;
    }
  } else {
    parseSha(*sha, path, key, ctx);
  }
  if (const Entry* routes = view.findSet("routes")) parseRoutes(*routes, path, key, draft, ctx);
}

void parseKeyEntry(const Node& node, size_t index, AuthDraft& draft, Ctx& ctx) {
  const std::string path = "auth.keys[" + std::to_string(index) + "]";
  GatewayKey key;
  key.name = "keys[" + std::to_string(index) + "]";
  const size_t errorsBefore = ctx.errors.size();
  if (node.isMap()) {
    parseKeyMap(node, path, key, draft, ctx);
  } else if (node.isScalar()) {
    if (auto value = resolveKey(node, posOf(node), path, key.name, ctx)) key.plain = *value;
  } else {
    ctx.error(typeMessage("a string or a map", path, node), posOf(node), path);
  }
  if (ctx.errors.size() == errorsBefore) draft.auth.keys.push_back(std::move(key));
}

}  // namespace

AuthDraft parseAuth(const Entry& entry, Ctx& ctx) {
  AuthDraft draft;
  if (!entry.value.isMap()) {
    typeError(ctx, "a map", entry, "auth");
    return draft;
  }
  const MapView view(entry.value);
  checkKeys(ctx, view, kAuthKeys, "auth");
  const Entry* keys = view.find("keys");
  if (keys == nullptr) {
    missingKey(ctx, "keys", "'auth'", entry.valuePos, "auth");
    return draft;
  }
  if (!keys->value.isSequence()) {
    typeError(ctx, "a list", *keys, "auth.keys");
    return draft;
  }
  size_t index = 0;
  for (const Node& item : keys->value) parseKeyEntry(item, index++, draft, ctx);
  draft.auth.enabled = !draft.auth.keys.empty();
  if (keys->value.size() == 0) {
    ctx.warn("The 'auth' block has no keys: gateway authentication is disabled.", keys->keyPos,
             "auth.keys");
  }
  return draft;
}

}  // namespace gw::config::detail
