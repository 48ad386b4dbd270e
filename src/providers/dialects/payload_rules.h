#pragma once
// Payload rules MLflow's provider adapters share (`rename_payload_keys` and the
// per-provider checks): renaming keys, rejecting the provider-native spelling of
// a unified field, and the `n` rules. Builds on providers/translate_util.h.
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "providers/dialects/translate_util.h"

namespace gw::providers::payload {

// The translate_util helpers these translators use, re-exported.
using util::takeMember;
using util::unprocessable;
using util::withoutNulls;


/// (unified name, provider-native name), e.g. {"max_tokens", "maxTokens"}.
using KeyRename = std::pair<std::string_view, std::string_view>;
/// A rename table, e.g. `constexpr KeyRename kRenames[] = {{"stop", "stopSequences"}};`.
using KeyMapping = std::span<const KeyRename>;

/// MLflow's `rename_payload_keys`: renames in place, keeping the key order.
Json renameKeys(const Json& body, KeyMapping mapping);

/// 422 "Invalid parameter {native}. Use {unified} instead." when `body` already
/// carries a provider-native name (MLflow checks before renaming).
Status rejectNativeNames(const Json& body, KeyMapping mapping);

/// The `n` of a request (1 when absent or null; -1 when it is not a whole number).
int64_t requestedCount(const Json& body);

/// Python's `str()` of a JSON scalar as MLflow's f-strings print it (e.g. `2`, `2.5`, `True`).
std::string pythonStr(const Json& value);

/// For a client on MLflow 2.5–2.8's `candidates` schema, puts back what MLflow 2.8
/// sent to dialects that did not rescale: temperature in 0–1 (the unified request
/// holds 2× that) and, when `countKey` is given, `n` under that name
/// (`candidate_count`). A no-op for 2.9+ clients.
void toCandidatesUnits(const TranslateContext& ctx, Json& payload, std::string_view countKey = {});

/// Multiplies `body[key]` by `factor` when present and numeric (MLflow's temperature scaling).
void scaleNumber(Json& body, std::string_view key, double factor);

}  // namespace gw::providers::payload
