// Google PaLM API v1beta3: generateMessage / generateText / batchEmbedText.
// API reference: https://developers.generativeai.google/api/rest/generativelanguage
//
// As MLflow's `palm.py`: header `x-goog-api-key`, base
// https://generativelanguage.googleapis.com/v1beta3/models, nulls dropped,
// temperature ×0.5 (0–2 → PaLM's 0–1), MLflow's default `n: 1` sent as
// `candidateCount: 1`; other keys pass through.
//   chat → `{model}:generateMessage`: `stop`→`stopSequences`, `n`→`candidateCount`,
//     messages' `role` → `author`, top-level `examples`/`context` move into
//     `prompt`; any `max_tokens` (or `maxOutputTokens`) is MLflow's 422
//     "Max tokens is not supported for PaLM chat.". Reply role = the candidate's
//     `author` (e.g. "1"), as MLflow.
//   completions → `{model}:generateText`: `prompt` → `{"text": prompt}`,
//     `max_tokens`→`maxOutputTokens`. Reply text = `candidates[i].output`.
//   embeddings → `{model}:batchEmbedText`: `input`→`texts`. Reply `embeddings[i].value`.
// A provider-native name (`stopSequences`, `candidateCount`, `maxOutputTokens`,
// `texts`) is MLflow's 422 "Invalid parameter X. Use Y instead.".
// Deviation: a string `input` is sent as a one-element `texts` list (MLflow
// sends the bare string, which batchEmbedText rejects). Usage, id and
// finish_reason are null, as in MLflow.
#include "providers/dialects/palm.h"

#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

using vocab::RouteType;

constexpr Rule kChat[] = {
    rejectNative("stopSequences", "stop"), rejectNative("candidateCount", "n"),
    rename("stop", "stopSequences"),       rename("n", "candidateCount"),
    scale("temperature", 0.5),
};
constexpr Rule kCompletions[] = {
    rejectNative("stopSequences", "stop"), rejectNative("candidateCount", "n"),
    rejectNative("maxOutputTokens", "max_tokens"),
    rename("stop", "stopSequences"),       rename("n", "candidateCount"),
    rename("max_tokens", "maxOutputTokens"), scale("temperature", 0.5),
};
constexpr Rule kEmbeddings[] = {rejectNative("texts", "input"), rename("input", "texts")};
constexpr Rule kRole[] = {rename("role", "author")};

Outcome<Json> chatBody(Json payload) {
  if (payload.contains("max_tokens") || payload.contains("maxOutputTokens")) {
    return unprocessable("Max tokens is not supported for PaLM chat.", "max_tokens");
  }
  if (!payload.contains("n")) payload["n"] = 1;
  GW_TRY(Json body, appliedRules(std::move(payload), kChat));
  Json messages = takeMember(body, "messages");
  for (Json& m : messages) {
    if (m.is_object()) GW_CHECK(applyRules(m, kRole));
  }
  Json prompt = {{"messages", std::move(messages)}};
  for (const char* key : {"examples", "context"}) {
    if (body.contains(key)) prompt[key] = takeMember(body, key);
  }
  body["prompt"] = std::move(prompt);
  return body;
}

Outcome<Json> completionsBody(Json payload) {
  if (!payload.contains("n")) payload["n"] = 1;
  GW_TRY(Json body, appliedRules(std::move(payload), kCompletions));
  body["prompt"] = Json{{"text", body["prompt"]}};
  return body;
}

Outcome<Json> embeddingsBody(Json payload) {
  GW_TRY(Json body, appliedRules(std::move(payload), kEmbeddings));
  if (body["texts"].is_string()) body["texts"] = Json::array({body["texts"]});
  return body;
}

Outcome<Json> bodyFor(const TranslateContext& ctx, Json payload) {
  switch (ctx.type) {
    case RouteType::Chat: return chatBody(std::move(payload));
    case RouteType::Completions: return completionsBody(std::move(payload));
    case RouteType::Embeddings: return embeddingsBody(std::move(payload));
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

std::string_view methodFor(RouteType type) {
  switch (type) {
    case RouteType::Chat: return ":generateMessage";
    case RouteType::Completions: return ":generateText";
    case RouteType::Embeddings: return ":batchEmbedText";
  }
  return "";
}

Outcome<UpstreamPlan> buildPalmRequest(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(Json body, bodyFor(ctx, withoutNulls(unified)));
  UpstreamRequest request;
  request.url = joinUrl(baseUrlFor(ctx), ctx.endpoint.model.name + std::string(methodFor(ctx.type)));
  if (auto auth = authHeaderFor(ctx); !auth.first.empty()) request.headers.push_back(std::move(auth));
  request.headers.emplace_back("content-type", "application/json");
  request.body = dumpJson(body);
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

Outcome<const Json*> listOf(const Json& body, std::string_view key) {
  const Json* list = findMember(body, key);
  if (!list || !list->is_array()) {
    return makeError(ErrorCode::BadGateway,
                     "The PaLM response has no '" + std::string(key) + "' list.");
  }
  return list;
}

Json chatChoices(const Json& candidates) {
  Json choices = Json::array();
  for (size_t i = 0; i < candidates.size(); ++i) {
    Json choice = schema::chatChoice(i, memberOr(candidates[i], "content"), nullptr, nullptr);
    choice["message"]["role"] = memberOr(candidates[i], "author");
    choices.push_back(std::move(choice));
  }
  return choices;
}

Outcome<Json> parsePalmResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                std::string_view /*note*/) {
  const Json& body = bodies.front();
  Json model = ctx.endpoint.model.name;
  int64_t created = ctx.nowMs / 1000;
  if (ctx.type == RouteType::Embeddings) {
    GW_TRY(const Json* embeddings, listOf(body, "embeddings"));
    Json vectors = Json::array();
    for (const Json& e : *embeddings) vectors.push_back(memberOr(e, "value"));
    return schema::embeddingsResponse(vectors, model, schema::embeddingsUsageJson({}));
  }
  GW_TRY(const Json* candidates, listOf(body, "candidates"));
  if (ctx.type == RouteType::Chat) {
    return schema::chatResponse(nullptr, created, model, chatChoices(*candidates),
                                schema::usageJson({}), ctx.spec.id);
  }
  Json choices = Json::array();
  for (size_t i = 0; i < candidates->size(); ++i) {
    choices.push_back(Json{{"index", i}, {"text", memberOr((*candidates)[i], "output")},
                           {"finish_reason", nullptr}});
  }
  return schema::completionsResponse(nullptr, created, model, std::move(choices),
                                     schema::usageJson({}));
}

}  // namespace

const DialectOps& palmOps() {
  static constexpr DialectOps kOps{&buildPalmRequest, &parsePalmResponse, nullptr};
  return kOps;
}

}  // namespace gw::providers
