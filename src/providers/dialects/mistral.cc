// Mistral translator.
// API reference: https://docs.mistral.ai/api/ (chat completions, embeddings;
// streams are OpenAI-style SSE chunks ending with `data: [DONE]`, the last
// chunk carrying usage).
//
// Header `authorization: Bearer <key>`. As MLflow does: chat -> POST
// {base}/chat/completions with `{"model", ...unified}` (n defaults to 1, as
// MLflow's payload always carried it; tools, tool_choice, tool results and
// response_format are OpenAI-shaped and pass through); the response is copied
// (id, created, upstream model, choices with tool_calls, usage). Completions ->
// POST {base}/chat/completions with `messages: [{"role": "user", "content":
// prompt}]`, temperature x0.5 and no `n` (MLflow's `completions_to_model` pops
// it: the body never carries `n`); text = choices[i].message.content, model =
// the configured name. Embeddings -> POST {base}/embeddings with
// `{"model", ...unified}`; indices from the response, model = the configured
// name. Chat streams use the OpenAI stream translator (openai_stream.cc).
//
// Deliberate deviations from MLflow (nothing is dropped silently):
// * Completions: MLflow silently drops `stop`; Mistral's chat API takes it, so
//   we forward it. MLflow also drops `n`: we send no `n` either (absent or 1
//   changes nothing), but `n` other than 1 is a 422 naming `n` rather than one
//   choice where several were asked for.
// * `max_completion_tokens` -> `max_tokens` (Mistral's name); `stream_options`
//   is not sent (Mistral always reports usage in the last chunk).
// * Completions keep the upstream `id` and `created` (MLflow: null id, gateway
//   time). Tool-call arguments sent back as objects are serialised with Python
//   `json.dumps`, so every tool call carries a string.
// * Streams: the chunks carry the upstream model and id; a stream that ends
//   without [DONE] (or without finish_reason and usage) is a stream error.
// * Tool-call ids: Mistral refuses any id that is not exactly 9 characters of
//   [A-Za-z0-9] ("Tool call id was toolu_01 but must be a-z, A-Z, 0-9, with a length
//   of 9"), and replayed turns carry other providers' ids (`call_...`, `toolu_...`,
//   Gemini's generated `call_1_0`). Such an id becomes 9 base-62 digits of its 64-bit
//   FNV-1a hash, in an assistant turn's `tool_calls` and in the tool message that
//   answers it alike, so the pair still matches and the same id maps the same way on
//   every turn. Mistral's own ids pass unchanged.
#include "providers/dialects/mistral.h"

#include "core/fnv1a.h"

#include "providers/openai_shaped.h"
#include "providers/openai_stream.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers {

using namespace params;  // NOLINT: the parameter-rule vocabulary

namespace {

using vocab::RouteType;

constexpr Rule kCommonRules[] = {kFoldMaxCompletionTokens};
constexpr Rule kCompletionsRules[] = {scale("temperature", 0.5)};

Outcome<Json> completionsBody(Json body) {
  if (Json n = takeMember(body, "n"); requestedCount(Json{{"n", n}}) != 1) {
    return unprocessable("The Mistral completions route returns one choice; 'n' must be 1, not " +
                             pythonStr(n) + ".", "n");
  }
  body["messages"] = Json::array({Json{{"role", "user"}, {"content", takeMember(body, "prompt")}}});
  GW_CHECK(applyRules(body, kCompletionsRules));
  return body;
}

bool mistralToolId(const std::string& id) {
  if (id.size() != 9) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// A stable 9-character [A-Za-z0-9] id for an id Mistral would refuse.
std::string mistralIdFor(const std::string& id) {
  if (mistralToolId(id)) return id;
  static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint64_t h = fnv1a64(id);
  std::string out(9, '0');
  for (char& c : out) {
    c = kDigits[h % 62];
    h /= 62;
  }
  return out;
}

void mapToolIds(Json& body) {
  Json* messages = body.contains("messages") ? &body["messages"] : nullptr;
  if (!messages || !messages->is_array()) return;
  for (Json& message : *messages) {
    if (Json* id = message.is_object() && message.contains("tool_call_id") ? &message["tool_call_id"] : nullptr;
        id && id->is_string()) {
      *id = mistralIdFor(id->get<std::string>());
    }
    if (!message.is_object() || !message.contains("tool_calls") || !message["tool_calls"].is_array()) continue;
    for (Json& call : message["tool_calls"]) {
      if (call.is_object() && call.contains("id") && call["id"].is_string()) {
        call["id"] = mistralIdFor(call["id"].get<std::string>());
      }
    }
  }
}

Outcome<UpstreamPlan> buildMistralRequest(const TranslateContext& ctx, const Json& unified) {
  Json body = withoutNulls(unified);
  if (ctx.type == RouteType::Chat) mapToolIds(body);
  body.erase("stream_options");
  GW_CHECK(applyRules(body, kCommonRules));
  if (ctx.type == RouteType::Chat && !body.contains("n")) body["n"] = 1;
  if (ctx.type == RouteType::Completions) {
    GW_TRY(body, completionsBody(std::move(body)));
  }
  Json out = {{"model", ctx.endpoint.model.name}};
  out.update(body);
  std::string_view path = ctx.type == RouteType::Embeddings ? ctx.spec.embeddingsPath : ctx.spec.chatPath;
  return onePost(joinUrl(baseUrlFor(ctx), path), jsonHeaders(ctx), out,
                 ctx.stream ? StreamFraming::Sse : StreamFraming::None);
}

Outcome<Json> parseMistralResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                   std::string_view /*note*/) {
  GW_TRY(const Json* body, upstreamObject(bodies, "Mistral"));
  switch (ctx.type) {
    case RouteType::Chat: return shaped::chatResponse(ctx, *body, shaped::ModelName::Upstream);
    case RouteType::Completions: return shaped::completionsFromChat(ctx, *body);
    case RouteType::Embeddings: return shaped::embeddingsResponse(ctx, *body);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

}  // namespace

const DialectOps& mistralOps() {
  static constexpr DialectOps kOps{&buildMistralRequest, &parseMistralResponse, &openOpenAIStream};
  return kOps;
}

}  // namespace gw::providers
