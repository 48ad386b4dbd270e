#pragma once
// Per-dialect stream translation: framed upstream events in, unified chunks out.
//
// Interface changes (additive only, streaming infrastructure, issue 4):
//   * `ChunkTranslator::framing()` — how the upstream body is framed (default SSE);
//     a dialect whose stream is NDJSON or AWS event-stream overrides it.
//   * `streamError()` / the `detail.type` convention — how an error Status names the
//     `type` of the client's error event.
//   * `ChunkTranslator::appendChunkJson()` — an optional allocation-free fast path
//     for hot dialects (default: none; see providers/openai_stream_fast.cc).
// Helpers for building unified chunks live in stream/chunks.h.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "vocab/http.h"

namespace gw::stream {

/// One framed upstream event. SSE: `name` = the `event:` field (may be empty),
/// `data` = the joined `data:` lines. NDJSON: `data` = one line. AWS event
/// stream: `name` = the `:event-type` header, `data` = the payload.
/// Both views are valid only during the `onEvent` call.
struct Event {
  std::string_view name;
  std::string_view data;
};

/// Turns upstream events into unified chunks (OpenAI-like `chat.completion.chunk`
/// or `text_completion_chunk` objects). One instance per streamed response.
/// Created by `DialectOps::openStream(ctx)`: `ctx` itself is a temporary, so keep a
/// copy; the endpoint and spec it refers to outlive the translator.
///
/// Errors: a non-ok Status ends the stream with one client event
/// `data: {"error": {"message": <message>, "type": <type>}}`, where `type` is
/// `detail["type"]` when the Status carries a string there (see streamError),
/// else the code's wire id (e.g. "bad_gateway").
class ChunkTranslator {
 public:
  virtual ~ChunkTranslator() = default;
  /// Appends zero or more chunks for one event. An error aborts the stream and
  /// becomes an error event for the client (chunks appended before it are sent).
  virtual Status onEvent(const Event& event, std::vector<Json>& out) = 0;
  /// Upstream ended. May append final chunks; returns an error when the
  /// stream ended before the provider said it was complete.
  virtual Status onEnd(std::vector<Json>& out) = 0;
  /// How the upstream body is framed. Defaults to SSE.
  virtual vocab::StreamFraming framing() const { return vocab::StreamFraming::Sse; }
  /// Optional fast path. Either appends to `json` the compact JSON text of the one
  /// chunk `event` yields — byte-identical to `dumpJson` of what onEvent would
  /// append, with the same state changes — and returns true; or returns false
  /// (anything appended is discarded) and the session calls onEvent. Default: false.
  virtual bool appendChunkJson(const Event& /*event*/, std::string& /*json*/) { return false; }
};

/// An error for the stream whose client event carries `type` (e.g. an upstream
/// error class such as "overloaded_error"); `code` picks nothing else on the wire.
inline Status streamError(ErrorCode code, std::string message, std::string type = {}) {
  Status s = makeError(code, std::move(message));
  if (!type.empty()) s.detail = Json{{"type", std::move(type)}};
  return s;
}

}  // namespace gw::stream
