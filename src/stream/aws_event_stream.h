#pragma once
// AWS event-stream binary framing (application/vnd.amazon.eventstream), as used by
// Bedrock ConverseStream / InvokeModelWithResponseStream:
//
//   prelude  total_length:u32be  headers_length:u32be  prelude_crc:u32be (CRC-32 of the first 8 bytes)
//   headers  headers_length bytes of {name_len:u8, name, type:u8, value}
//   payload  total_length - headers_length - 16 bytes
//   message_crc:u32be (CRC-32 of everything before it)
//
// Header value types (https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html):
// 0 true, 1 false (no value), 2 byte, 3 short, 4 int, 5 long, 6 byte array (u16be length),
// 7 string (u16be length), 8 timestamp (8 bytes), 9 UUID (16 bytes).
//
// `:message-type` "event" → Event{name = `:event-type`, data = payload};
// "exception" → error (type = `:exception-type`, message from the JSON payload's
// "message"/"Message", else the payload); "error" → error (type = `:error-code`,
// message = `:error-message`). A bad CRC, a length out of bounds (incl. larger than
// maxEventBytes) or a stream that ends inside a frame is an error.
#include <string>

#include "stream/framing.h"

namespace gw::stream {

/// Incremental AWS event-stream parser.
class AwsEventStreamParser final : public FrameParser {
 public:
  explicit AwsEventStreamParser(size_t maxEventBytes = kDefaultMaxEventBytes)
      : max_(maxEventBytes) {}
  Status feed(std::string_view bytes, EventSink& sink) override;
  Status finish(EventSink& sink) override;

 private:
  Status fail(Status status);

  size_t max_;
  std::string buffer_;  // a frame that has not fully arrived
  size_t need_ = 0;     // its total length once the prelude is known
  Status failed_;
};

/// The AWS event-stream prelude + CRC overhead (12-byte prelude, 4-byte message CRC).
inline constexpr size_t kAwsFrameOverhead = 16;

}  // namespace gw::stream
