// Diagnostic collection and the wording shared by every section parser.
#include <algorithm>

#include "config/rules.h"

namespace gw::config::detail {

void Ctx::error(std::string message, SourcePos pos, std::string path) {
  errors.push_back({std::move(message), pos, std::move(path)});
}

void Ctx::warn(std::string message, SourcePos pos, std::string path) {
  warnings.push_back({std::move(message), pos, std::move(path)});
}

std::string squote(std::string_view text) {
  std::string out = "'";
  out += text;
  out += "'";
  return out;
}

std::string typeMessage(std::string_view what, std::string_view key, const Node& got) {
  return "Expected " + std::string(what) + " for " + squote(key) + ", got " +
         describeKind(got) + ".";
}

void typeError(Ctx& ctx, std::string_view what, const Entry& entry, const std::string& path) {
  ctx.error(typeMessage(what, entry.key, entry.value), entry.valuePos, path);
}

void missingKey(Ctx& ctx, std::string_view key, std::string_view where, SourcePos pos,
                const std::string& path) {
  ctx.error("Missing required key " + squote(key) + " in " + std::string(where) + ".", pos,
            path);
}

namespace {

bool isKnown(std::span<const std::string_view> known, std::string_view key) {
  return std::find(known.begin(), known.end(), key) != known.end();
}

// Whether an earlier entry of the map has the same key (PyYAML keeps the last).
bool seenBefore(const std::vector<Entry>& entries, size_t index) {
  for (size_t i = 0; i < index; ++i) {
    if (entries[i].keyIsScalar && entries[i].key == entries[index].key) return true;
  }
  return false;
}

}  // namespace

void checkKeys(Ctx& ctx, const MapView& view, std::span<const std::string_view> known,
               const std::string& path, std::string_view provider) {
  const std::vector<Entry>& entries = view.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    if (!entry.keyIsScalar) {
      ctx.warn("A key that is not a string is ignored.", entry.keyPos, path);
      continue;
    }
    const std::string keyPath = path.empty() ? entry.key : path + "." + entry.key;
    if (seenBefore(entries, i)) {
      ctx.warn("Duplicate key " + squote(entry.key) + ": the last value is used.",
               entry.keyPos, keyPath);
    }
    if (isKnown(known, entry.key)) continue;
    if (provider.empty()) {
      ctx.warn("Unknown key " + squote(entry.key) + " is ignored.", entry.keyPos, keyPath);
    } else {
      ctx.warn("Unknown config key " + squote(entry.key) + " for provider " +
                   squote(provider) + " is ignored.",
               entry.keyPos, keyPath);
    }
  }
}

std::optional<std::string> requireString(Ctx& ctx, const Entry& entry,
                                         const std::string& path) {
  if (auto text = scalarText(entry.value)) return text;
  typeError(ctx, "a string", entry, path);
  return std::nullopt;
}

}  // namespace gw::config::detail
