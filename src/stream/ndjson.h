#pragma once
// Newline-delimited JSON (https://github.com/ndjson/ndjson-spec): one value per
// line, LF-terminated (a CR before the LF is dropped). Blank lines are skipped.
// A last line without LF is dispatched by finish(): NDJSON need not end in a
// newline; a line cut mid-value then fails to parse in the translator.
// Events have an empty name and `data` = the line.
#include <string>

#include "stream/framing.h"

namespace gw::stream {

/// Incremental NDJSON parser.
class NdjsonParser final : public FrameParser {
 public:
  explicit NdjsonParser(size_t maxEventBytes = kDefaultMaxEventBytes) : max_(maxEventBytes) {}
  Status feed(std::string_view bytes, EventSink& sink) override;
  Status finish(EventSink& sink) override;

 private:
  Status line(std::string_view text, EventSink& sink);

  size_t max_;
  std::string partial_;
  bool firstLine_ = true;
  Status failed_;
};

}  // namespace gw::stream
