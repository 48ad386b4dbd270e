#include "stream/framing.h"

#include "stream/aws_event_stream.h"
#include "stream/ndjson.h"
#include "stream/sse.h"

namespace gw::stream {

std::unique_ptr<FrameParser> makeFrameParser(vocab::StreamFraming framing,
                                             size_t maxEventBytes) {
  switch (framing) {
    case vocab::StreamFraming::Ndjson: return std::make_unique<NdjsonParser>(maxEventBytes);
    case vocab::StreamFraming::AwsEventStream:
      return std::make_unique<AwsEventStreamParser>(maxEventBytes);
    case vocab::StreamFraming::Sse:
    case vocab::StreamFraming::None: break;
  }
  return std::make_unique<SseParser>(maxEventBytes);
}

Status eventTooLarge(size_t maxEventBytes) {
  return streamError(ErrorCode::BadGateway, "The upstream stream sent an event larger than " +
                                                std::to_string(maxEventBytes) +
                                                " bytes; the gateway stopped reading it.");
}

}  // namespace gw::stream
