#pragma once
// Per-dialect stream translation: framed upstream events in, unified chunks out.
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gw::stream {

/// One framed upstream event. SSE: `name` = the `event:` field (may be empty),
/// `data` = the joined `data:` lines. NDJSON: `data` = one line. AWS event
/// stream: `name` = the `:event-type` header, `data` = the payload.
struct Event {
  std::string_view name;
  std::string_view data;
};

/// Turns upstream events into unified chunks (OpenAI-like `chat.completion.chunk`
/// or `text_completion_chunk` objects). One instance per streamed response.
class ChunkTranslator {
 public:
  virtual ~ChunkTranslator() = default;
  /// Appends zero or more chunks for one event. An error aborts the stream and
  /// becomes an error event for the client.
  virtual Status onEvent(const Event& event, std::vector<Json>& out) = 0;
  /// Upstream ended. May append final chunks; returns an error when the
  /// stream ended before the provider said it was complete.
  virtual Status onEnd(std::vector<Json>& out) = 0;
};

}  // namespace gw::stream
