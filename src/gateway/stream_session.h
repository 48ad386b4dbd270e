#pragma once
// One streamed response: upstream bytes in (split anywhere), client SSE bytes out.
// The session is a framing parser → the dialect's ChunkTranslator → one
// `data: <compact json>\n\n` SSE event per unified chunk. `mock` streams go through
// the same session (gateway/mock_answer.cc).
//
// Ending a stream (decided per API surface, so both client families work):
//   * `/v1/*` (OpenAI surface) ends a complete stream with `data: [DONE]\n\n`, as the
//     OpenAI wire format does (OpenAI SDKs stop at it; they also tolerate its absence).
//   * `/endpoints/*` and `/gateway/*` (MLflow surface) just end, as MLflow's
//     `make_streaming_response` does (reference 3.5): clients written against MLflow
//     treat every `data:` line as a JSON chunk.
//   * A stream that fails — an upstream error event, a malformed or oversized event,
//     a cut-off upstream, or a transport error the host reports to `end()` — ends with
//     one `data: {"error": {"message": ..., "type": ...}}\n\n` (MLflow's G4 `safe_stream`
//     shape; the OpenAI SDK raises it as an APIError) and no `[DONE]`: never a silently
//     truncated stream. Nothing is emitted after it.
#include <memory>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/status.h"
#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "stream/chunk_translator.h"
#include "stream/framing.h"

namespace gw::gateway {

/// Translates one upstream stream. The only per-request object a host holds.
class StreamSession {
 public:
  virtual ~StreamSession() = default;
  /// Feeds upstream bytes; returns the SSE bytes to send to the client now.
  virtual std::string push(std::string_view bytes) = 0;
  /// Upstream ended (or failed: `upstreamError` non-empty). Returns the final
  /// bytes, including an error event if the stream was cut short.
  virtual std::string end(std::string_view upstreamError = {}) = 0;
  /// Whether content has been sent to the client (fallback is allowed only before).
  virtual bool started() const = 0;
  /// Whether the stream failed (an error event was emitted).
  virtual bool failed() const = 0;
  /// The error event in the client's dialect for a failure the session could not
  /// report itself (the boundary's fence, after a throw); OpenAI-style by default.
  virtual std::string failureEvent(const Status& status);
};



/// How unified chunks reach a client whose stream is not OpenAI's `data:` lines
/// (today the Anthropic Messages event grammar, clients/anthropic/stream_writer.h).
class ClientStreamWriter {
 public:
  virtual ~ClientStreamWriter() = default;
  virtual std::string push(const Json& chunk) = 0;   ///< one unified chunk
  virtual std::string finish() = 0;                  ///< the stream ended complete
  virtual std::string fail(const Status& error) = 0; ///< the stream failed
};

/// The writer for an attempt's client dialect; null for OpenAI-style SSE.
std::shared_ptr<ClientStreamWriter> clientStreamWriter(const Attempt& attempt);

/// How a session ends and bounds its buffers.
struct StreamOptions {
  bool doneMarker = false;                            ///< end with `data: [DONE]`
  size_t maxEventBytes = stream::kDefaultMaxEventBytes; ///< per-event buffer bound
  std::shared_ptr<ClientStreamWriter> client;         ///< set: chunks go out in its dialect
};

/// Opens the session for a streamed attempt: finds its endpoint, provider and
/// dialect in `config` (kept alive by the session) and asks the dialect for its
/// translator. 501 when the dialect cannot stream this route type.
Outcome<std::unique_ptr<StreamSession>> openStreamSession(
    std::shared_ptr<const config::Config> config, const Attempt& attempt,
    const RequestContext& ctx);

/// A session over any translator (tests, benchmarks). `keepAlive` is held for
/// the session's life (e.g. the config the translator's context points into).
std::unique_ptr<StreamSession> makeStreamSession(std::unique_ptr<stream::ChunkTranslator> translator,
                                                 StreamOptions options,
                                                 std::shared_ptr<const void> keepAlive = nullptr);

/// The headers of a streamed 2xx answer: the SSE content type and cache rule, then
/// the attempt headers (x-gateway-endpoint, x-gateway-attempts, x-gateway-attempt-history).
Headers streamHeaders(const Attempt& attempt);

/// `data: {"error": {"message", "type"}}\n\n` for a failed stream.
std::string errorEvent(const Status& status);

}  // namespace gw::gateway
