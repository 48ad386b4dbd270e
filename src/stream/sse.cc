#include "stream/sse.h"

#include <cstring>

namespace gw::stream {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Finds line ends with memchr. The next LF is remembered across lines so that a
// CR-only stream is not rescanned to its end for every line (stays linear).
class LineEnds {
 public:
  explicit LineEnds(std::string_view bytes) : bytes_(bytes) {}
  // Index of the first CR or LF at or after `from`, or npos.
  size_t next(size_t from) {
    if (lf_ < from || lf_ == kUnknown) {
      const void* hit = std::memchr(bytes_.data() + from, '\n', bytes_.size() - from);
      lf_ = hit ? static_cast<size_t>(static_cast<const char*>(hit) - bytes_.data()) : bytes_.size();
    }
    const void* cr = std::memchr(bytes_.data() + from, '\r', lf_ - from);
    if (cr) return static_cast<size_t>(static_cast<const char*>(cr) - bytes_.data());
    return lf_ < bytes_.size() ? lf_ : std::string_view::npos;
  }

 private:
  static constexpr size_t kUnknown = std::string_view::npos;
  std::string_view bytes_;
  size_t lf_ = kUnknown;
};

}  // namespace

Status SseParser::fail(Status status) {
  failed_ = status;
  partial_.clear();
  data_.clear();
  return status;
}

Status SseParser::feed(std::string_view bytes, EventSink& sink) {
  if (!failed_.ok()) return failed_;
  size_t pos = 0;
  if (skipLF_ && !bytes.empty()) {
    if (bytes[0] == '\n') pos = 1;
    skipLF_ = false;
  }
  LineEnds ends(bytes);
  while (pos < bytes.size()) {
    size_t end = ends.next(pos);
    std::string_view piece = bytes.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (partial_.size() + piece.size() + data_.size() > max_) return fail(eventTooLarge(max_));
    if (end == std::string_view::npos) {
      partial_.append(piece);
      break;
    }
    std::string_view text = piece;
    if (!partial_.empty()) text = partial_.append(piece);
    Status s = line(text, sink);
    partial_.clear();
    if (!s.ok()) return fail(std::move(s));
    if (bytes[end] == '\r') {
      if (end + 1 == bytes.size()) skipLF_ = true;
      else if (bytes[end + 1] == '\n') ++end;
    }
    pos = end + 1;
  }
  return Status{};
}

Status SseParser::finish(EventSink& /*sink*/) {
  // The spec: "If the file ends in the middle of an event, before the final empty
  // line, the incomplete event is not dispatched."
  partial_.clear();
  data_.clear();
  event_.clear();
  return failed_;
}

Status SseParser::line(std::string_view text, EventSink& sink) {
  if (firstLine_) {
    firstLine_ = false;
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  }
  if (text.empty()) return dispatch(sink);
  if (text.front() == ':') return Status{};  // comment
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return field(text, {});
  std::string_view value = text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return field(text.substr(0, colon), value);
}

Status SseParser::field(std::string_view name, std::string_view value) {
  if (name == "data") {
    if (data_.size() + value.size() + 1 > max_) return eventTooLarge(max_);
    data_.append(value);
    data_.push_back('\n');
  } else if (name == "event") {
    event_.assign(value);
  }
  // "id" and "retry" steer reconnection, which a one-shot upstream call never does.
  return Status{};
}

Status SseParser::dispatch(EventSink& sink) {
  if (data_.empty()) {
    event_.clear();
    return Status{};
  }
  data_.pop_back();  // the "\n" after the last data line
  Status s = sink.onEvent(Event{event_, data_});
  data_.clear();
  event_.clear();
  return s;
}

}  // namespace gw::stream
