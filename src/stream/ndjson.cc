#include "stream/ndjson.h"

#include <cstring>

namespace gw::stream {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

Status NdjsonParser::feed(std::string_view bytes, EventSink& sink) {
  if (!failed_.ok()) return failed_;
  while (!bytes.empty()) {
    const void* hit = std::memchr(bytes.data(), '\n', bytes.size());
    size_t end = hit ? static_cast<size_t>(static_cast<const char*>(hit) - bytes.data())
                     : bytes.size();
    if (partial_.size() + end > max_) {
      partial_.clear();
      return failed_ = eventTooLarge(max_);
    }
    if (!hit) {
      partial_.append(bytes);
      break;
    }
    std::string_view text = bytes.substr(0, end);
    if (!partial_.empty()) text = partial_.append(text);
    Status s = line(text, sink);
    partial_.clear();
    if (!s.ok()) return failed_ = s;
    bytes.remove_prefix(end + 1);
  }
  return Status{};
}

Status NdjsonParser::finish(EventSink& sink) {
  if (!failed_.ok()) return failed_;
  std::string last = std::move(partial_);
  partial_.clear();
  Status s = line(last, sink);
  if (!s.ok()) failed_ = s;
  return s;
}

Status NdjsonParser::line(std::string_view text, EventSink& sink) {
  if (firstLine_) {
    firstLine_ = false;
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  }
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.find_first_not_of(" \t\r") == std::string_view::npos) return Status{};
  return sink.onEvent(Event{{}, text});
}

}  // namespace gw::stream
