// AI21 Labs: Jurassic-2 completions (`POST {base}/{model}/complete`).
// API reference: https://docs.ai21.com/reference/j2-complete-ref
//
// As MLflow's `ai21labs.py`: `Authorization: Bearer {ai21labs_api_key}`; nulls
// dropped; `stop`→`stopSequences`, `n`→`numResults` (MLflow's default `n: 1` is
// sent), `max_tokens`→`maxTokens`; sending a native name is MLflow's 422
// "Invalid parameter maxTokens. Use max_tokens instead."; every other key passes
// through. Response: `completions[i].data.text`, `finish_reason` =
// `finishReason.reason`, `id` null, usage null, `model` = the configured name.
// MLflow 2.5–2.8 (`candidates`) clients' temperature is sent in their 0–1 units,
// as MLflow 2.8 did. Deviations: none on the request. A `stream: true` request is answered with the
// 501 of MLflow 2.9+ (the base class), not the unreachable 422 in `completions()`.
// Chat and embeddings are not AI21 routes (501).
#include "providers/dialects/ai21.h"

#include <algorithm>

#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

constexpr Rule kRules[] = {
    rejectNative("stopSequences", "stop"), rejectNative("numResults", "n"),
    rejectNative("maxTokens", "max_tokens"),
    rename("stop", "stopSequences"),       rename("n", "numResults"),
    rename("max_tokens", "maxTokens"),
};

Outcome<UpstreamPlan> buildAI21Request(const TranslateContext& ctx, const Json& unified) {
  Json payload = withoutNulls(unified);
  if (!payload.contains("n")) payload["n"] = 1;  // MLflow's pydantic default, sent as numResults
  toCandidatesUnits(ctx, payload);                // 2.5–2.8 clients: temperature as sent then
  GW_CHECK(applyRules(payload, kRules));               // the native-name rejects run first
  return onePost(joinUrl(baseUrlFor(ctx), ctx.endpoint.model.name + "/complete"),
                 jsonHeaders(ctx), payload);
}

Outcome<Json> parseAI21Response(const TranslateContext& ctx, std::span<const Json> bodies,
                                std::string_view /*note*/) {
  const Json* completions = findMember(bodies.front(), "completions");
  if (!completions || !completions->is_array()) {
    return makeError(ErrorCode::BadGateway,
                     "The AI21 Labs response has no 'completions' list.");
  }
  Json choices = Json::array();
  for (size_t i = 0; i < completions->size(); ++i) {
    const Json& c = (*completions)[i];
    const Json* data = findMember(c, "data");
    const Json* reason = findMember(c, "finishReason");
    choices.push_back(Json{{"index", i},
                           {"text", data ? memberOr(*data, "text") : Json(nullptr)},
                           {"finish_reason", reason ? memberOr(*reason, "reason") : Json(nullptr)}});
  }
  return schema::completionsResponse(nullptr, ctx.nowMs / 1000, ctx.endpoint.model.name,
                                     std::move(choices), schema::usageJson({}));
}

}  // namespace

const DialectOps& ai21Ops() {
  static constexpr DialectOps kOps{&buildAI21Request, &parseAI21Response, nullptr};
  return kOps;
}

void ai21ModelRules(ConfigCheck& check) {
  static constexpr std::string_view kModels[] = {"j2-ultra", "j2-mid", "j2-light"};
  const std::string name = check.modelName();
  if (std::find(std::begin(kModels), std::end(kModels), name) != std::end(kModels)) return;
  check.modelNameError("An Unsupported AI21Labs model has been specified: '" + name +
                       "'. Please see documentation for supported models.");
}

}  // namespace gw::providers
