#pragma once
// The immutable configuration snapshot built from an MLflow gateway YAML file.
//
// Both generations load: MLflow 2.5–2.8 (`routes:` with `route_type`) and
// MLflow 2.9+ (`endpoints:` with `endpoint_type`, plus the 3.5+ traffic-split
// `routes:` with `task_type`/`destinations`). Keys are resolved at load time
// from the environment map (and file contents) the host hands in.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"

namespace gw::config {

/// The three MLflow route types.
enum class RouteType { Completions, Chat, Embeddings };

/// "llm/v1/chat" etc.
const char* routeTypeName(RouteType type);
/// Parses "llm/v1/chat" etc.
std::optional<RouteType> parseRouteType(std::string_view text);

/// Which MLflow generation a config file was written for.
enum class Generation {
  Routes,     ///< MLflow 2.5–2.8: top-level `routes:` with `route_type`
  Endpoints,  ///< MLflow 2.9+: top-level `endpoints:` with `endpoint_type`
};

/// 1-based YAML position of a node (0 when unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

/// MLflow's per-endpoint `limit: {renewal_period, calls, key}`.
struct Limit {
  std::string renewalPeriod;   ///< as written, e.g. "minute"
  int64_t calls = 0;
  std::optional<std::string> key;  ///< parsed and echoed, like MLflow
  int64_t periodMs = 0;        ///< renewal period in milliseconds
  std::string periodUnit;      ///< singular granularity, e.g. "minute"
};

/// Retry policy of a route (gateway extension, not in MLflow).
struct RetryPolicy {
  int attempts = 1;                ///< total attempts per target, >= 1
  bool onRateLimit = false;        ///< retry on 429
  bool onServerError = false;      ///< retry on 5xx
  bool onTimeout = false;          ///< retry on upstream timeout
  int64_t backoffMs = 0;           ///< base backoff, doubled per attempt
  int64_t maxBackoffMs = 30000;
};

/// `circuit_breaker:` of an endpoint (gateway extension, not in MLflow).
struct BreakerPolicy {
  bool enabled = true;
  int failures = 3;             ///< consecutive failures that open the breaker
  int64_t coolDownMs = 30000;   ///< how long an open endpoint is skipped
};

/// `model:` of an endpoint.
struct ModelSpec {
  std::string provider;         ///< canonical provider id, e.g. "bedrock", "openai"
  std::string providerAsWritten;///< as the YAML spelled it (echoed by listings)
  std::string name;             ///< upstream model name (may be empty)
  Json config = Json::object(); ///< provider `config:`, secret fields resolved
};

/// One endpoint (a "route" in MLflow 2.5–2.8 terms).
struct Endpoint {
  std::string name;
  RouteType type = RouteType::Chat;
  ModelSpec model;
  std::optional<Limit> limit;
  bool declaredAsRoute = false;   ///< written as a 2.5–2.8 `routes:` entry
  int64_t timeoutMs = 300000;     ///< upstream timeout (MLflow: 300 s)
  std::vector<std::string> fallbacks;  ///< endpoint names tried after this one
  RetryPolicy retries;
  std::optional<BreakerPolicy> breaker;  ///< absent: the host's defaults
  SourcePos pos;
};

/// A destination of a traffic-split route.
struct Destination {
  std::string name;
  int trafficPercentage = 0;
  SourcePos pos;
};

/// MLflow 3.5+ traffic-split route.
struct TrafficRoute {
  std::string name;
  RouteType taskType = RouteType::Chat;
  std::vector<Destination> destinations;
  std::string routingStrategy = "TRAFFIC_SPLIT";
  SourcePos pos;
};

/// A gateway key accepted by `auth:` (gateway extension).
struct GatewayKey {
  std::string name;                 ///< label for logs/listings, never the key
  std::string sha256Hex;            ///< lower-case SHA-256 of the key (if given as hash)
  std::string plain;                ///< resolved key (if given as $ENV or literal)
  std::vector<std::string> routes;  ///< empty = all routes
};

/// Top-level `auth:` block.
struct AuthConfig {
  bool enabled = false;
  std::vector<GatewayKey> keys;
};

/// The loaded configuration. Immutable once built.
struct Config {
  Generation generation = Generation::Endpoints;
  std::vector<Endpoint> endpoints;
  std::vector<TrafficRoute> routes;
  AuthConfig auth;

  const Endpoint* findEndpoint(std::string_view name) const;
  const TrafficRoute* findRoute(std::string_view name) const;
};

/// One validation finding, with the YAML position of the offending node.
struct Diagnostic {
  std::string message;   ///< MLflow's message text where MLflow has one
  SourcePos pos;
  std::string path;      ///< e.g. "endpoints[0].model.provider"
};

/// What the host hands in besides the YAML text.
struct LoadInputs {
  std::map<std::string, std::string, std::less<>> env;    ///< for `$NAME` keys
  std::map<std::string, std::string, std::less<>> files;  ///< path -> contents (Node host)
};

/// Result of loading: a config when there are no errors, and every error found.
struct LoadResult {
  std::shared_ptr<const Config> config;  ///< null when `errors` is non-empty
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};

/// Parses and validates a gateway YAML document. Never throws.
LoadResult loadConfig(std::string_view yamlText, const LoadInputs& inputs);

/// Literal (non-`$`) values of key fields in the document: the candidates a host
/// with a filesystem should look up as files and pass back in `LoadInputs::files`.
std::vector<std::string> keyFileCandidates(std::string_view yamlText);

}  // namespace gw::config
