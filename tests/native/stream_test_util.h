#pragma once
// Helpers for the framing-parser tests: a sink that records events, and a
// driver that feeds bytes in pieces.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stream/framing.h"

namespace gw::testing {

/// Records every event as (name, data); can be told to fail on the n-th event.
class RecordingSink : public stream::EventSink {
 public:
  std::vector<std::pair<std::string, std::string>> events;
  int failAt = -1;  ///< 0-based event index that returns an error

  Status onEvent(const stream::Event& event) override {
    if (static_cast<int>(events.size()) == failAt) return makeError(ErrorCode::BadGateway, "sink says no");
    events.emplace_back(std::string(event.name), std::string(event.data));
    return Status{};
  }
};

/// What a parser produced for some input.
struct ParseResult {
  std::vector<std::pair<std::string, std::string>> events;
  Status status;
};

/// Feeds `bytes` to `parser` split at the given cut points, then finishes it.
inline ParseResult parseSplit(stream::FrameParser& parser, std::string_view bytes,
                              const std::vector<size_t>& cuts) {
  RecordingSink sink;
  ParseResult result;
  size_t from = 0;
  for (size_t cut : cuts) {
    if (result.status.ok()) result.status = parser.feed(bytes.substr(from, cut - from), sink);
    from = cut;
  }
  if (result.status.ok()) result.status = parser.feed(bytes.substr(from), sink);
  if (result.status.ok()) result.status = parser.finish(sink);
  result.events = std::move(sink.events);
  return result;
}

/// Feeds `bytes` in pieces of `step` bytes, then finishes.
inline ParseResult parseInSteps(stream::FrameParser& parser, std::string_view bytes, size_t step) {
  std::vector<size_t> cuts;
  for (size_t at = step; at < bytes.size(); at += step) cuts.push_back(at);
  return parseSplit(parser, bytes, cuts);
}

using EventList = std::vector<std::pair<std::string, std::string>>;

}  // namespace gw::testing
