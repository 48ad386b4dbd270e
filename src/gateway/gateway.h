#pragma once
// The sans-I/O gateway façade.
//
//   plan(request, ctx)            -> Step: Call (send these upstream) | Reply
//   finish(token, responses, ctx) -> Step: Reply | Retry (plan again with the token)
//   openStream(token, response)   -> StreamSession (push bytes in, SSE bytes out)
//   admit(limitToken, state, ctx) -> rate-limit decision, for steps carrying `limit`
//
// The host does all I/O and hands in the time and a random value; the core
// decides. A Gateway is immutable after load, so one instance serves every
// request of an isolate/process concurrently.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "policy/breaker.h"
#include "policy/rate_limit.h"
#include "providers/provider.h"

namespace gw::gateway {

using Headers = vocab::Headers;

/// An incoming HTTP request. Header names lower-case.
struct HttpRequest {
  std::string_view method;
  std::string_view target;  ///< path plus optional "?query", as received
  Headers headers;
  std::string_view body;
};

/// What the host knows that the core must not find out for itself.
struct RequestContext {
  int64_t nowMs = 0;       ///< wall-clock time, ms since the epoch
  double random = 0.0;     ///< uniform in [0, 1), for traffic split
  std::string clientKey;   ///< client identity for rate limits (e.g. IP)
  /// Lower-case hex SHA-256 of the request's bearer token, computed by the host
  /// (WebCrypto) when `Gateway::needsKeyDigest()`; empty otherwise.
  std::string keyDigest;
  /// The host's circuit-breaker entries (usually none), see policy/breaker.h.
  policy::BreakerState breaker;
};

/// Host-level options (not part of the YAML).
struct GatewayOptions {
  size_t listPageSize = 3000;  ///< MLflow's page size for route listings
  policy::BreakerSettings breaker;  ///< circuit-breaker tuning
};

/// Send these requests upstream (in parallel when more than one), then call finish.
struct Call {
  std::string token;  ///< opaque; hand back to finish / openStream / plan
  std::vector<vocab::UpstreamRequest> requests;
  int64_t timeoutMs = 300000;
  int64_t firstByteTimeoutMs = 0;  ///< 0: none; else response headers (a stream: its first event) by then
  bool stream = false;
  /// The raw proxy: the host relays a 2xx body as it comes (no stream session), with
  /// the status and headers `finish` gives for the response without its body.
  bool relay = false;
  std::string endpoint;  ///< the endpoint (destination) that serves this attempt
  /// Headers for the client when the host streams this call's 2xx response
  /// (x-gateway-endpoint, x-gateway-attempts, x-gateway-attempt-history).
  Headers streamHeaders;
  /// Breaker entries the host applies when it streams this call's 2xx response
  /// (a non-streamed response goes through finish, which returns its own).
  std::vector<policy::BreakerEntry> streamBreaker;
};

/// Answer the client with this.
struct Reply {
  int status = 200;
  Headers headers;
  std::string body;
  bool stream = false;                 ///< body is `chunks` sent as SSE
  std::vector<std::string> chunks;     ///< pre-rendered SSE events (core-answered streams)
  int64_t delayMs = 0;                 ///< wait this long before answering (mock latency)
};

/// Plan again with `token` after waiting `delayMs` (retry or fallback).
struct Retry {
  std::string token;
  int64_t delayMs = 0;
};

/// A rate-limit hit the host must count before acting on a step (first plan
/// of a request to a limited endpoint only).
struct LimitCheck {
  policy::LimitRequest request;  ///< key, calls, windowMs
  std::string token;             ///< hand back to Gateway::admit
};

/// What the host does next.
struct Step {
  enum class Kind { Call, Reply, Retry } kind = Kind::Reply;
  Call call;
  Reply reply;
  Retry retry;
  /// When set: count the hit in the host's store, then call `admit`; act on this
  /// step only if admitted (otherwise answer admit's 429), and add admit's
  /// headers to the final response.
  std::optional<LimitCheck> limit;
  /// Breaker entries the host applies now (replacing its entry per endpoint).
  std::vector<policy::BreakerEntry> breaker;
};

/// Gateway::admit's decision.
struct Admission {
  bool allowed = true;
  Headers headers;  ///< X-RateLimit-* for the final response (when allowed)
  Reply refusal;    ///< the 429 to send (when not allowed)
};

class StreamSession;

/// A loaded, immutable gateway.
class Gateway {
 public:
  /// Loads a YAML config. `gateway` is null when there are errors.
  struct Loaded {
    std::shared_ptr<const Gateway> gateway;
    std::vector<config::Diagnostic> errors;
    std::vector<config::Diagnostic> warnings;
  };
  static Loaded load(std::string_view yaml, const config::LoadInputs& inputs,
                     GatewayOptions options = {});

  explicit Gateway(std::shared_ptr<const config::Config> config, GatewayOptions options);

  /// Routes and validates a request. `resumeToken` comes from a Retry step.
  Step plan(const HttpRequest& request, const RequestContext& ctx,
            std::string_view resumeToken = {}) const;
  /// Translates the upstream responses of a Call back to the client's shape.
  Step finish(std::string_view token, std::span<const vocab::UpstreamResponse> responses,
              const RequestContext& ctx) const;
  /// Starts translating a streamed 2xx upstream response.
  Outcome<std::unique_ptr<StreamSession>> openStream(std::string_view token,
                                                     const RequestContext& ctx) const;
  /// Decides a Step's `limit` check from the store's state after the hit.
  Admission admit(std::string_view limitToken, const policy::LimitState& state,
                  const RequestContext& ctx) const;
  /// Whether hosts must hash bearer tokens (some gateway key is given as sha256).
  bool needsKeyDigest() const;

  const config::Config& config() const { return *config_; }
  const GatewayOptions& options() const { return options_; }

 private:
  std::shared_ptr<const config::Config> config_;
  GatewayOptions options_;
};

}  // namespace gw::gateway
