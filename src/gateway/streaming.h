#pragma once
// The concrete StreamSession: framing parser → the dialect's ChunkTranslator →
// one `data: <compact json>\n\n` SSE event per unified chunk.
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

#include "config/config.h"
#include "core/status.h"
#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "gateway/stream_session.h"
#include "stream/chunk_translator.h"
#include "stream/framing.h"

namespace gw::gateway {

/// How a session ends and bounds its buffers.
struct StreamOptions {
  bool doneMarker = false;                            ///< end with `data: [DONE]`
  size_t maxEventBytes = stream::kDefaultMaxEventBytes; ///< per-event buffer bound
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

/// `data: {"error": {"message", "type"}}\n\n` for a failed stream.
std::string errorEvent(const Status& status);

}  // namespace gw::gateway
