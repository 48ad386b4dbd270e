// Gemini's native lane (MLflow 3's /gateway/gemini/{v1beta|v1}/models/{endpoint}:{call}):
// a Gemini client's generateContent, streamGenerateContent or countTokens body goes to
// a Gemini endpoint as it came. The body names no model (the path does), so not a
// byte of it changes: thought signatures, safety settings, cached content, tools and
// fields the gateway has never heard of all survive.
//
//   URL      {base}/{endpoint's model}:generateContent | :streamGenerateContent?alt=sse |
//            :countTokens (whatever the client's query said, a stream is always SSE)
//   headers  the endpoint's `x-goog-api-key` and content type; nothing of the client's
//            (its `x-goog-api-key` is its gateway key, `x-goog-api-client` its SDK)
//   answer   status, content type and bytes untouched (+ `retry-after`); a stream is
//            relayed byte for byte and must end with a chunk whose candidate has a
//            `finishReason` (or Gemini's own `error`), else it gets Google's error
//            object as a last `data:` frame.
#include <string>

#include "clients/gemini/errors.h"
#include "providers/dialects/gemini.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers {
namespace {

bool takesGenerateContent(const TranslateContext& ctx) { return ctx.type == vocab::RouteType::Chat; }

Outcome<UpstreamPlan> buildNativeCall(const TranslateContext& ctx, const NativeRequest& in) {
  std::string url = joinUrl(baseUrlFor(ctx), ctx.endpoint.model.name);
  if (in.countTokens) url += ":countTokens";
  else url += ctx.stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  UpstreamPlan plan;
  UpstreamRequest& request = plan.requests.emplace_back();
  request.url = std::move(url);
  request.headers = jsonHeaders(ctx);
  request.body = std::string(in.body);
  request.framing = ctx.stream ? StreamFraming::Sse : StreamFraming::None;
  return plan;
}

bool forwardsGeminiHeader(std::string_view name) { return name == "retry-after"; }

// The last chunk of a Gemini stream: a candidate with its finishReason, or an error.
bool endsGeminiStream(const stream::Event& event) {
  Outcome<JsonTape> chunk = JsonTape::scan(event.data);
  if (!chunk) return false;
  if (chunk->root().find("error").present()) return true;
  for (JsonRef candidate : chunk->root().find("candidates").elements()) {
    if (candidate.find("finishReason").isString()) return true;
  }
  return false;
}

std::string geminiFailureFrame(const Status& status) {
  return clients::gemini::errorFrame(status.status(), status.message);
}

constexpr NativeLane kLanes[] = {{.dialect = schema::Surface::Gemini,
                                  .takes = &takesGenerateContent,
                                  .buildRequest = &buildNativeCall,
                                  .forwardsResponseHeader = &forwardsGeminiHeader,
                                  .lastStreamEvent = "final chunk (a candidate with finishReason)",
                                  .endsStream = &endsGeminiStream,
                                  .failureFrame = &geminiFailureFrame}};

}  // namespace

std::span<const NativeLane> gemini::nativeLanes() { return kLanes; }

}  // namespace gw::providers
