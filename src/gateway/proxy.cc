#include "gateway/proxy.h"

#include <array>

#include "gateway/admission.h"
#include "gateway/failover.h"
#include "gateway/reply.h"
#include "providers/provider.h"

namespace gw::gateway {
namespace {

// Client headers that never go upstream: hop-by-hop and framing headers (the host's
// transport sets its own), the client's credentials (the endpoint's replace them),
// cookies, the client's network identity and the gateway's own headers.
bool staysBehind(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kDropped = {
      "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te",
      "trailer", "upgrade", "proxy-authorization", "proxy-connection", "authorization",
      "x-api-key", "api-key", "x-goog-api-key", "cookie", "accept-encoding", "forwarded"};
  for (std::string_view dropped : kDropped) {
    if (name == dropped) return true;
  }
  return name.starts_with("x-forwarded-") || name.starts_with("cf-") || name == "cdn-loop" ||
         name == "x-real-ip" || name.starts_with("x-gateway-");
}

// Upstream response headers the client does not get: hop-by-hop and framing (the
// host frames the relayed body itself; its transport has already decoded it) and cookies.
bool notRelayed(std::string_view name) {
  return name == "content-length" || name == "content-encoding" || name == "transfer-encoding" ||
         name == "connection" || name == "keep-alive" || name == "set-cookie" || name == "alt-svc";
}

Step failed(const Status& status) { return replyStep(errorReply(status, ErrorStyle::Mlflow)); }

// The endpoint named, or the destination a traffic route draws.
Outcome<std::string> proxiedEndpoint(const config::Config& cfg, const std::string& name,
                                     const RequestContext& ctx) {
  if (cfg.findEndpoint(name)) return name;
  if (const config::TrafficRoute* route = cfg.findRoute(name)) {
    if (const config::Destination* d = drawDestination(*route, ctx)) return d->name;
  }
  return makeError(ErrorCode::NotFound, "The endpoint '" + name + "' is not present or active on "
                                        "the server. Please verify the endpoint name.");
}

Outcome<Attempt> proxyAttempt(const Gateway& gw, const PathMatch& match, const RequestContext& ctx) {
  GW_TRY(std::string endpoint, proxiedEndpoint(gw.config(), match.name, ctx));
  Attempt a;
  a.route = match.name;
  a.lane = Lane::Proxy;
  a.type = gw.config().findEndpoint(endpoint)->type;
  a.primary = a.endpoint = endpoint;
  return a;
}

Outcome<vocab::UpstreamRequest> relayedRequest(const Gateway& gw, const Attempt& attempt,
                                               const PathMatch& match, const HttpRequest& request,
                                               const RequestContext& ctx) {
  const vocab::Endpoint& endpoint = *gw.config().findEndpoint(attempt.endpoint);
  const providers::ProviderSpec* spec = providers::findProvider(endpoint.model.provider);
  if (spec == nullptr || spec->answeredByCore || !providers::opsOf(*spec)) {
    return makeError(ErrorCode::NotImplemented, "The endpoint '" + endpoint.name +
                                                    "' has no upstream provider to proxy to.");
  }
  providers::TranslateContext tctx{endpoint, *spec, attempt.type, false, ctx.nowMs};
  GW_TRY(Headers credentials, providers::credentialHeadersFor(*spec, tctx));
  vocab::UpstreamRequest up;
  up.method = std::string(request.method);
  up.url = proxyUrl(providers::baseUrlFor(tctx), match.tail, match.query);
  for (const auto& [name, value] : request.headers) {
    if (!staysBehind(name)) up.headers.emplace_back(name, value);
  }
  for (auto& header : credentials) up.headers.push_back(std::move(header));
  up.body = std::string(request.body);
  return up;
}

}  // namespace

std::string proxyUrl(std::string_view base, std::string_view tail, std::string_view query) {
  std::string_view baseQuery;
  if (size_t q = base.find('?'); q != std::string_view::npos) {
    baseQuery = base.substr(q + 1);
    base = base.substr(0, q);
  }
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  size_t scheme = base.find("://");
  size_t pathStart = base.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  std::string_view path = pathStart == std::string_view::npos ? "" : base.substr(pathStart);
  // Drop the longest end of the base path ("/v1", "/anthropic/v1" ...) that the tail repeats.
  for (size_t cut = 0; cut < path.size(); cut = path.find('/', cut + 1)) {
    std::string_view end = path.substr(cut + 1);  // without its leading '/'
    if (tail.starts_with(end) && (tail.size() == end.size() || tail[end.size()] == '/')) {
      base.remove_suffix(end.size() + 1);
      break;
    }
    if (path.find('/', cut + 1) == std::string_view::npos) break;
  }
  std::string url(base);
  if (!tail.empty()) url.append("/").append(tail);
  std::string joined(baseQuery);
  if (!query.empty()) joined.append(joined.empty() ? "" : "&").append(query);
  if (!joined.empty()) url.append("?").append(joined);
  return url;
}

Step planProxy(const Gateway& gw, const PathMatch& match, const HttpRequest& request,
               const RequestContext& ctx, const Attempt* resume, const config::GatewayKey* caller) {
  Outcome<Attempt> attempt = resume ? Outcome<Attempt>(*resume) : proxyAttempt(gw, match, ctx);
  if (!attempt) return failed(attempt.error());
  if (Status denied = checkRoutePermission(caller, attempt->route); !denied.ok()) return failed(denied);
  Outcome<vocab::UpstreamRequest> up = relayedRequest(gw, *attempt, match, request, ctx);
  if (!up) return failed(up.error());
  providers::UpstreamPlan plan;
  plan.requests.push_back(up.take());
  Step step = callStep(*gw.config().findEndpoint(attempt->endpoint), *attempt, std::move(plan));
  step.call.stream = true;  // the transport hands over a 2xx body as it arrives
  step.call.relay = true;
  return withAdmission(gw, *attempt, std::move(step), resume != nullptr, caller, ctx);
}

Reply relayReply(const vocab::UpstreamResponse& response) {
  Reply reply;
  reply.status = response.status;
  for (const auto& [name, value] : response.headers) {
    if (!notRelayed(name)) reply.headers.emplace_back(name, value);
  }
  reply.body = std::string(response.body);
  return reply;
}

}  // namespace gw::gateway
