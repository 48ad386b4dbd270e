#pragma once
// MLflow 3's raw proxy, `/gateway/proxy/{endpoint}/{path...}` (what MLflow documents
// for coding agents: ANTHROPIC_BASE_URL=.../gateway/proxy/{endpoint},
// openai_base_url=.../gateway/proxy/{endpoint}/v1). Any method, path, query and body
// go to the endpoint's provider as they came, with the endpoint's credentials in place
// of the client's; the answer comes back as it is (a 2xx body relayed as it arrives,
// streamed or not: Call::relay). Gateway keys, route permissions, rate limits, traffic
// split, retries on the same endpoint and the breaker apply; fallbacks to other
// endpoints do not (a raw body is only meaningful to its own provider).
#include <string>
#include <string_view>

#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "gateway/router.h"

namespace gw::gateway {

/// The Call relaying the request, or an MLflow-style error reply.
Step planProxy(const Gateway& gateway, const PathMatch& match, const HttpRequest& request,
               const RequestContext& ctx, const Attempt* resume, const config::GatewayKey* caller);

/// The client's answer to a relayed response: its status, its headers but the
/// hop-by-hop and framing ones, and its body (empty: the head of a relayed 2xx).
Reply relayReply(const vocab::UpstreamResponse& response);

/// The upstream URL for a proxied `tail` (and raw `query`) under `base`: the longest
/// end of the base's path that the tail starts with is not repeated, so
/// ("https://api.anthropic.com/v1", "v1/messages") -> "https://api.anthropic.com/v1/messages".
std::string proxyUrl(std::string_view base, std::string_view tail, std::string_view query);

}  // namespace gw::gateway
