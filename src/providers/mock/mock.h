#pragma once
// The built-in `mock` provider: a demo/test provider answered by the core
// itself, with no network. It never pretends to be a model: every text starts
// with "[mock] " and the `provider` field says "mock".
//
// Everything is a pure function of (config, request, time, random draw), so
// tests can assert exact output. See docs/PROVIDERS.md#mock for the user view.
//
//   chat         "[mock] echo: <last user message> #<8 hex>" (or "[mock] <reply>")
//   completions  "[mock] echo: <prompt> #<8 hex>"            (or "[mock] <reply>")
//   embeddings   `embedding_dimensions` floats per input, from a stable hash of
//                the input, L2-normalised, rounded to 6 decimals
//   usage        tokens ~ ceil(code points / 4); chat prompts add OpenAI's
//                per-message overhead (3 per message + 3); token-id inputs count
//                one token per id
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vocab/endpoint.h"
#include "core/fnv1a.h"
#include "core/status.h"
#include "providers/config_check.h"
#include "providers/provider.h"

namespace gw::providers {

/// The mock dialect's translator: only `parseResponse` (the answer is already in the
/// unified shape). It has no `buildRequest`: the row is `answeredByCore`, so the gateway
/// answers before any request is built (gateway/mock_answer.h).
const DialectOps& mockOps();

}  // namespace gw::providers

namespace gw::providers::mock {

/// The endpoint's `config:` keys, validated.
struct Settings {
  int embeddingDimensions = 8;       ///< `embedding_dimensions`, 1..4096
  int64_t latencyMs = 0;             ///< `latency_ms`, 0..600000 -> Reply.delayMs
  double failRate = 0.0;             ///< `fail_rate`, 0..1
  int failStatus = 503;              ///< `fail_status`, 400..599
  std::optional<std::string> reply;  ///< `reply`: fixed text instead of the echo
};

/// Reads and validates a mock endpoint's `config:` (an absent config is the
/// defaults). The error names the key and the value; callers at load time may
/// use it to reject a config early.
Outcome<Settings> readSettings(const Json& config);

/// The row's config rules: every setting readable, each error at its key.
void configRules(ConfigCheck& check);

/// What the mock answers from.
struct Request {
  vocab::RouteType type = vocab::RouteType::Chat;
  const Json& unified;     ///< the validated unified request
  std::string_view model;  ///< the endpoint's `model.name`; empty -> "mock"
  bool stream = false;     ///< render `chunks` instead of a body
  int64_t nowMs = 0;       ///< host time (-> `created`)
  double draw = 0.0;       ///< uniform in [0, 1): fails when draw < fail_rate
};

/// The mock's answer, shaped like an upstream answer so the gateway can run it
/// through the same finish path (error mapping, retries, fallback, G1 shape).
struct Answer {
  int status = 200;          ///< 200, or `fail_status` when the draw failed
  Json body;                 ///< unified response, or `{"error": {...}}` on failure
  std::vector<Json> chunks;  ///< unified stream chunks (stream and status 200 only)
  int64_t delayMs = 0;       ///< `latency_ms`, on success and failure alike
};

/// Answers one request. Errors are request errors (e.g. `n` over 64 -> 422).
Outcome<Answer> answer(const Settings& settings, const Request& request);

/// Token estimate of a text: ceil(Unicode code points / 4); 0 for "".
int64_t estimateTokens(std::string_view text);

/// The deterministic embedding of one input item (a string, or any JSON value
/// such as a token-id list): `dimensions` floats, L2 norm 1 (before rounding).
std::vector<double> embedding(const Json& item, int dimensions);

// Every mock output derives from gw::fnv1a64 (core/fnv1a.h), mixed further before use
// (see mixBits).

/// SplitMix64's finaliser: spreads a seed into 64 well-mixed bits (FNV-1a alone
/// leaves similar inputs with similar high bits).
inline uint64_t mixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace gw::providers::mock
