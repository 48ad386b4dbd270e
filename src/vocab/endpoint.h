#pragma once
// One endpoint of the loaded configuration: the data every module above `vocab/`
// reads (providers translate for it, policy and the gateway decide with it).
// config/ builds it from the YAML; nothing here parses or validates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "vocab/route_type.h"

namespace gw::vocab {

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
  /// `first_byte_timeout_seconds`: the upstream must send its response headers (a
  /// stream: its first event) within this, else the attempt timed out; 0 = no such limit.
  int64_t firstByteTimeoutMs = 0;
  std::vector<std::string> fallbacks;  ///< endpoint names tried after this one
  RetryPolicy retries;
  std::optional<BreakerPolicy> breaker;  ///< absent: the host's defaults
  SourcePos pos;
};

}  // namespace gw::vocab
