// Provider `config:` -> JSON with every secret key resolved (MLflow's
// `_resolve_api_key_from_input`): not a string -> error; `$NAME` -> environment,
// unset or empty -> error; a path the host passed in LoadInputs::files -> the
// file contents verbatim; otherwise the literal. Which keys are secrets is
// providers::isSecretKey()'s call, at any depth (bedrock `aws_config`,
// litellm `litellm_auth_config`). No message ever contains a key's value.
#include <algorithm>

#include "config/rules.h"
#include "providers/registry.h"

namespace gw::config::detail {
namespace {

std::string trimTrailingLineBreaks(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

constexpr std::string_view kNotAString =
    "The api key provided is not a string. Please provide either an environment variable key, "
    "a path to a file containing the api key, or the api key itself";

Json resolveSecretValue(const Entry& entry, const std::string& keyPath, bool resolve,
                        Ctx& ctx) {
  auto text = stringValue(entry.value);
  if (!text) {
    ctx.error(std::string(kNotAString), entry.valuePos, keyPath);
    return nullptr;
  }
  if (!resolve) return *text;  // disabled endpoint: keys stay unresolved
  auto value = resolveSecretText(*text, entry.valuePos, keyPath, /*useFiles=*/true, ctx);
  return value ? Json(*value) : Json(nullptr);
}

Json convertValue(const Node& node, const std::string& path, bool resolve, Ctx& ctx,
                  int depth);

// Config values become upstream header values and URLs: a CR, LF or NUL in one could
// inject a header (issue 7's bad-input corpus), so it is a load error. The message
// names the key, never the value (it may be a secret).
void rejectControlCharacters(const Json& value, const Entry& entry, const std::string& keyPath,
                             Ctx& ctx) {
  if (!value.is_string()) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos) return;
  ctx.error("The value of " + squote(keyPath) +
                " contains a line break or NUL character, which cannot be sent in an HTTP "
                "header or URL.",
            entry.valuePos, keyPath);
}

Json convertMap(const Node& node, const std::string& path, bool resolve, Ctx& ctx,
                int depth) {
  Json out = Json::object();
  if (!ctx.budget.take(depth)) return out;
  const MapView view(node);
  for (const Entry& entry : view.entries()) {
    // Skip non-string keys and entries overridden by a later duplicate key.
    if (!entry.keyIsScalar || view.find(entry.key) != &entry) continue;
    const std::string keyPath = path + "." + entry.key;
    out[entry.key] = providers::isSecretKey(entry.key)
                         ? resolveSecretValue(entry, keyPath, resolve, ctx)
                         : convertValue(entry.value, keyPath, resolve, ctx, depth + 1);
    rejectControlCharacters(out[entry.key], entry, keyPath, ctx);
  }
  return out;
}

Json convertValue(const Node& node, const std::string& path, bool resolve, Ctx& ctx,
                  int depth) {
  if (node.isMap()) return convertMap(node, path, resolve, ctx, depth);
  if (!ctx.budget.take(depth)) return nullptr;
  if (!node.isSequence()) return scalarToJson(node);
  Json out = Json::array();
  size_t index = 0;
  for (const Node& item : node) {
    const std::string itemPath = path + "[" + std::to_string(index++) + "]";
    out.push_back(convertValue(item, itemPath, resolve, ctx, depth + 1));
  }
  return out;
}

void collectCandidates(const Node& node, WalkBudget& budget, int depth,
                       std::vector<std::string>& out) {
  if (!budget.take(depth)) return;
  if (node.isSequence()) {
    for (const Node& item : node) collectCandidates(item, budget, depth + 1, out);
    return;
  }
  const MapView view(node);
  for (const Entry& entry : view.entries()) {
    if (!entry.keyIsScalar) continue;
    if (!providers::isSecretKey(entry.key)) {
      collectCandidates(entry.value, budget, depth + 1, out);
      continue;
    }
    auto text = stringValue(entry.value);
    if (text && !text->empty() && !text->starts_with('$') &&
        std::find(out.begin(), out.end(), *text) == out.end()) {
      out.push_back(*text);
    }
  }
}

}  // namespace

std::optional<std::string> resolveSecretText(const std::string& text, SourcePos pos,
                                             const std::string& path, bool useFiles,
                                             Ctx& ctx) {
  if (text.starts_with('$')) {
    const std::string name = text.substr(1);
    auto it = ctx.inputs.env.find(name);
    if (it == ctx.inputs.env.end() || it->second.empty()) {
      ctx.error("Environment variable " + squote(name) + " is not set", pos, path);
      return std::nullopt;
    }
    return it->second;
  }
  if (useFiles) {
    auto file = ctx.inputs.files.find(text);
    // Trailing line breaks of a key file are dropped (`echo key > file` adds one, and no
    // HTTP header may carry it); MLflow keeps them verbatim and then fails per request.
    if (file != ctx.inputs.files.end()) return trimTrailingLineBreaks(file->second);
  }
  return text;
}

Json convertConfig(const Node& map, const std::string& path, bool resolve, Ctx& ctx) {
  return convertMap(map, path, resolve, ctx, 0);
}

void collectKeyFiles(const Entry* list, WalkBudget& budget, std::vector<std::string>& out) {
  if (list == nullptr || !list->value.isSequence()) return;
  for (const Node& item : list->value) {
    const MapView entry(item);
    const Entry* model = entry.findSet("model");
    if (model == nullptr) continue;
    const MapView modelView(model->value);
    if (const Entry* config = modelView.findSet("config")) {
      collectCandidates(config->value, budget, 0, out);
    }
  }
}

}  // namespace gw::config::detail
