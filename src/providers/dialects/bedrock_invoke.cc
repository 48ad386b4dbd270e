// Amazon Bedrock InvokeModel: completions adapters and Titan embeddings.
// API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
// Model bodies: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html
//
// Completions (MLflow's `exclude_defaults` payload: nulls, `n: 1` and a 2.5–2.8
// client's default temperature 0 are not sent; `stream: false` is consumed), by
// model-id substring (amazon, cohere, ai21, anthropic — first match; else MLflow's
// 422 "Unknown Amazon Bedrock model type None"):
//   anthropic: the Anthropic text-completions body without `model`: `top_p` is
//     MLflow's 422, `max_tokens` (default 8192, > 1000000 is MLflow's 422) ->
//     `max_tokens_to_sample` capped at 8191, `stop` -> `stop_sequences` plus
//     "\n\nHuman:", prompt wrapped in "\n\nHuman: ... \n\nAssistant:", temperature
//     ×0.5, `anthropic_version: bedrock-2023-05-31`. Reply `completion`,
//     finish_reason stop (stop_sequence) / length.
//   amazon (Titan): `n` ≠ 1 is MLflow's 422; {"inputText", "textGenerationConfig":
//     {temperature ×0.5, max_tokens -> maxTokenCount, stop -> stopSequences,
//     top_p -> topP, other keys as given}}. Reply `results[i].outputText`.
//   ai21: `stop` -> stopSequences, `n` -> numResults, `max_tokens` -> maxTokens;
//     a 2.5–2.8 client's temperature in its 0–1 units. Reply `completions[i].data.text`.
//   cohere: MLflow's CohereAdapter: a native name (`stop_sequences`,
//     `num_generations`) is a 400, temperature ×2.5 when non-zero, `stop` ->
//     stop_sequences, `n` -> num_generations. Reply `generations[i].text`.
// Deviations: Titan's `top_p` is sent as `topP` (MLflow sends `top_p`, which Titan
// rejects); the Titan reply maps completionReason (FINISH -> stop, LENGTH ->
// length, CONTENT_FILTERED -> content_filter) and token counts, and AI21's reply
// `finishReason.reason`, where MLflow returns nulls.
// Titan embeddings: bedrock_embeddings.cc.
#include <algorithm>

#include "providers/dialects/bedrock.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::bedrock {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

constexpr int64_t kAnthropicDefaultMaxTokens = 8192;
constexpr int64_t kAnthropicMaxTokensLimit = 1000000;
constexpr int64_t kBedrockAnthropicMaxTokens = 8191;
constexpr Rule kAnthropicRules[] = {rename("max_tokens", "max_tokens_to_sample"),
                                    rename("stop", "stop_sequences"), scale("temperature", 0.5)};
constexpr Rule kTitanRules[] = {scale("temperature", 0.5), rename("max_tokens", "maxTokenCount"),
                                rename("stop", "stopSequences"), rename("top_p", "topP")};
constexpr Rule kAI21Rules[] = {rename("stop", "stopSequences"), rename("n", "numResults"),
                               rename("max_tokens", "maxTokens")};
// MLflow's check_keys_against_mapping answers 400.
constexpr Rule kCohereRules[] = {
    rejectNative("stop_sequences", "stop", ErrorCode::BadRequest),
    rejectNative("num_generations", "n", ErrorCode::BadRequest),
    rename("stop", "stop_sequences"), rename("n", "num_generations"),
};
constexpr Rule kCohereTemperature[] = {scale("temperature", 2.5)};

Status countMustBeOne(const Json& p, const std::string& who) {
  if (requestedCount(p) == 1) return Status{};
  return unprocessable("'n' must be '1' for " + who + ". Received value: '" +
                           pythonStr(p["n"]) + "'.", "n");
}

std::string anthropicPrompt(std::string prompt) {
  if (prompt.starts_with("Human: ")) prompt = "\n\n" + prompt;
  if (!prompt.starts_with("\n\nHuman: ")) prompt = "\n\nHuman: " + prompt;
  if (!prompt.ends_with("\n\nAssistant:")) prompt += "\n\nAssistant:";
  return prompt;
}

Outcome<Json> anthropicBody(Json p) {
  if (p.contains("top_p")) {
    return unprocessable("Cannot set both 'temperature' and 'top_p' parameters. Please use only "
                         "the temperature parameter for your query.", "top_p");
  }
  const Json* max = findMember(p, "max_tokens");
  int64_t maxTokens = max && max->is_number() ? max->get<int64_t>() : kAnthropicDefaultMaxTokens;
  if (maxTokens > kAnthropicMaxTokensLimit) {
    return unprocessable("Invalid value for max_tokens: cannot exceed " +
                             std::to_string(kAnthropicMaxTokensLimit) + ".", "max_tokens");
  }
  GW_CHECK(countMustBeOne(p, "the Anthropic provider"));
  p.erase("n");
  p["max_tokens"] = std::min(maxTokens, kBedrockAnthropicMaxTokens);
  GW_TRY(Json body, appliedRules(std::move(p), kAnthropicRules));
  if (body["prompt"].is_string()) body["prompt"] = anthropicPrompt(body["prompt"].get<std::string>());
  Json& stops = body["stop_sequences"];
  if (!stops.is_array()) stops = Json::array();
  if (std::find(stops.begin(), stops.end(), Json("\n\nHuman:")) == stops.end()) {
    stops.push_back("\n\nHuman:");
  }
  body["anthropic_version"] = "bedrock-2023-05-31";
  return body;
}

Outcome<Json> titanBody(Json p) {
  GW_CHECK(countMustBeOne(p, "AWS Titan models"));
  p.erase("n");
  Json prompt = takeMember(p, "prompt");
  GW_CHECK(applyRules(p, kTitanRules));
  return Json{{"inputText", std::move(prompt)}, {"textGenerationConfig", std::move(p)}};
}

Outcome<Json> cohereBody(Json p) {
  GW_CHECK(applyRules(p, kCohereRules));
  if (const Json* t = findMember(p, "temperature"); t && t->is_number() && t->get<double>() != 0) {
    GW_CHECK(applyRules(p, kCohereTemperature));
  }
  return p;
}

// MLflow's `jsonable_encoder(exclude_none=True, exclude_defaults=True)`.
Json invokePayload(const TranslateContext& ctx, const Json& unified) {
  Json p = withoutNulls(unified);
  p.erase("stream");
  p.erase("stream_options");
  if (requestedCount(p) == 1) p.erase("n");
  const Json* t = findMember(p, "temperature");
  if (ctx.candidates && t && t->is_number() && t->get<double>() == 0) p.erase("temperature");
  return p;
}

Json completionChoices(const Json* list, auto&& textOf, auto&& finishOf) {
  Json choices = Json::array();
  for (size_t i = 0; list && list->is_array() && i < list->size(); ++i) {
    const Json& c = (*list)[i];
    choices.push_back(Json{{"index", i}, {"text", textOf(c)}, {"finish_reason", finishOf(c)}});
  }
  return choices;
}

Json titanFinish(const Json& result) {
  std::string reason = memberOr(result, "completionReason").is_string()
                           ? result["completionReason"].get<std::string>() : "";
  if (reason == "FINISH") return "stop";
  if (reason == "LENGTH") return "length";
  if (reason == "CONTENT_FILTERED") return "content_filter";
  return nullptr;
}

schema::Usage titanUsage(const Json& reply) {
  schema::Usage usage;
  if (const Json* in = findMember(reply, "inputTextTokenCount"); in && in->is_number_integer()) {
    usage.promptTokens = in->get<int64_t>();
  }
  int64_t out = 0;
  bool counted = false;
  if (const Json* results = findMember(reply, "results"); results && results->is_array()) {
    for (const Json& r : *results) {
      if (const Json* n = findMember(r, "tokenCount"); n && n->is_number_integer()) {
        out += n->get<int64_t>();
        counted = true;
      }
    }
  }
  if (counted) usage.completionTokens = out;
  if (usage.promptTokens && usage.completionTokens) {
    usage.totalTokens = *usage.promptTokens + *usage.completionTokens;
  }
  return usage;
}

Json textAt(const Json& c, std::string_view key) { return memberOr(c, key); }

}  // namespace

Outcome<Json> invokeRequest(const TranslateContext& ctx, Family family, const Json& unified) {
  Json p = invokePayload(ctx, unified);
  switch (family) {
    case Family::Anthropic: return anthropicBody(std::move(p));
    case Family::Titan: return titanBody(std::move(p));
    case Family::AI21:
      toCandidatesUnits(ctx, p);
      return appliedRules(std::move(p), kAI21Rules);
    case Family::Cohere: return cohereBody(std::move(p));
  }
  return makeError(ErrorCode::Internal, "unknown Bedrock model family");
}

Outcome<Json> invokeResponse(const TranslateContext& ctx, Family family, const Json& reply) {
  auto none = [](const Json&) { return Json(nullptr); };
  Json choices;
  schema::Usage usage;
  switch (family) {
    case Family::Anthropic: {
      bool stopped = memberOr(reply, "stop_reason") == "stop_sequence";
      choices = Json::array({Json{{"index", 0}, {"text", memberOr(reply, "completion")},
                                  {"finish_reason", stopped ? "stop" : "length"}}});
      break;
    }
    case Family::Titan:
      choices = completionChoices(findMember(reply, "results"),
                                  [](const Json& c) { return textAt(c, "outputText"); }, titanFinish);
      usage = titanUsage(reply);
      break;
    case Family::AI21:
      choices = completionChoices(
          findMember(reply, "completions"),
          [](const Json& c) { return textAt(memberOr(c, "data"), "text"); },
          [](const Json& c) { return textAt(memberOr(c, "finishReason"), "reason"); });
      break;
    case Family::Cohere:
      choices = completionChoices(findMember(reply, "generations"),
                                  [](const Json& c) { return textAt(c, "text"); }, none);
      break;
  }
  return schema::completionsResponse(nullptr, ctx.nowMs / 1000, ctx.endpoint.model.name,
                                     std::move(choices), schema::usageJson(usage));
}

}  // namespace gw::providers::bedrock
