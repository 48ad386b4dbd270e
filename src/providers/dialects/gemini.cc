// Gemini translator.
// API reference: https://ai.google.dev/api/generate-content (generateContent,
// streamGenerateContent), https://ai.google.dev/api/embeddings (embedContent,
// batchEmbedContents).
//
// Header `x-goog-api-key`. URLs: {base}/{model}:generateContent, streams
// {base}/{model}:streamGenerateContent?alt=sse, embeddings {base}/{model}:embedContent
// (one input) or :batchEmbedContents (several; each request names
// "models/{model}").
//
// As MLflow does: user -> "user", assistant -> "model" with `parts: [{text}]`;
// assistant tool_calls -> `functionCall {id, name, args}`; tool messages ->
// user `functionResponse {id, name (looked up from the earlier call), response}`;
// system messages -> `system_instruction.parts`; generationConfig from
// temperature (unchanged), stop -> stopSequences, n -> candidateCount (chat:
// always sent, 1 when `n` is absent, as MLflow's chat schema defaults n to 1),
// max_tokens (or max_completion_tokens) -> maxOutputTokens, top_k -> topK,
// top_p -> topP, frequency/presence_penalty -> frequencyPenalty/presencePenalty;
// the Gemini names sent directly -> 422 "Invalid parameter X. Use Y instead.";
// top_p > 1 -> 422; tools -> `functionDeclarations` with `parametersJsonSchema`;
// response_format json_schema -> responseMimeType + responseJsonSchema;
// completions = one user turn (+ `system_prompt` as system instruction).
// Responses: finishReason MAX_TOKENS -> "length", absent -> "stop", others
// lower-cased; functionCall -> tool_calls with Python-`json.dumps` arguments;
// usage from usageMetadata (+ cachedContentTokenCount as cached tokens); id
// "gemini-chat-<unix>" ("gemini-chat-stream-<unix>" in streams), model = the
// configured name, created = gateway time. Embedding vectors from
// `embeddings[i].values` / `embedding.values`, usage null.
//
// Deliberate deviations from MLflow (nothing is dropped silently):
// * MLflow builds the body from the keys above only and silently drops every
//   other request key. We translate `seed` (generationConfig.seed),
//   `tool_choice` (toolConfig.functionCallingConfig: none/auto/required/function
//   -> NONE/AUTO/ANY/ANY+allowedFunctionNames), response_format `json_object`
//   (responseMimeType) and `text` (default), `parallel_tool_calls: true`
//   (Gemini's default), `stream`/`stream_options` (URL / usage always
//   reported); forward the Gemini-native `safetySettings` and `cachedContent`;
//   and reject anything else with a 422 naming the parameter. Embeddings
//   translate `dimensions` -> outputDimensionality, `task_type` -> taskType,
//   `title`, `encoding_format: "float"`; other keys and token-id input -> 422.
// * Roles other than system/user/assistant/tool: MLflow ignores them; we map
//   `developer` to the system instruction and reject the rest (422). A tool
//   result for an unknown tool_call_id is a 422 (MLflow: KeyError -> 500); a
//   tool result that is not a JSON object is wrapped as {"content": value}
//   (MLflow: JSONDecodeError -> 500). Consecutive tool results share one user
//   turn, as Gemini requires for parallel calls.
// * Assistant text next to tool_calls is kept as a text part (MLflow drops it);
//   list contents are translated part by part (text; image_url data: URLs ->
//   inlineData; other image URLs and part types -> 422).
// * Responses: every text part is joined (MLflow reads only the first part);
//   thought parts (present only with includeThoughts) are not returned; a
//   candidate without text or calls is kept with null content (MLflow drops
//   it); a blocked prompt without candidates yields one choice with
//   finish_reason "content_filter"; a candidate that calls functions finishes
//   with "tool_calls" (MLflow: "stop"); thoughtsTokenCount is reported as
//   `completion_tokens_details.reasoning_tokens`.
// * Synthesized tool-call ids are "call_" + 32 hex digits of FNV-1a over
//   name/arguments (MLflow: MD5; no hand-written crypto here; ids are opaque).
// * Streams: tool calls are numbered 0, 1, ... per choice (MLflow: always 0);
//   finish_reason uses the mapping above (MLflow streams the raw upstream
//   value); usage rides on the chunk that carries the finish_reason; the
//   completions chunk object is "text_completion_chunk" like every provider's
//   (MLflow's Gemini uses "text_completion.chunk"); a stream that ends without a
//   finishReason is a stream error.
#include "providers/dialects/gemini.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/ascii.h"
#include "providers/dialects/python_json.h"
#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {

namespace {

using vocab::RouteType;

std::string withQuery(std::string url, std::string_view param) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  return url.append(param);
}

Outcome<UpstreamPlan> buildGeminiRequest(const TranslateContext& ctx, const Json& unified) {
  const std::string& model = ctx.endpoint.model.name;
  const std::string base = baseUrlFor(ctx);
  if (ctx.type == RouteType::Embeddings) {
    GW_TRY(Json body, gemini::embeddingsBody(model, unified));
    std::string method = body.contains("requests") ? ":batchEmbedContents" : ":embedContent";
    return onePost(joinUrl(base, model + method), jsonHeaders(ctx), body);
  }
  Outcome<Json> body = ctx.type == RouteType::Chat ? gemini::chatBody(unified)
                                                   : gemini::completionsBody(unified);
  if (!body) return body.error();
  if (!ctx.stream) return onePost(joinUrl(base, model + ":generateContent"), jsonHeaders(ctx), *body);
  return onePost(withQuery(joinUrl(base, model + ":streamGenerateContent"), "alt=sse"),
                 jsonHeaders(ctx), *body, StreamFraming::Sse);
}

// countTokens takes a whole request as `generateContentRequest`, which names its model.
Outcome<UpstreamPlan> buildGeminiCount(const TranslateContext& ctx, const Json& unified) {
  const std::string& model = ctx.endpoint.model.name;
  GW_TRY(Json body, gemini::chatBody(unified));
  Json request{{"model", model.find('/') == std::string::npos ? "models/" + model : model}};
  body.erase("generationConfig");  // sampling and output settings do not change the count
  for (auto it = body.begin(); it != body.end(); ++it) request[it.key()] = std::move(it.value());
  return onePost(joinUrl(baseUrlFor(ctx), model + ":countTokens"), jsonHeaders(ctx),
                 Json{{"generateContentRequest", std::move(request)}});
}

Outcome<int64_t> readGeminiCount(const Json& answer) {
  const Json* total = findMember(answer, "totalTokens");
  if (total && total->is_number_integer()) return total->get<int64_t>();
  return makeError(ErrorCode::BadGateway, "Gemini's countTokens answer has no totalTokens.");
}

Outcome<Json> parseGeminiResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                  std::string_view /*note*/) {
  GW_TRY(const Json* body, upstreamObject(bodies, "Gemini"));
  switch (ctx.type) {
    case RouteType::Chat: return gemini::chatResponse(ctx, *body);
    case RouteType::Completions: return gemini::completionsResponse(ctx, *body);
    case RouteType::Embeddings: return gemini::embeddingsResponse(ctx, *body);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

// Two FNV-1a-64 passes with different offsets: 32 hex digits, deterministic.
std::string syntheticCallId(const std::string& text) {
  uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
  for (unsigned char c : text) {
    a = (a ^ c) * 0x100000001b3ull;
    b = (b ^ c) * 0x100000001b3ull;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "call_%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

Json candidatesOf(const Json& response) { return memberOr(response, "candidates", Json::array()); }

Json partsOf(const Json& candidate) {
  return memberOr(memberOr(candidate, "content", Json::object()), "parts", Json::array());
}

size_t indexOf(const Json& candidate, size_t position) {
  const Json* i = findMember(candidate, "index");
  return i && i->is_number_unsigned() ? i->get<size_t>() : position;
}

// A prompt blocked before generation: no candidates, promptFeedback.blockReason.
bool promptBlocked(const Json& response) {
  return candidatesOf(response).empty() &&
         findMember(memberOr(response, "promptFeedback", Json::object()), "blockReason");
}

}  // namespace

namespace gemini {

Json finishReason(const Json& reason, bool calledTools) {
  if (reason.is_null()) return nullptr;
  if (calledTools && reason == "STOP") return "tool_calls";
  if (reason == "MAX_TOKENS") return "length";
  return lowerAscii(reason.is_string() ? reason.get_ref<const std::string&>() : "stop");
}

Json usage(const Json& metadata) {
  const auto count = [&](std::string_view key) { return memberOr(metadata, key, nullptr); };
  Json out = {{"prompt_tokens", count("promptTokenCount")},
              {"completion_tokens", count("candidatesTokenCount")},
              {"total_tokens", count("totalTokenCount")}};
  if (Json cached = count("cachedContentTokenCount"); !cached.is_null()) {
    out["prompt_tokens_details"] = Json{{"cached_tokens", cached}};
  }
  if (Json thoughts = count("thoughtsTokenCount"); !thoughts.is_null()) {
    out["completion_tokens_details"] = Json{{"reasoning_tokens", thoughts}};
  }
  return out;
}

Json toolCalls(const Json& parts) {
  Json calls = Json::array();
  for (const Json& part : parts) {
    const Json* call = findMember(part, "functionCall");
    if (!call) continue;
    Json name = memberOr(*call, "name", "");
    std::string arguments = pythonJsonDumps(memberOr(*call, "args", Json::object()));
    Json id = memberOr(*call, "id", nullptr);
    if (id.is_null()) id = syntheticCallId(stringMember(*call, "name") + "/" + arguments);
    calls.push_back(toolCallJson(std::move(id), std::move(name), std::move(arguments)));
  }
  return calls;
}

Json partsText(const Json& parts) {
  std::string text;
  bool any = false;
  for (const Json& part : parts) {
    const Json* t = findMember(part, "text");
    if (!t || !t->is_string() || memberOr(part, "thought", false) == true) continue;
    text += t->get<std::string>();
    any = true;
  }
  return any ? Json(text) : Json(nullptr);
}

Json chatResponse(const TranslateContext& ctx, const Json& response) {
  Json choices = Json::array();
  Json candidates = candidatesOf(response);
  for (size_t i = 0; i < candidates.size(); ++i) {
    Json parts = partsOf(candidates[i]);
    Json calls = toolCalls(parts);
    Json reason = finishReason(memberOr(candidates[i], "finishReason", "STOP"), !calls.empty());
    choices.push_back(schema::chatChoice(indexOf(candidates[i], i), partsText(parts),
                                         calls.empty() ? Json(nullptr) : calls, reason));
  }
  if (promptBlocked(response)) choices.push_back(schema::chatChoice(0, nullptr, nullptr, "content_filter"));
  int64_t now = nowSeconds(ctx);
  return schema::chatResponse("gemini-chat-" + std::to_string(now), now, ctx.endpoint.model.name,
                              std::move(choices), usage(memberOr(response, "usageMetadata", Json::object())),
                              ctx.spec.id);
}

Json completionsResponse(const TranslateContext& ctx, const Json& response) {
  Json choices = Json::array();
  Json candidates = candidatesOf(response);
  for (size_t i = 0; i < candidates.size(); ++i) {
    Json text = partsText(partsOf(candidates[i]));
    choices.push_back(Json{{"index", indexOf(candidates[i], i)},
                           {"text", text.is_null() ? Json("") : text},
                           {"finish_reason", finishReason(memberOr(candidates[i], "finishReason", "STOP"), false)}});
  }
  if (promptBlocked(response)) {
    choices.push_back(Json{{"index", 0}, {"text", ""}, {"finish_reason", "content_filter"}});
  }
  Json u = usage(memberOr(response, "usageMetadata", Json::object()));
  return schema::completionsResponse(nullptr, nowSeconds(ctx), ctx.endpoint.model.name,
                                     std::move(choices), schema::usageJson(schema::readUsage(&u)));
}

Json embeddingsResponse(const TranslateContext& ctx, const Json& response) {
  Json list = memberOr(response, "embeddings", nullptr);
  if (!list.is_array()) list = Json::array({memberOr(response, "embedding", Json::object())});
  Json vectors = Json::array();
  for (const Json& e : list) vectors.push_back(memberOr(e, "values", Json::array()));
  return schema::embeddingsResponse(vectors, ctx.endpoint.model.name,
                                    schema::embeddingsUsageJson(schema::Usage{}));
}

}  // namespace gemini

const DialectOps& geminiOps() {
  static const TokenCounter kCounter{.buildRequest = &buildGeminiCount, .readCount = &readGeminiCount};
  static const DialectOps kOps{.buildRequest = &buildGeminiRequest,
                               .parseResponse = &parseGeminiResponse,
                               .openStream = &gemini::openStream,
                               .nativeLanes = gemini::nativeLanes(),
                               .tokenCounter = &kCounter};
  return kOps;
}

}  // namespace gw::providers
