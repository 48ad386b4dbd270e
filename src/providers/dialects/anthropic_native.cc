// Anthropic's native lane: a Messages (or count_tokens) body from an Anthropic
// client goes to Anthropic as the client wrote it, but for `model`, so fields the
// gateway does not model (cache_control, thinking, citations, beta features) survive.
//
// Headers: the endpoint's `x-api-key`; the client's `anthropic-version` (the body
// was written for it), else the config's `anthropic_version`, else 2023-06-01; every
// other `anthropic-*` header of the client (`anthropic-beta`, ...) verbatim. The
// client's own credentials (`x-api-key`, `authorization`) are never forwarded.
#include <string>

#include "providers/dialects/anthropic.h"

namespace gw::providers {
namespace {

bool takesMessages(const TranslateContext& ctx) { return ctx.type == vocab::RouteType::Chat; }

Headers nativeHeaders(const TranslateContext& ctx, const Headers& client) {
  std::string version = configString(ctx.endpoint, "anthropic_version", "2023-06-01");
  Headers headers;
  headers.emplace_back("x-api-key", configString(ctx.endpoint, "anthropic_api_key"));
  for (const auto& [name, value] : client) {
    if (name == "anthropic-version") version = value;
    else if (name.starts_with("anthropic-")) headers.emplace_back(name, value);
  }
  headers.emplace_back("anthropic-version", std::move(version));
  headers.emplace_back("content-type", "application/json");
  return headers;
}

Outcome<UpstreamPlan> buildNativeMessages(const TranslateContext& ctx, const NativeRequest& in) {
  UpstreamPlan plan;
  UpstreamRequest& request = plan.requests.emplace_back();
  std::string_view path = in.countTokens ? "messages/count_tokens" : ctx.spec.chatPath;
  request.url = joinUrl(baseUrlFor(ctx), path);
  request.headers = nativeHeaders(ctx, in.headers);
  request.body = withModel(in.body, in.model, ctx.endpoint.model.name);
  request.framing = ctx.stream ? StreamFraming::Sse : StreamFraming::None;
  return plan;
}

// What Anthropic clients read from a response: the request id (for support), the
// retry hints the SDKs obey, and the rate-limit state Claude Code shows.
bool forwardsAnthropicHeader(std::string_view name) {
  return name == "request-id" || name == "retry-after" || name == "x-should-retry" ||
         name.starts_with("anthropic-ratelimit-");
}

constexpr NativeLane kLanes[] = {{.dialect = schema::Surface::Anthropic,
                                  .takes = &takesMessages,
                                  .buildRequest = &buildNativeMessages,
                                  .forwardsResponseHeader = &forwardsAnthropicHeader,
                                  .lastStreamEvent = "message_stop",
                                  .errorStreamEvent = "error"}};

}  // namespace

std::span<const NativeLane> anthropic::nativeLanes() { return kLanes; }

}  // namespace gw::providers
