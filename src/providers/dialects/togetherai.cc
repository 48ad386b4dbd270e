// TogetherAI translator.
// API reference: https://docs.together.ai/reference/completions-1,
// https://docs.together.ai/reference/chat-completions-1,
// https://docs.together.ai/reference/embeddings-2 (streams: OpenAI-style SSE
// chunks ending with `data: [DONE]`, the last chunk carrying usage).
//
// Header `authorization: Bearer <key>`. As MLflow does: completions -> POST
// {base}/completions and chat -> POST {base}/chat/completions with
// `{"model", ...unified}` (n defaults to 1, as MLflow's payload always carried
// it); completions need `max_tokens` (MLflow's 422 text, missing space
// included); `logprobs`/`top_logprobs` must be integers (MLflow's 422s) and
// `top_logprobs` is sent as `logprobs`; responses keep id and created, report
// the configured model, chat messages have role "assistant". Embeddings -> POST
// {base}/embeddings. Streams use the OpenAI stream translator (openai_stream.cc).
//
// Deliberate deviations from MLflow (nothing is dropped silently):
// * finish_reason: MLflow returns null for chat and completions; we return
//   TogetherAI's value. Chat tool_calls (TogetherAI is OpenAI-compatible) are
//   returned, normalised (MLflow drops them).
// * Embeddings send `model` (MLflow omits it, which TogetherAI rejects) and
//   report TogetherAI's usage when present.
// * Booleans are refused for `logprobs`/`top_logprobs` (Python's isinstance
//   lets True through as an int).
// * `max_completion_tokens` -> `max_tokens`; `stream_options` is not sent
//   (TogetherAI always reports usage in the last chunk).
// * A `model` key in the request body is refused on /endpoints and /gateway and
//   names the endpoint on /v1, as for every provider (MLflow lets it override
//   the configured model for TogetherAI only).
// * Streams: chunks carry the upstream model; content comes from
//   `delta.content` (MLflow reads `choices[i].text`, the same text).
#include "providers/dialects/togetherai.h"

#include "providers/openai_shaped.h"
#include "providers/openai_stream.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers {

using namespace params;  // NOLINT: the parameter-rule vocabulary

namespace {

using vocab::RouteType;

bool isInteger(const Json& v) { return v.is_number_integer(); }

constexpr Rule kCommonRules[] = {kFoldMaxCompletionTokens};
constexpr Rule kLogprobsRules[] = {rename("top_logprobs", "logprobs")};

Status checkLogprobs(Json& body) {
  if (body.contains("logprobs") && !isInteger(body["logprobs"])) {
    return unprocessable("Wrong type for logprobs. It should be an 32bit integer.", "logprobs");
  }
  if (body.contains("top_logprobs") && !isInteger(body["top_logprobs"])) {
    return unprocessable("Wrong type for top_logprobs. It should a 32bit integer.", "top_logprobs");
  }
  return applyRules(body, kLogprobsRules);
}

Outcome<UpstreamPlan> buildTogetherRequest(const TranslateContext& ctx, const Json& unified) {
  Json body = withoutNulls(unified);
  body.erase("stream_options");
  GW_CHECK(applyRules(body, kCommonRules));
  if (ctx.type == RouteType::Completions) {
    const Json* maxTokens = findMember(body, "max_tokens");
    if (!maxTokens || *maxTokens == 0) {
      return unprocessable("max_tokens is not present in payload.It is a required parameter for "
                           "TogetherAI completions.", "max_tokens");
    }
  }
  if (ctx.type != RouteType::Embeddings) {
    GW_CHECK(checkLogprobs(body));
    if (!body.contains("n")) body["n"] = 1;
  }
  Json out = {{"model", ctx.endpoint.model.name}};
  out.update(body);
  std::string_view path = ctx.type == RouteType::Chat          ? ctx.spec.chatPath
                          : ctx.type == RouteType::Completions ? ctx.spec.completionsPath
                                                               : ctx.spec.embeddingsPath;
  return onePost(joinUrl(baseUrlFor(ctx), path), jsonHeaders(ctx), out,
                 ctx.stream ? StreamFraming::Sse : StreamFraming::None);
}

Outcome<Json> parseTogetherResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                    std::string_view /*note*/) {
  GW_TRY(const Json* body, upstreamObject(bodies, "TogetherAI"));
  switch (ctx.type) {
    case RouteType::Chat: return shaped::chatResponse(ctx, *body, shaped::ModelName::Configured);
    case RouteType::Completions: return shaped::completionsResponse(ctx, *body);
    case RouteType::Embeddings: return shaped::embeddingsResponse(ctx, *body);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

}  // namespace

const DialectOps& togetherAIOps() {
  static constexpr DialectOps kOps{&buildTogetherRequest, &parseTogetherResponse, &openOpenAIStream};
  return kOps;
}

}  // namespace gw::providers
