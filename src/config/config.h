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
#include "vocab/endpoint.h"

namespace gw::config {

// The endpoint vocabulary lives in vocab/ (below providers/, which config/ calls);
// config/ builds it, so its files name these types unqualified.
using vocab::BreakerPolicy;
using vocab::Endpoint;
using vocab::Limit;
using vocab::ModelSpec;
using vocab::parseRouteType;
using vocab::RetryPolicy;
using vocab::RouteType;
using vocab::routeTypeName;
using vocab::SourcePos;

/// Which MLflow generation a config file was written for.
enum class Generation {
  Routes,     ///< MLflow 2.5–2.8: top-level `routes:` with `route_type`
  Endpoints,  ///< MLflow 2.9+: top-level `endpoints:` with `endpoint_type`
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
