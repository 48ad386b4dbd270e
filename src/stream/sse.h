#pragma once
// Server-sent events, parsed as the WHATWG HTML spec says
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
// lines end in CRLF, LF or CR (a CRLF may be split across feeds); one leading
// UTF-8 BOM is dropped; `:` lines are comments; `data:` values are joined with
// "\n"; `event:` names the event; `id:` and `retry:` are accepted and ignored; an
// empty line dispatches (nothing when no data was collected). At the end of the
// stream an incomplete event is discarded, as the spec requires — translators
// detect truncation from what they did (not) see.
#include <string>

#include "stream/framing.h"

namespace gw::stream {

/// Incremental SSE parser.
class SseParser final : public FrameParser {
 public:
  explicit SseParser(size_t maxEventBytes = kDefaultMaxEventBytes) : max_(maxEventBytes) {}
  Status feed(std::string_view bytes, EventSink& sink) override;
  Status finish(EventSink& sink) override;

 private:
  Status line(std::string_view text, EventSink& sink);
  Status field(std::string_view name, std::string_view value);
  Status dispatch(EventSink& sink);
  Status fail(Status status);

  size_t max_;
  std::string partial_;     // an unterminated line carried to the next feed
  std::string data_;        // joined data lines, each followed by "\n"
  std::string event_;       // the event name
  bool skipLF_ = false;     // the previous feed ended in CR: a leading LF belongs to it
  bool firstLine_ = true;   // the BOM may only start the first line
  Status failed_;
};

}  // namespace gw::stream
