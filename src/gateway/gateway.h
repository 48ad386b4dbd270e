#pragma once
// The sans-I/O gateway façade.
//
//   plan(request, ctx)            -> Step: Call (send these upstream) | Reply
//   finish(token, responses, ctx) -> Step: Reply | Retry (plan again with the token)
//   openStream(token, response)   -> StreamSession (push bytes in, SSE bytes out)
//
// The host does all I/O and hands in the time and a random value; the core
// decides. A Gateway is immutable after load, so one instance serves every
// request of an isolate/process concurrently.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "providers/provider.h"

namespace gw::gateway {

using Headers = providers::Headers;

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
};

/// Host-level options (not part of the YAML).
struct GatewayOptions {
  size_t listPageSize = 3000;  ///< MLflow's page size for route listings
};

/// Send these requests upstream (in parallel when more than one), then call finish.
struct Call {
  std::string token;  ///< opaque; hand back to finish / openStream / plan
  std::vector<providers::UpstreamRequest> requests;
  int64_t timeoutMs = 300000;
  bool stream = false;
  std::string endpoint;  ///< the endpoint (destination) that serves this attempt
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

/// What the host does next.
struct Step {
  enum class Kind { Call, Reply, Retry } kind = Kind::Reply;
  Call call;
  Reply reply;
  Retry retry;
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
  Step finish(std::string_view token, std::span<const providers::UpstreamResponse> responses,
              const RequestContext& ctx) const;
  /// Starts translating a streamed 2xx upstream response.
  Outcome<std::unique_ptr<StreamSession>> openStream(std::string_view token,
                                                     const RequestContext& ctx) const;

  const config::Config& config() const { return *config_; }
  const GatewayOptions& options() const { return options_; }

 private:
  std::shared_ptr<const config::Config> config_;
  GatewayOptions options_;
};

}  // namespace gw::gateway
