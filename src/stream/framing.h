#pragma once
// Incremental framing parsers: upstream bytes, split anywhere (also inside a
// UTF-8 sequence or a binary frame), in; whole events out.
//
//   SSE      — WHATWG "server-sent events" parsing (sse.cc)
//   NDJSON   — one JSON value per line (ndjson.cc)
//   AWS      — application/vnd.amazon.eventstream binary frames (aws_event_stream.cc)
//
// Every parser bounds the bytes it buffers for one event (`maxEventBytes`): an
// upstream that never finishes a line or frame gets an error, not unbounded memory.
// After an error a parser stays failed and returns the same error.
#include <cstddef>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "vocab/http.h"
#include "stream/chunk_translator.h"

namespace gw::stream {

/// Default bound on the bytes buffered for one event (1 MiB).
inline constexpr size_t kDefaultMaxEventBytes = size_t{1} << 20;

/// Receives whole events from a FrameParser.
class EventSink {
 public:
  virtual ~EventSink() = default;
  /// One event; `event`'s views are valid only during the call. An error stops parsing.
  virtual Status onEvent(const Event& event) = 0;
};

/// An incremental framing parser. One instance per upstream stream.
class FrameParser {
 public:
  virtual ~FrameParser() = default;
  /// Feeds the next bytes; calls `sink` for every event completed by them.
  /// Returns the first error (from the framing or from the sink).
  virtual Status feed(std::string_view bytes, EventSink& sink) = 0;
  /// The upstream ended: flushes a final event where the framing allows it, or
  /// returns an error when the stream stopped inside a frame that cannot be cut.
  virtual Status finish(EventSink& sink) = 0;
};

/// A parser for `framing` (SSE for StreamFraming::None).
std::unique_ptr<FrameParser> makeFrameParser(vocab::StreamFraming framing,
                                             size_t maxEventBytes = kDefaultMaxEventBytes);

/// The error every parser returns when one event exceeds `maxEventBytes`.
Status eventTooLarge(size_t maxEventBytes);

}  // namespace gw::stream
