// Hugging Face Text Generation Inference: `POST {hf_server_url}/generate`.
// API reference: https://huggingface.github.io/text-generation-inference/#/Text%20Generation%20Inference/generate
//
// As MLflow's `huggingface.py` (completions only): no auth header; body
// `{"inputs": prompt, "parameters": {...}}` with nulls dropped, `max_tokens` →
// `max_new_tokens` (sending `max_new_tokens` is MLflow's 422), temperature →
// `max(50·t, 1e-3)` (TGI's 0–100 scale, no zero), and `details: true`,
// `decoder_input_details: true` added so the reply carries token counts; every
// other key passes into `parameters`. MLflow 2.5–2.8 (`candidates`) clients get
// MLflow 2.8's `max(t, 1e-3)` on their 0–1 temperature. `n` other than 1 is MLflow's 422.
// Response: `generated_text`, finish_reason = `details.finish_reason`,
// prompt_tokens = len(`details.prefill`), completion_tokens =
// `details.generated_tokens`; id null; model = the configured name.
// Deviation: a reply without `details` gives null usage/finish_reason (MLflow
// fails with a 500 KeyError).
#include "providers/dialects/tgi.h"

#include <algorithm>

#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

constexpr Rule kRules[] = {rejectNative("max_new_tokens", "max_tokens"),
                           rename("max_tokens", "max_new_tokens")};

Outcome<Json> tgiBody(const TranslateContext& ctx, Json payload) {
  GW_CHECK(applyRules(payload, kRules));
  Json n = takeMember(payload, "n");
  if (!n.is_null() && requestedCount(Json{{"n", n}}) != 1) {
    // MLflow's text, missing space included.
    return unprocessable("'n' must be '1' for the Text Generation Inference provider.Received "
                         "value: '" + pythonStr(n) + "'.", "n");
  }
  Json prompt = takeMember(payload, "prompt");
  Json parameters = std::move(payload);
  if (const Json* t = findMember(parameters, "temperature"); t && t->is_number()) {
    double scale = ctx.candidates ? 0.5 : 50.0;  // 2.5–2.8: max(t, 1e-3) on their 0–1 scale
    parameters["temperature"] = std::max(scale * t->get<double>(), 1e-3);
  }
  parameters["details"] = true;
  parameters["decoder_input_details"] = true;
  return Json{{"inputs", std::move(prompt)}, {"parameters", std::move(parameters)}};
}

Outcome<UpstreamPlan> buildTgiRequest(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(Json body, tgiBody(ctx, withoutNulls(unified)));
  UpstreamRequest request;
  request.url = joinUrl(baseUrlFor(ctx), ctx.spec.completionsPath);
  request.headers.emplace_back("content-type", "application/json");
  request.body = dumpJson(body);
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

Outcome<Json> parseTgiResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                               std::string_view /*note*/) {
  const Json& body = bodies.front();
  const Json* text = findMember(body, "generated_text");
  if (!text) {
    return makeError(ErrorCode::BadGateway,
                     "The Text Generation Inference response has no 'generated_text'.");
  }
  const Json* details = findMember(body, "details");
  const Json* reason = details ? findMember(*details, "finish_reason") : nullptr;
  const Json* prefill = details ? findMember(*details, "prefill") : nullptr;
  const Json* generated = details ? findMember(*details, "generated_tokens") : nullptr;
  schema::Usage usage;
  if (prefill && prefill->is_array()) usage.promptTokens = static_cast<int64_t>(prefill->size());
  if (generated && generated->is_number_integer()) usage.completionTokens = generated->get<int64_t>();
  if (usage.promptTokens && usage.completionTokens) {
    usage.totalTokens = *usage.promptTokens + *usage.completionTokens;
  }
  Json choices = Json::array({Json{{"index", 0}, {"text", *text},
                                   {"finish_reason", reason ? *reason : Json(nullptr)}}});
  return schema::completionsResponse(nullptr, ctx.nowMs / 1000, ctx.endpoint.model.name,
                                     std::move(choices), schema::usageJson(usage));
}

}  // namespace

const DialectOps& tgiOps() {
  static constexpr DialectOps kOps{&buildTgiRequest, &parseTgiResponse, nullptr};
  return kOps;
}

}  // namespace gw::providers
