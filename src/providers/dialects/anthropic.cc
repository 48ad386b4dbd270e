// Anthropic translator.
// API reference: https://docs.anthropic.com/en/api/messages (chat),
// https://docs.anthropic.com/en/api/complete (legacy completions),
// https://docs.anthropic.com/en/api/messages-streaming (stream events).
//
// Headers: `x-api-key`, `anthropic-version` (config `anthropic_version`,
// default 2023-06-01). Chat -> POST {base}/messages, completions -> POST
// {base}/complete, embeddings -> 501 (from the provider table).
//
// As MLflow does: `model` = the configured name; `stop` -> `stop_sequences`;
// `temperature` x0.5 (unified 0..2 -> Anthropic 0..1; a G1 route's 0..1 value
// was doubled on the way in, so it reaches Anthropic unchanged); `top_p` with
// `temperature` (chat) or any `top_p` (completions) -> MLflow's 422; `max_tokens`
// defaults to 8192 (`max_completion_tokens` when only that is given), > 1e6 ->
// 422; `n` != 1 -> 422 (not forwarded); system messages joined with "\n" into
// `system`; assistant `tool_calls` -> `tool_use` blocks (arguments parsed);
// `tool` messages -> user `tool_result` blocks; tools -> {name, description,
// input_schema}; tool_choice none/auto/required/function -> none/auto/any/tool;
// response_format json_schema -> `output_config.format` with
// `additionalProperties: false` added on object schemas; the completions prompt
// wrapped in "\n\nHuman: ...\n\nAssistant:". Responses: text blocks joined,
// `tool_use` -> tool_calls with Python-`json.dumps` arguments, usage counts cache
// reads/creations as prompt tokens (+ `prompt_tokens_details.cached_tokens`,
// `cache_creation_input_tokens`), `created` = gateway time.
//
// Deliberate deviations from MLflow (nothing is dropped silently):
// * Roles other than system/user/assistant/tool: MLflow discards them; we map
//   `developer` to system and reject any other role with a 422 naming it.
// * An assistant message with both text and tool_calls keeps its text as a
//   text block before the tool_use blocks (MLflow replaces the text).
// * OpenAI `image_url` parts become Anthropic image blocks (base64 for data:
//   URLs, url source otherwise); `detail` has no Anthropic equivalent and is
//   not sent. Other unknown part types -> 422 (MLflow forwards them verbatim).
// * `parallel_tool_calls: false` -> `tool_choice.disable_parallel_tool_use`
//   (MLflow forwards the key, which Anthropic rejects); `response_format`
//   `text` is Anthropic's default and needs no key; `json_object` -> 422; an
//   object schema that allows additional properties -> 422 (MLflow silently
//   sends no structured output); `stream_options` is not sent (Anthropic
//   always reports stream usage).
// * `n` 422 text shows the value (MLflow's chat message prints a literal '{n}').
// * finish_reason: `tool_use` -> "tool_calls", `refusal` -> "content_filter",
//   `model_context_window_exceeded` -> "length" (MLflow maps all but
//   `max_tokens` to "stop").
// * Legacy completions keep the upstream `id` (MLflow returns null).
// * Streams: choice index is always 0 and tool calls are numbered 0, 1, ...
//   (MLflow uses Anthropic's content-block index for both); the first chunk
//   carries role "assistant"; one final chunk carries finish_reason and the same
//   usage as the non-streamed call; an `error` event or a stream that ends
//   before `message_stop` becomes a stream error (never a silent truncation).
// * Thinking blocks/deltas (only present when the caller opts in with
//   Anthropic's `thinking` parameter) have no place in the unified schema and
//   are not returned; this is the one documented omission.
#include "providers/dialects/anthropic.h"

#include "providers/dialects/python_json.h"
#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {

namespace {

using vocab::RouteType;

Headers anthropicHeaders(const TranslateContext& ctx) {
  Headers headers;
  headers.emplace_back("x-api-key", configString(ctx.endpoint, "anthropic_api_key"));
  headers.emplace_back("anthropic-version",
                       configString(ctx.endpoint, "anthropic_version", "2023-06-01"));
  headers.emplace_back("content-type", "application/json");
  return headers;
}

Outcome<UpstreamPlan> buildAnthropicRequest(const TranslateContext& ctx, const Json& unified) {
  const std::string base = baseUrlFor(ctx);
  if (ctx.type == RouteType::Chat) {
    GW_TRY(Json body, anthropic::messagesBody(ctx, unified));
    return onePost(joinUrl(base, ctx.spec.chatPath), anthropicHeaders(ctx), body,
                   ctx.stream ? StreamFraming::Sse : StreamFraming::None);
  }
  if (ctx.type == RouteType::Completions) {
    GW_TRY(Json body, anthropic::completeBody(ctx, unified));
    return onePost(joinUrl(base, ctx.spec.completionsPath), anthropicHeaders(ctx), body);
  }
  return notImplemented(ctx.spec, ctx.type, ctx.stream);
}

// count_tokens takes a Messages body without max_tokens, stream or sampling settings.
Outcome<UpstreamPlan> buildAnthropicCount(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(Json body, anthropic::messagesBody(ctx, unified));
  for (const char* key : {"max_tokens", "stream", "temperature", "top_p", "top_k", "stop_sequences",
                          "metadata", "service_tier"}) {
    body.erase(key);
  }
  return onePost(joinUrl(baseUrlFor(ctx), std::string(ctx.spec.chatPath) + "/count_tokens"),
                 anthropicHeaders(ctx), body);
}

Outcome<int64_t> readAnthropicCount(const Json& answer) {
  const Json* count = findMember(answer, "input_tokens");
  if (count && count->is_number_integer()) return count->get<int64_t>();
  return makeError(ErrorCode::BadGateway, "Anthropic's count_tokens answer has no input_tokens.");
}

Outcome<Json> parseAnthropicResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                     std::string_view /*note*/) {
  GW_TRY(const Json* body, upstreamObject(bodies, "Anthropic"));
  if (ctx.type == RouteType::Chat) return anthropic::chatResponse(ctx, *body);
  return anthropic::completionsResponse(ctx, *body);
}

std::optional<int64_t> intMember(const Json& obj, std::string_view key) {
  const Json* v = findMember(obj, key);
  if (v && v->is_number_integer()) return v->get<int64_t>();
  return std::nullopt;
}

}  // namespace

namespace anthropic {

Json finishReason(const Json& stopReason) {
  if (stopReason == "max_tokens" || stopReason == "model_context_window_exceeded") return "length";
  if (stopReason == "tool_use") return "tool_calls";
  if (stopReason == "refusal") return "content_filter";
  return "stop";
}

Json usage(const Json& u) {
  std::optional<int64_t> input = intMember(u, "input_tokens");
  std::optional<int64_t> output = intMember(u, "output_tokens");
  std::optional<int64_t> cacheRead = intMember(u, "cache_read_input_tokens");
  std::optional<int64_t> cacheWrite = intMember(u, "cache_creation_input_tokens");
  schema::Usage out;
  if (input) out.promptTokens = *input + cacheRead.value_or(0) + cacheWrite.value_or(0);
  out.completionTokens = output;
  if (out.promptTokens && output) out.totalTokens = *out.promptTokens + *output;
  Json json = schema::usageJson(out);
  if (cacheRead) json["prompt_tokens_details"] = Json{{"cached_tokens", *cacheRead}};
  if (cacheWrite) json["cache_creation_input_tokens"] = *cacheWrite;
  return json;
}

Json chatResponse(const TranslateContext& ctx, const Json& message) {
  std::string text;
  bool hasText = false;
  Json toolCalls = Json::array();
  for (const Json& block : memberOr(message, "content", Json::array())) {
    std::string type = stringMember(block, "type");
    if (type == "text") {
      text += stringMember(block, "text");
      hasText = true;
    } else if (type == "tool_use") {
      toolCalls.push_back(toolCallJson(memberOr(block, "id", nullptr),
                                       memberOr(block, "name", nullptr),
                                       pythonJsonDumps(memberOr(block, "input", Json::object()))));
    }
  }
  Json choice = schema::chatChoice(0, hasText ? Json(text) : Json(nullptr),
                                   toolCalls.empty() ? Json(nullptr) : toolCalls,
                                   finishReason(memberOr(message, "stop_reason", nullptr)));
  return schema::chatResponse(memberOr(message, "id", nullptr), nowSeconds(ctx),
                              memberOr(message, "model", ctx.endpoint.model.name),
                              Json::array({std::move(choice)}),
                              usage(memberOr(message, "usage", Json::object())), ctx.spec.id);
}

Json completionsResponse(const TranslateContext& ctx, const Json& completion) {
  Json finish = memberOr(completion, "stop_reason", nullptr) == "stop_sequence" ? "stop" : "length";
  Json choice = {{"index", 0},
                 {"text", memberOr(completion, "completion", "")},
                 {"finish_reason", std::move(finish)}};
  return schema::completionsResponse(memberOr(completion, "id", nullptr), nowSeconds(ctx),
                                     memberOr(completion, "model", ctx.endpoint.model.name),
                                     Json::array({std::move(choice)}),
                                     schema::usageJson(schema::Usage{}));
}

}  // namespace anthropic

const DialectOps& anthropicOps() {
  static const TokenCounter kCounter{.buildRequest = &buildAnthropicCount,
                                     .readCount = &readAnthropicCount};
  static const DialectOps kOps{.buildRequest = &buildAnthropicRequest,
                               .parseResponse = &parseAnthropicResponse,
                               .openStream = &anthropic::openStream,
                               .nativeLanes = anthropic::nativeLanes(),
                               .tokenCounter = &kCounter};
  return kOps;
}

}  // namespace gw::providers
