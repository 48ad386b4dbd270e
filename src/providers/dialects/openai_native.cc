// OpenAI's Responses native lane: a `/v1/responses` body from an OpenAI client goes to
// OpenAI's own API as the client wrote it, but for `model`, so every field survives —
// stored responses (`store`, `previous_response_id`, `item_reference`), built-in tools,
// reasoning with `encrypted_content`, fields the gateway has never heard of — and the
// answer and its events come back byte for byte. Only the `openai` row with
// `openai_api_type: openai` has the Responses API; Azure and the OpenAI-compatible rows
// are reached by translation.
//
// Headers: the endpoint's credentials (authorization, openai-organization), the
// client's `openai-beta`; never the client's own key (its gateway key).
#include <string>

#include "providers/openai.h"
#include "stream/framing.h"

namespace gw::providers {
namespace {

bool takesResponses(const TranslateContext& ctx) { return isOpenAIItself(ctx) && ctx.type == vocab::RouteType::Chat; }

Outcome<UpstreamPlan> buildNativeResponses(const TranslateContext& ctx, const NativeRequest& in) {
  GW_TRY(Headers headers, openAICredentials(ctx));
  for (const auto& [name, value] : in.headers) {
    if (name == "openai-beta") headers.emplace_back(name, value);
  }
  headers.emplace_back("content-type", "application/json");
  UpstreamPlan plan;
  UpstreamRequest& request = plan.requests.emplace_back();
  request.url = joinUrl(baseUrlFor(ctx), in.countTokens ? "responses/input_tokens" : "responses");
  request.headers = std::move(headers);
  request.body = withModel(in.body, in.model, ctx.endpoint.model.name);
  request.framing = ctx.stream ? vocab::StreamFraming::Sse : vocab::StreamFraming::None;
  return plan;
}

// What OpenAI clients read from a response: request ids, retry hints, rate-limit state.
bool forwardsOpenAIHeader(std::string_view name) {
  return name == "x-request-id" || name == "retry-after" || name == "retry-after-ms" || name == "x-should-retry" ||
         name == "openai-processing-ms" || name == "openai-version" || name.starts_with("x-ratelimit-");
}

bool endsResponsesStream(const stream::Event& event) {
  return event.name == "response.completed" || event.name == "response.incomplete" ||
         event.name == "response.failed" || event.name == "error";
}

// A relayed stream cut short: OpenAI's `error` event (its nested form, which carries no
// sequence number the gateway could only guess), which the SDKs raise as an APIError.
std::string responsesFailure(const Status& status) {
  Json data{{"type", "error"},
            {"error", Json{{"type", "server_error"}, {"code", "server_error"},
                           {"message", status.message.empty() ? "The upstream stream failed." : status.message},
                           {"param", nullptr}}}};
  return "event: error\ndata: " + dumpJson(data) + "\n\n";
}

constexpr NativeLane kLanes[] = {{.dialect = schema::Surface::Responses,
                                  .takes = &takesResponses,
                                  .buildRequest = &buildNativeResponses,
                                  .forwardsResponseHeader = &forwardsOpenAIHeader,
                                  .lastStreamEvent = "response.completed",
                                  .errorStreamEvent = "error",
                                  .endsStream = &endsResponsesStream,
                                  .failureFrame = &responsesFailure}};

}  // namespace

std::span<const NativeLane> openAINativeLanes() { return kLanes; }

}  // namespace gw::providers
