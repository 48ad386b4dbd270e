#pragma once
// The one parameter-rule vocabulary of the dialect translators: what happens to
// each unified request field on its way to a vendor body. A dialect whose
// parameter handling is a list writes it as a table of rules, e.g.
//
//   constexpr params::Rule kRules[] = {
//       params::rejectNative("stopSequences", "stop"),  // MLflow's 422 text
//       params::rename("stop", "stopSequences"),
//       params::scale("temperature", 0.5),
//       params::fold("max_completion_tokens", "max_tokens"),
//   };
//   GW_CHECK(params::applyRules(body, kRules));
//
// Every rule is explicit and nothing is dropped silently: a field a vendor
// cannot take is a Reject carrying MLflow's message (or ours, naming the field).
// The other helpers here are the MLflow payload conventions the translators
// share (`exclude_none`, `rename_payload_keys`, the `n` rules, Python `str()`).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "providers/provider.h"

namespace gw::providers::params {

/// What a rule does with its field.
enum class RuleKind {
  Copy,    ///< the vendor takes the field as it is (the field stays; listed so a table is complete)
  Rename,  ///< the field's value moves to `target`, keeping the key's position
  Scale,   ///< a numeric field is multiplied by `factor` (MLflow's temperature ranges)
  Reject,  ///< a present field is refused: 422 with `message`, param = field
  Fold,    ///< the field merges into `target`: moves there when `target` is absent;
           ///< both present with different values -> 422 naming the field
};

/// One rule; build it with the functions below.
struct Rule {
  RuleKind kind;
  std::string_view field;          ///< unified name the rule looks at
  std::string_view target = {};    ///< Rename / Fold destination; Reject: the name to use instead
  double factor = 1;               ///< Scale
  std::string_view message = {};   ///< Reject: the detail (MLflow's text)
  ErrorCode code = ErrorCode::Unprocessable;  ///< Reject: the error (MLflow answers 400 for some)
};

constexpr Rule copy(std::string_view field) {
  return {.kind = RuleKind::Copy, .field = field};
}
constexpr Rule rename(std::string_view field, std::string_view target) {
  return {.kind = RuleKind::Rename, .field = field, .target = target};
}
constexpr Rule scale(std::string_view field, double factor) {
  return {.kind = RuleKind::Scale, .field = field, .factor = factor};
}
/// Refuses `field` with `message` as the 422 detail.
constexpr Rule reject(std::string_view field, std::string_view message) {
  return {.kind = RuleKind::Reject, .field = field, .message = message};
}
/// Refuses a vendor-native name with MLflow's "Invalid parameter {native}. Use {unified} instead."
constexpr Rule rejectNative(std::string_view native, std::string_view unified,
                            ErrorCode code = ErrorCode::Unprocessable) {
  return {.kind = RuleKind::Reject, .field = native, .target = unified, .code = code};
}
constexpr Rule fold(std::string_view field, std::string_view target) {
  return {.kind = RuleKind::Fold, .field = field, .target = target};
}

/// `max_completion_tokens` folded into `max_tokens`, the only name the vendors here take.
inline constexpr Rule kFoldMaxCompletionTokens = fold("max_completion_tokens", "max_tokens");

/// Applies `rules` to `body` in place. Every Reject is checked first (MLflow
/// validates the payload before it renames), then the other rules run in table
/// order. Fails with the first rejected field.
Status applyRules(Json& body, std::span<const Rule> rules);

/// `applyRules` on a copy; the vendor body, or the first rejection.
Outcome<Json> appliedRules(Json body, std::span<const Rule> rules);

/// Moves every field a Copy or Rename rule names out of `body` into a new object,
/// in table order, under the Rename's target name (e.g. Gemini's `generationConfig`).
Json take(Json& body, std::span<const Rule> rules);

/// A 422 whose detail is `message`; `param` names the request field at fault.
Status unprocessable(std::string message, std::string param = {});

/// The unified request without null members (MLflow's `exclude_none=True`).
Json withoutNulls(const Json& unified);

/// The `n` of a request (1 when absent or null; -1 when it is not a whole number).
int64_t requestedCount(const Json& body);

/// Python's `str()` of a JSON scalar as MLflow's f-strings print it (e.g. `2`, `2.5`, `True`).
std::string pythonStr(const Json& value);

/// For a client on MLflow 2.5–2.8's `candidates` schema, puts back what MLflow 2.8
/// sent to dialects that did not rescale: temperature in 0–1 (the unified request
/// holds 2× that) and, when `countKey` is given, `n` under that name
/// (`candidate_count`). A no-op for 2.9+ clients.
void toCandidatesUnits(const TranslateContext& ctx, Json& payload, std::string_view countKey = {});

}  // namespace gw::providers::params
