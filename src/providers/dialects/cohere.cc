// Cohere translator (v1 API, deprecated by MLflow in 3.5 but still served).
// API reference: https://docs.cohere.com/v1/reference/generate,
// https://docs.cohere.com/v1/reference/chat, https://docs.cohere.com/v1/reference/embed
// (streams: https://docs.cohere.com/v1/docs/streaming).
//
// Header `authorization: Bearer <key>`; every body carries `model`.
// As MLflow does: completions -> POST /generate with stop -> stop_sequences,
// n -> num_generations (the Cohere names sent directly -> 400 "Invalid
// parameter X. Use Y instead."); temperature x2.5 when non-zero (Cohere's 0..5
// scale; a G1 route's 0..1 value was doubled on the way in, so it is x5 there).
// Chat -> POST /chat: n must be 1 (422), stop -> 422, the last message must come
// from the user and becomes `message`, system messages joined with "\n" ->
// `preamble_override`, earlier user/assistant turns -> `chat_history` with roles
// USER/CHATBOT. Embeddings -> POST /embed with input -> texts (`texts` sent
// directly -> 422). Responses: chat id = response_id, usage from token_count;
// generations[i].text; embeddings[i]; model = the configured name, created =
// gateway time. Streams are NDJSON: stream-start skipped, text-generation ->
// content/text, stream-end -> finish_reason + usage (id = response id).
//
// Deliberate deviations from MLflow (nothing is dropped silently):
// * Chat roles other than system/user/assistant (e.g. tool) and assistant
//   tool_calls: MLflow drops them from the history; we reject them (422), and
//   `tools`/`tool_choice` too (MLflow forwards OpenAI-shaped tools Cohere v1
//   cannot read). `developer` is treated as system. List contents are joined
//   text parts (other part types -> 422).
// * finish_reason: MLflow returns null for non-streamed calls and Cohere's raw
//   value (e.g. "COMPLETE") in streams; we map both the same way: COMPLETE and
//   STOP_SEQUENCE -> "stop", MAX_TOKENS and ERROR_LIMIT -> "length",
//   ERROR_TOXIC -> "content_filter", others lower-cased; a stream ending with
//   finish_reason ERROR is a stream error.
// * Usage: MLflow reports null for /generate and /embed; we report
//   `meta.billed_units` (input/output tokens) when Cohere sends them, and the
//   chat usage falls back to them when `token_count` is absent. /generate keeps
//   its upstream `id` (MLflow: null).
// * A string `input` for embeddings is sent as a one-item `texts` list
//   (MLflow sends the bare string, which Cohere rejects); token-id input -> 422.
// * `max_completion_tokens` -> max_tokens; `stream_options` is not sent (Cohere
//   always reports usage in stream-end).
// * Streams: the first chunk carries role "assistant"; a completions stream-end
//   yields one final choice per generation; search/citation events of
//   Cohere-native connectors have no unified form and are skipped; a stream
//   that ends before stream-end is a stream error.
#include "providers/dialects/cohere.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {

using namespace params;  // NOLINT: the parameter-rule vocabulary

namespace {

using vocab::RouteType;
constexpr std::string_view kProvider = "Cohere";

// MLflow answers 400 (not 422) for Cohere's own names.
constexpr Rule kGenerateRules[] = {
    rejectNative("stop_sequences", "stop", ErrorCode::BadRequest),
    rejectNative("num_generations", "n", ErrorCode::BadRequest),
    rename("stop", "stop_sequences"),
    rename("n", "num_generations"),
};
constexpr Rule kTemperatureRules[] = {scale("temperature", 2.5)};
constexpr Rule kCommonRules[] = {kFoldMaxCompletionTokens};

// temperature x2.5, only when truthy (MLflow's `if temperature := ...`).
void scaleCohereTemperature(Json& body) {
  const Json* t = findMember(body, "temperature");
  if (t && t->is_number() && t->get<double>() != 0) (void)applyRules(body, kTemperatureRules);
}

Outcome<Json> generateBody(Json body) {
  GW_CHECK(applyRules(body, kGenerateRules));
  scaleCohereTemperature(body);
  return body;
}

Status addHistory(Json& body, const Json& messages) {
  std::string preamble;
  bool hasPreamble = false;
  Json history = Json::array();
  for (size_t i = 0; i + 1 < messages.size(); ++i) {
    const std::string where = at("messages", i);
    std::string role = stringMember(messages[i], "role");
    if (messages[i].contains("tool_calls") && !messages[i]["tool_calls"].is_null()) {
      return unprocessable("Tool calls (" + where + ".tool_calls) are not supported by the Cohere "
                           "provider.", where + ".tool_calls");
    }
    GW_TRY(std::string text, contentText(memberOr(messages[i], "content", ""), where + ".content", kProvider));
    if (role == "system" || role == "developer") {
      preamble += (hasPreamble ? "\n" : "") + text;
      hasPreamble = true;
    } else if (role == "user" || role == "assistant") {
      history.push_back(Json{{"role", role == "user" ? "USER" : "CHATBOT"}, {"message", text}});
    } else {
      return unprocessable("Message role '" + role + "' in " + where +
                               " is not supported by the Cohere provider.", where + ".role");
    }
  }
  if (hasPreamble) body["preamble_override"] = preamble;
  if (!history.empty()) body["chat_history"] = std::move(history);
  return Status{};
}

Outcome<Json> chatBody(Json body) {
  Json n = takeMember(body, "n");
  if (!n.is_null() && n != 1) {
    return unprocessable("Parameter n must be 1 for Cohere chat, got " + n.dump() + ".", "n");
  }
  if (body.contains("stop")) return unprocessable("Parameter stop is not supported for Cohere chat.", "stop");
  for (const char* key : {"tools", "tool_choice"}) {
    if (body.contains(key)) {
      return unprocessable(std::string("Parameter ") + key + " is not supported by the Cohere provider.", key);
    }
  }
  scaleCohereTemperature(body);
  Json messages = takeMember(body, "messages");
  const Json& last = messages.back();
  if (stringMember(last, "role") != "user") {
    return unprocessable("Last message must be from user, got " + stringMember(last, "role") + ".",
                         "messages");
  }
  GW_TRY(std::string message, contentText(memberOr(last, "content", ""),
                                          at("messages", messages.size() - 1) + ".content", kProvider));
  body["message"] = message;
  GW_CHECK(addHistory(body, messages));
  return body;
}

Outcome<Json> embedBody(Json body) {
  if (body.contains("texts")) return unprocessable("Invalid parameter texts. Use input instead.", "texts");
  Json input = takeMember(body, "input");
  if (input.is_string()) input = Json::array({input});
  for (const Json& text : input) {
    if (!text.is_string()) return unprocessable("Cohere embeddings take text input only, not token ids.", "input");
  }
  body["texts"] = std::move(input);
  return body;
}

Outcome<UpstreamPlan> buildCohereRequest(const TranslateContext& ctx, const Json& unified) {
  Json body = withoutNulls(unified);
  body.erase("stream_options");
  GW_CHECK(applyRules(body, kCommonRules));
  Outcome<Json> translated = ctx.type == RouteType::Chat          ? chatBody(std::move(body))
                             : ctx.type == RouteType::Completions ? generateBody(std::move(body))
                                                                  : embedBody(std::move(body));
  if (!translated) return translated.error();
  Json out = {{"model", ctx.endpoint.model.name}};
  out.update(*translated);
  std::string_view path = ctx.type == RouteType::Chat          ? ctx.spec.chatPath
                          : ctx.type == RouteType::Completions ? ctx.spec.completionsPath
                                                               : ctx.spec.embeddingsPath;
  return onePost(joinUrl(baseUrlFor(ctx), path), jsonHeaders(ctx), out,
                 ctx.stream ? StreamFraming::Ndjson : StreamFraming::None);
}

Json billedUsage(const Json& response, bool embeddings) {
  Json billed = memberOr(memberOr(response, "meta", Json::object()), "billed_units", Json::object());
  schema::Usage u;
  if (const Json* in = findMember(billed, "input_tokens"); in && in->is_number()) {
    u.promptTokens = in->get<int64_t>();
  }
  if (const Json* out = findMember(billed, "output_tokens"); out && out->is_number()) {
    u.completionTokens = out->get<int64_t>();
  }
  if (u.promptTokens) u.totalTokens = *u.promptTokens + u.completionTokens.value_or(0);
  return embeddings ? schema::embeddingsUsageJson(u) : schema::usageJson(u);
}

Json parseGenerate(const TranslateContext& ctx, const Json& response) {
  Json choices = Json::array();
  Json generations = memberOr(response, "generations", Json::array());
  for (size_t i = 0; i < generations.size(); ++i) {
    choices.push_back(Json{{"index", i}, {"text", memberOr(generations[i], "text", "")},
                           {"finish_reason", cohere::finishReason(memberOr(generations[i], "finish_reason", nullptr))}});
  }
  return schema::completionsResponse(memberOr(response, "id", nullptr), nowSeconds(ctx),
                                     ctx.endpoint.model.name, std::move(choices),
                                     billedUsage(response, false));
}

Json parseChat(const TranslateContext& ctx, const Json& response) {
  Json choice = schema::chatChoice(0, memberOr(response, "text", nullptr), nullptr,
                                   cohere::finishReason(memberOr(response, "finish_reason", nullptr)));
  return schema::chatResponse(memberOr(response, "response_id", nullptr), nowSeconds(ctx),
                              ctx.endpoint.model.name, Json::array({std::move(choice)}),
                              cohere::usage(response), ctx.spec.id);
}

Json parseEmbed(const TranslateContext& ctx, const Json& response) {
  Json vectors = memberOr(response, "embeddings", Json::array());
  if (vectors.is_object()) vectors = memberOr(vectors, "float", Json::array());  // embedding_types
  return schema::embeddingsResponse(vectors, ctx.endpoint.model.name, billedUsage(response, true));
}

Outcome<Json> parseCohereResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                  std::string_view /*note*/) {
  GW_TRY(const Json* body, upstreamObject(bodies, kProvider));
  switch (ctx.type) {
    case RouteType::Chat: return parseChat(ctx, *body);
    case RouteType::Completions: return parseGenerate(ctx, *body);
    case RouteType::Embeddings: return parseEmbed(ctx, *body);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

}  // namespace

namespace cohere {

Json finishReason(const Json& reason) {
  if (!reason.is_string()) return nullptr;
  std::string r = reason.get<std::string>();
  if (r == "COMPLETE" || r == "STOP_SEQUENCE") return "stop";
  if (r == "MAX_TOKENS" || r == "ERROR_LIMIT") return "length";
  if (r == "ERROR_TOXIC") return "content_filter";
  return lowerAscii(r);
}

Json usage(const Json& response) {
  const Json* count = findMember(response, "token_count");
  if (!count || !count->is_object()) return billedUsage(response, false);
  return Json{{"prompt_tokens", memberOr(*count, "prompt_tokens", nullptr)},
              {"completion_tokens", memberOr(*count, "response_tokens", nullptr)},
              {"total_tokens", memberOr(*count, "total_tokens", nullptr)}};
}

}  // namespace cohere

const DialectOps& cohereOps() {
  static constexpr DialectOps kOps{&buildCohereRequest, &parseCohereResponse, &cohere::openStream};
  return kOps;
}

}  // namespace gw::providers
