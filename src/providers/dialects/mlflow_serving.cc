// MLflow Model Serving: `POST {model_server_url}/invocations`.
// API reference: https://mlflow.org/docs/latest/deployment/deploy-model-locally
//
// As MLflow's `mlflow.py`: no auth header; body `{"inputs": [value],
// "params": {every other non-null field}}` (`params` omitted when empty;
// MLflow's default `n: 1` is among them for chat and completions).
//   completions: inputs = [prompt]
//   chat: exactly one message (else MLflow's 422 "MLflow chat models are only
//         capable of processing a single query at a time. ..."); inputs = [its content]
//   embeddings: inputs = the input list (a string becomes a one-element list)
// MLflow 2.5–2.8 (`candidates`) clients get MLflow 2.8's params: temperature in
// 0–1 and `candidate_count` instead of `n`.
// Response: `predictions` must be a non-empty list of strings, or a dict holding
// one list (any key) or a `choices` list (text routes); a non-empty list of
// numbers or of non-empty number lists (embeddings). Anything else is a 502 (as
// MLflow's pydantic validation). Replies are assistant messages / texts with null
// finish_reason, usage and id; model = the configured name.
// Deviations: the 502 texts are ours (MLflow prints pydantic's validation
// report); integer embedding values are accepted (MLflow's StrictFloat rejects them).
#include "providers/dialects/mlflow_serving.h"

#include <algorithm>

#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

using vocab::RouteType;

constexpr std::string_view kInputKey[] = {"prompt", "messages", "input"};  // by RouteType

Outcome<Json> servingBody(const TranslateContext& ctx, Json payload) {
  if (ctx.type != RouteType::Embeddings && !payload.contains("n")) payload["n"] = 1;
  toCandidatesUnits(ctx, payload, "candidate_count");
  Json input = takeMember(payload, kInputKey[static_cast<int>(ctx.type)]);
  Json inputs = input.is_array() ? std::move(input) : Json::array({std::move(input)});
  if (ctx.type == RouteType::Chat) {
    if (inputs.size() > 1) {
      return unprocessable("MLflow chat models are only capable of processing a single query at "
                           "a time. The request submitted consists of " +
                               std::to_string(inputs.size()) + " queries.",
                           "messages");
    }
    const Json* content = findMember(inputs[0], "content");
    inputs = Json::array({content ? *content : Json(nullptr)});
  }
  Json body = {{"inputs", std::move(inputs)}};
  if (!payload.empty()) body["params"] = std::move(payload);
  return body;
}

Outcome<UpstreamPlan> buildServingRequest(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(Json body, servingBody(ctx, withoutNulls(unified)));
  UpstreamRequest request;
  request.url = joinUrl(baseUrlFor(ctx), ctx.spec.chatPath);
  request.headers.emplace_back("content-type", "application/json");
  request.body = dumpJson(body);
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

Status badShape(const std::string& why) {
  return makeError(ErrorCode::BadGateway,
                   "The MLflow model server returned an unexpected response: " + why);
}

// MLflow's ServingTextResponse validator.
Outcome<Json> textPredictions(const Json& predictions) {
  Json list = predictions;
  if (predictions.is_object()) {
    if (!predictions.contains("choices") && predictions.size() > 1) {
      return badShape("The dict format is invalid for this route type. Ensure the served model "
                      "returns a dict key containing 'choices'");
    }
    list = predictions.size() == 1 ? predictions.begin().value() : predictions["choices"];
  }
  if (!list.is_array() || list.empty()) {
    return badShape("'predictions' must be a non-empty list of strings.");
  }
  for (const Json& p : list) {
    if (!p.is_string()) return badShape("'predictions' must be a non-empty list of strings.");
  }
  return list;
}

bool isNumberList(const Json& v) {
  return v.is_array() && !v.empty() &&
         std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_number() && !x.is_boolean(); });
}

// MLflow's EmbeddingsResponse validator: list[float] -> [list], or list[list[float]].
Outcome<Json> embeddingPredictions(const Json& predictions) {
  if (isNumberList(predictions)) return Json::array({predictions});
  bool ok = predictions.is_array() && !predictions.empty() &&
            std::all_of(predictions.begin(), predictions.end(), isNumberList);
  if (!ok) {
    return badShape("'predictions' must be a non-empty list of numbers or of non-empty number "
                    "lists.");
  }
  return predictions;
}

Json textChoices(const TranslateContext& ctx, const Json& texts) {
  Json choices = Json::array();
  for (size_t i = 0; i < texts.size(); ++i) {
    if (ctx.type == RouteType::Chat) {
      choices.push_back(schema::chatChoice(i, texts[i], nullptr, nullptr));
    } else {
      choices.push_back(Json{{"index", i}, {"text", texts[i]}, {"finish_reason", nullptr}});
    }
  }
  return choices;
}

Outcome<Json> parseServingResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                   std::string_view /*note*/) {
  const Json* predictions = findMember(bodies.front(), "predictions");
  if (!predictions) {
    Status s = makeError(ErrorCode::BadGateway,
                         "The response is missing the required key: predictions.");
    return s;
  }
  Json model = ctx.endpoint.model.name;
  if (ctx.type == RouteType::Embeddings) {
    GW_TRY(Json vectors, embeddingPredictions(*predictions));
    return schema::embeddingsResponse(vectors, model, schema::embeddingsUsageJson({}));
  }
  GW_TRY(Json texts, textPredictions(*predictions));
  int64_t created = ctx.nowMs / 1000;
  if (ctx.type == RouteType::Chat) {
    return schema::chatResponse(nullptr, created, model, textChoices(ctx, texts),
                                schema::usageJson({}), ctx.spec.id);
  }
  return schema::completionsResponse(nullptr, created, model, textChoices(ctx, texts),
                                     schema::usageJson({}));
}

}  // namespace

const DialectOps& mlflowServingOps() {
  static constexpr DialectOps kOps{&buildServingRequest, &parseServingResponse, nullptr};
  return kOps;
}

}  // namespace gw::providers
