#pragma once
// The translator interface every dialect implements: unified request ->
// upstream HTTP request, upstream body -> unified response, upstream stream ->
// unified chunks. Pure functions; no I/O. Also what an endpoint's provider is
// (route types served and streamed, paths, name, base URL, auth) for its callers.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/json_tape.h"
#include "core/status.h"
#include "providers/registry.h"
#include "schema/request.h"
#include "vocab/endpoint.h"
#include "vocab/http.h"

namespace gw::stream {
class ChunkTranslator;
struct Event;
}

namespace gw::providers {

// The HTTP exchange vocabulary (vocab/http.h), named here as providers use it.
using vocab::Headers;
using vocab::StreamFraming;
using vocab::UpstreamRequest;
using vocab::UpstreamResponse;

/// What a translator knows about the call it translates.
struct TranslateContext {
  const vocab::Endpoint& endpoint;
  const ProviderSpec& spec;
  vocab::RouteType type;
  bool stream = false;
  int64_t nowMs = 0;
  /// The client speaks MLflow 2.5–2.8's `candidates` schema. The unified request
  /// is in 2.9+ units (temperature 0–2); dialects that sent the 2.5–2.8 value
  /// unscaled use this to send what MLflow 2.8 sent.
  bool candidates = false;
};

/// The requests to send for one attempt: usually one; some dialects fan out
/// (e.g. Bedrock Titan embeddings: one InvokeModel per input).
struct UpstreamPlan {
  std::vector<UpstreamRequest> requests;
  std::string note;  ///< dialect state carried to parseResponse (e.g. input count)
};

/// A client's request in the provider's own dialect (the native lane).
struct NativeRequest {
  std::string_view body;  ///< the bytes the client sent (a JSON object)
  JsonRef model;          ///< its `model` member (replaced by the endpoint's model)
  const Headers& headers; ///< the client's request headers (names lower-case)
  bool countTokens = false;  ///< a token count (`/v1/messages/count_tokens`), not a completion
};

/// A native lane: a client dialect the provider speaks itself. The client's body is
/// forwarded with only `model` replaced and the provider's auth set; the answer's bytes
/// go back untouched (docs/DIALECTS.md).
struct NativeLane {
  schema::Surface dialect;
  /// Whether this endpoint takes the dialect natively (e.g. chat endpoints only).
  bool (*takes)(const TranslateContext&) = nullptr;
  Outcome<UpstreamPlan> (*buildRequest)(const TranslateContext&, const NativeRequest&) = nullptr;
  /// The upstream response headers the client gets too (request ids, rate-limit state).
  bool (*forwardsResponseHeader)(std::string_view name) = nullptr;
  /// The stream's last event on success and its own failure event (SSE `event:` names):
  /// a relayed stream that ends with neither gets an error event (never a silent cut).
  std::string_view lastStreamEvent;
  std::string_view errorStreamEvent;
  /// Set when the dialect's events carry no names (Gemini): whether this event is the
  /// stream's last one (or its failure); `lastStreamEvent` then only names it in errors.
  bool (*endsStream)(const stream::Event& event) = nullptr;
  /// Set when the provider frames the dialect's stream its own way (Bedrock's AWS event
  /// stream): each upstream event (of `upstreamFraming`) becomes one client SSE frame,
  /// appended to `out`, its event name in `name`. Null: the bytes are relayed as they are.
  Status (*reframeEvent)(const stream::Event& event, std::string& out, std::string& name) = nullptr;
  vocab::StreamFraming upstreamFraming = vocab::StreamFraming::Sse;
  /// Optional: a failure of the upstream framing (e.g. an AWS exception frame) in the
  /// dialect's terms (its error `type` in `detail`, as stream::streamError sets it).
  Status (*streamFailure)(Status) = nullptr;
  /// Optional: the frame that ends the client's stream with `status` in the dialect's own
  /// error shape (Gemini's `data: {"error": ...}`). Null: the client dialect's stream
  /// writer's error event (Anthropic's `event: error`).
  std::string (*failureFrame)(const Status& status) = nullptr;
  /// Optional: the provider's token-count answer in the client dialect's shape (null: as is).
  Outcome<std::string> (*countAnswer)(std::string_view body) = nullptr;
  /// The client's answer carries a non-empty plan `note` under this header (what the
  /// lane could not forward, e.g. Bedrock's dropped betas); empty: notes are internal.
  std::string_view noteHeader;
};

/// A dialect's translator functions.
/// Counting a unified chat request's input tokens with the provider's own API (Gemini
/// countTokens, Anthropic count_tokens): what a client dialect's count call uses off its
/// native lane (gateway/token_count.h). No sampling or output settings are counted.
struct TokenCounter {
  Outcome<UpstreamPlan> (*buildRequest)(const TranslateContext&, const Json& unified);
  /// The count in the provider's answer (its JSON body); a BadGateway when it has none.
  Outcome<int64_t> (*readCount)(const Json& answer);
  /// Whether this endpoint offers the API (rows sharing a dialect may not); null = all.
  bool (*offeredFor)(const TranslateContext&) = nullptr;
};

struct DialectOps {
  Outcome<UpstreamPlan> (*buildRequest)(const TranslateContext&, const Json& unified);
  /// `bodies` holds one parsed JSON body per request of the plan, in order.
  Outcome<Json> (*parseResponse)(const TranslateContext&, std::span<const Json> bodies,
                                 std::string_view note);
  /// Null when the dialect does not stream.
  std::unique_ptr<stream::ChunkTranslator> (*openStream)(const TranslateContext&);
  /// Optional: adjusts an upstream failure before it is answered (e.g. MosaicML's
  /// token-limit 500 -> 422, or scrubbing what an upstream echoed back). Null = as is.
  Status (*mapError)(const TranslateContext&, Status) = nullptr;
  /// Optional fast path (null = buildRequest): the same request, built from the
  /// scanned body by splicing its raw bytes. The unified request is `body`'s
  /// root object minus its `model` member; no object of it repeats a key.
  Outcome<UpstreamPlan> (*buildRequestFromTape)(const TranslateContext&,
                                                const JsonTape& body) = nullptr;
  /// Optional fast path (null = parseResponse): the same unified response,
  /// written as JSON text straight from the scanned upstream bodies (none
  /// repeats a key). Used when the client speaks the MLflow 2.9+ schema.
  Outcome<std::string> (*parseResponseToText)(const TranslateContext&,
                                              std::span<const JsonTape> bodies,
                                              std::string_view note) = nullptr;
  /// The client dialects this provider takes as they are (empty: translation only).
  std::span<const NativeLane> nativeLanes = {};
  /// Optional: the headers that authenticate any request to this endpoint (what the raw
  /// proxy `/gateway/proxy/{endpoint}/...` adds); an error when a request cannot be
  /// authenticated by headers alone (SigV4). Null = the row's `auth` (authHeaderFor).
  Outcome<Headers> (*credentialHeaders)(const TranslateContext&) = nullptr;
  /// Optional: the provider counts tokens of chat requests (null: the gateway estimates).
  const TokenCounter* tokenCounter = nullptr;
};

/// The credentials of `spec` for this endpoint (DialectOps::credentialHeaders).
Outcome<Headers> credentialHeadersFor(const ProviderSpec& spec, const TranslateContext& ctx);

/// The native lane of `spec` for a client `dialect` on this endpoint, or null
/// (translate instead).
const NativeLane* nativeLaneFor(const ProviderSpec& spec, const TranslateContext& ctx,
                                schema::Surface dialect);

/// `body` with its `model` value replaced by `name` (a JSON string), every other byte kept.
std::string withModel(std::string_view body, JsonRef model, std::string_view name);

/// MLflow's 501 text, e.g. "The chat route is not implemented for OpenAI models."
Status notImplemented(const ProviderSpec& spec, vocab::RouteType type, bool stream);
/// The same, naming the provider as given (an inline provider's `display_name`).
Status notImplementedFor(std::string_view displayName, vocab::RouteType type, bool stream);

/// Joins a base URL and a path, keeping the base's query string
/// (MLflow's `append_to_uri_path`): ("https://x/v1?v=1", "chat") -> "https://x/v1/chat?v=1".
std::string joinUrl(std::string_view base, std::string_view path);

/// A config string value, or `fallback` when absent / not a string.
std::string configString(const vocab::Endpoint& endpoint, std::string_view key,
                         std::string_view fallback = {});

// ---- What an endpoint's provider serves ----
// The registry row's values; an inline provider (`provider: openai-compatible` declared
// in `config:`, inline_compat.h) takes them from the endpoint's config.

/// The route types `spec` serves for this endpoint.
uint8_t servedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The route types `spec` streams for this endpoint.
uint8_t streamedRouteTypes(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The upstream path of `type` under the base URL ("" when the provider has none).
std::string routePath(const ProviderSpec& spec, const vocab::Endpoint& endpoint,
                      vocab::RouteType type);

/// The provider's name in messages.
std::string displayNameOf(const ProviderSpec& spec, const vocab::Endpoint& endpoint);

/// The base URL: `api_base` if set, else the provider's own key, else the default.
std::string baseUrlFor(const TranslateContext& ctx);

/// The auth header for the provider's key field (empty name when there is none).
std::pair<std::string, std::string> authHeaderFor(const TranslateContext& ctx);

}  // namespace gw::providers
