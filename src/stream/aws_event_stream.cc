#include "stream/aws_event_stream.h"

#include <algorithm>
#include <array>

#include "stream/crc32.h"

namespace gw::stream {
namespace {

constexpr size_t kPrelude = 12;

uint32_t be32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
  return u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3);
}

uint16_t be16(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint16_t>(static_cast<unsigned char>(b[at + i])); };
  return static_cast<uint16_t>(u(0) << 8 | u(1));
}

Status corrupt(std::string what) {
  return streamError(ErrorCode::BadGateway, "The upstream event stream is malformed: " + what + ".");
}

// The string headers the gateway reads.
struct FrameHeaders {
  std::string_view messageType, eventType, exceptionType, errorCode, errorMessage;
};

void keep(FrameHeaders& h, std::string_view name, std::string_view value) {
  if (name == ":message-type") h.messageType = value;
  else if (name == ":event-type") h.eventType = value;
  else if (name == ":exception-type") h.exceptionType = value;
  else if (name == ":error-code") h.errorCode = value;
  else if (name == ":error-message") h.errorMessage = value;
}

// Fixed value sizes by type; -1 = u16be length-prefixed (6 byte array, 7 string).
constexpr std::array<int, 10> kValueSize = {0, 0, 1, 2, 4, 8, -1, -1, 8, 16};

Outcome<FrameHeaders> parseHeaders(std::string_view bytes) {
  FrameHeaders h;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nameLength = static_cast<unsigned char>(bytes[pos++]);
    if (nameLength == 0 || pos + nameLength + 1 > bytes.size()) return corrupt("bad header name");
    std::string_view name = bytes.substr(pos, nameLength);
    pos += nameLength;
    unsigned type = static_cast<unsigned char>(bytes[pos++]);
    if (type >= kValueSize.size()) return corrupt("unknown header type " + std::to_string(type));
    size_t size = static_cast<size_t>(kValueSize[type]);
    if (kValueSize[type] < 0) {
      if (pos + 2 > bytes.size()) return corrupt("header value overruns the headers");
      size = be16(bytes, pos);
      pos += 2;
    }
    if (pos + size > bytes.size()) return corrupt("header value overruns the headers");
    if (type == 7) keep(h, name, bytes.substr(pos, size));
    pos += size;
  }
  return h;
}

// Validates a prelude (at least 12 bytes); returns the frame's total length.
Outcome<size_t> frameLength(std::string_view bytes, size_t max) {
  uint32_t total = be32(bytes, 0), headers = be32(bytes, 4);
  if (crc32(bytes.substr(0, 8)) != be32(bytes, 8)) return corrupt("prelude CRC mismatch");
  if (total < kAwsFrameOverhead) return corrupt("frame length " + std::to_string(total) + " too short");
  if (total > max) return eventTooLarge(max);
  if (headers > total - kAwsFrameOverhead) return corrupt("headers length exceeds the frame");
  return static_cast<size_t>(total);
}

Status exceptionError(std::string_view type, std::string_view payload) {
  std::string message(payload);
  Json parsed = parseJson(payload);
  for (const char* key : {"message", "Message"}) {
    if (const Json* m = findMember(parsed, key); m && m->is_string()) {
      message = m->get<std::string>();
      break;
    }
  }
  if (message.empty()) message = "The upstream stream reported " + std::string(type) + ".";
  return streamError(ErrorCode::Upstream, message, type.empty() ? "exception" : std::string(type));
}

// One whole frame (length already validated by frameLength).
Status frame(std::string_view f, EventSink& sink) {
  size_t total = f.size();
  if (crc32(f.substr(0, total - 4)) != be32(f, total - 4)) return corrupt("message CRC mismatch");
  size_t headersLength = be32(f, 4);
  GW_TRY(FrameHeaders h, parseHeaders(f.substr(kPrelude, headersLength)));
  std::string_view payload =
      f.substr(kPrelude + headersLength, total - kAwsFrameOverhead - headersLength);
  if (h.messageType == "event") return sink.onEvent(Event{h.eventType, payload});
  if (h.messageType == "exception") return exceptionError(h.exceptionType, payload);
  if (h.messageType == "error") {
    std::string message = h.errorMessage.empty() ? "The upstream stream reported an error."
                                                 : std::string(h.errorMessage);
    return streamError(ErrorCode::Upstream, message,
                       h.errorCode.empty() ? "error" : std::string(h.errorCode));
  }
  return corrupt("unknown :message-type '" + std::string(h.messageType) + "'");
}

}  // namespace

Status AwsEventStreamParser::fail(Status status) {
  failed_ = status;
  buffer_.clear();
  need_ = 0;
  return status;
}

Status AwsEventStreamParser::feed(std::string_view bytes, EventSink& sink) {
  if (!failed_.ok()) return failed_;
  while (!bytes.empty()) {
    if (buffer_.empty()) {  // whole frames straight from the input, no copy
      if (bytes.size() >= kPrelude) {
        Outcome<size_t> length = frameLength(bytes, max_);
        if (!length) return fail(length.error());
        if (bytes.size() >= *length) {
          Status s = frame(bytes.substr(0, *length), sink);
          if (!s.ok()) return fail(std::move(s));
          bytes.remove_prefix(*length);
          continue;
        }
        need_ = *length;
      }
      buffer_.assign(bytes);
      return Status{};
    }
    size_t target = need_ ? need_ : kPrelude;
    size_t take = std::min(target - buffer_.size(), bytes.size());
    buffer_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (buffer_.size() < target) return Status{};
    if (need_ == 0) {
      Outcome<size_t> length = frameLength(buffer_, max_);
      if (!length) return fail(length.error());
      need_ = *length;
      continue;
    }
    Status s = frame(buffer_, sink);
    buffer_.clear();
    need_ = 0;
    if (!s.ok()) return fail(std::move(s));
  }
  return Status{};
}

Status AwsEventStreamParser::finish(EventSink& /*sink*/) {
  if (!failed_.ok()) return failed_;
  if (buffer_.empty()) return Status{};
  std::string have = std::to_string(buffer_.size());
  std::string want = need_ ? " of " + std::to_string(need_) : "";
  return fail(streamError(ErrorCode::BadGateway, "The upstream event stream ended inside a frame (" +
                                                     have + want + " bytes)."));
}

}  // namespace gw::stream
