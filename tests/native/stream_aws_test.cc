// AWS event-stream framing: CRCs, typed headers, message types, malformed
// frames, frames split anywhere, the per-frame size bound.
#include <gtest/gtest.h>

#include <cstdint>

#include "stream/aws_event_stream.h"
#include "stream/crc32.h"
#include "stream_test_util.h"

namespace gw::testing {
namespace {

using stream::AwsEventStreamParser;

// A frame produced independently (Python struct + zlib.crc32): headers
// :event-type=contentBlockDelta, :content-type=application/json, :message-type=event.
const std::string kReferenceFrame(
    "\x00\x00\x00\x94\x00\x00\x00\x57\xb4\xab\x9a\xee\x0b\x3a\x65\x76"
    "\x65\x6e\x74\x2d\x74\x79\x70\x65\x07\x00\x11\x63\x6f\x6e\x74\x65"
    "\x6e\x74\x42\x6c\x6f\x63\x6b\x44\x65\x6c\x74\x61\x0d\x3a\x63\x6f"
    "\x6e\x74\x65\x6e\x74\x2d\x74\x79\x70\x65\x07\x00\x10\x61\x70\x70"
    "\x6c\x69\x63\x61\x74\x69\x6f\x6e\x2f\x6a\x73\x6f\x6e\x0d\x3a\x6d"
    "\x65\x73\x73\x61\x67\x65\x2d\x74\x79\x70\x65\x07\x00\x05\x65\x76"
    "\x65\x6e\x74\x7b\x22\x63\x6f\x6e\x74\x65\x6e\x74\x42\x6c\x6f\x63"
    "\x6b\x49\x6e\x64\x65\x78\x22\x3a\x30\x2c\x22\x64\x65\x6c\x74\x61"
    "\x22\x3a\x7b\x22\x74\x65\x78\x74\x22\x3a\x22\x48\x69\x22\x7d\x7d"
    "\x1f\x94\x46\x57",
    148);

void putBe(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

// Test encoder: headers are raw pre-encoded bytes.
std::string frameWith(const std::string& headers, const std::string& payload) {
  std::string out;
  putBe(out, 16 + headers.size() + payload.size(), 4);
  putBe(out, headers.size(), 4);
  putBe(out, stream::crc32(out), 4);
  out += headers;
  out += payload;
  putBe(out, stream::crc32(out), 4);
  return out;
}

std::string stringHeader(const std::string& name, const std::string& value) {
  std::string out(1, static_cast<char>(name.size()));
  out += name;
  out.push_back(7);
  putBe(out, value.size(), 2);
  return out + value;
}

std::string eventFrame(const std::string& type, const std::string& payload) {
  return frameWith(stringHeader(":message-type", "event") + stringHeader(":event-type", type), payload);
}

ParseResult parseWhole(std::string_view bytes, size_t max = stream::kDefaultMaxEventBytes) {
  AwsEventStreamParser parser(max);
  return parseSplit(parser, bytes, {});
}

TEST(StreamAws, Crc32CheckValue) {
  EXPECT_EQ(stream::crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(stream::crc32(""), 0u);
  EXPECT_EQ(stream::crc32("6789", stream::crc32("12345")), 0xCBF43926u);
}

TEST(StreamAws, DecodesAnIndependentlyEncodedFrame) {
  ParseResult r = parseWhole(kReferenceFrame);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.events,
            (EventList{{"contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"}}));
}

TEST(StreamAws, FramesSplitAnywhere) {
  std::string bytes = eventFrame("messageStart", "{\"role\":\"assistant\"}") + kReferenceFrame +
                      eventFrame("messageStop", "{\"stopReason\":\"end_turn\"}") + eventFrame("empty", "");
  EventList expected{{"messageStart", "{\"role\":\"assistant\"}"},
                     {"contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"},
                     {"messageStop", "{\"stopReason\":\"end_turn\"}"},
                     {"empty", ""}};
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    AwsEventStreamParser parser;
    ParseResult r = parseSplit(parser, bytes, {cut});
    ASSERT_TRUE(r.status.ok()) << "cut " << cut << ": " << r.status.message;
    ASSERT_EQ(r.events, expected) << "cut " << cut;
  }
  for (size_t step : {1, 3, 7, 13}) {
    AwsEventStreamParser parser;
    EXPECT_EQ(parseInSteps(parser, bytes, step).events, expected) << step;
  }
}

TEST(StreamAws, EveryHeaderTypeIsSkippedCorrectly) {
  std::string h;
  auto name = [&](const std::string& n, int type) {
    h.push_back(static_cast<char>(n.size()));
    h += n;
    h.push_back(static_cast<char>(type));
  };
  name("t", 0);
  name("f", 1);
  name("b", 2), h.push_back(7);
  name("s", 3), putBe(h, 0x1234, 2);
  name("i", 4), putBe(h, 0x12345678, 4);
  name("l", 5), putBe(h, 0x0102030405060708ull, 8);
  name("y", 6), putBe(h, 3, 2), h += "\x01\x02\x03";
  name("ts", 8), putBe(h, 1700000000000ull, 8);
  name("u", 9), h += std::string(16, '\x42');
  h += stringHeader(":message-type", "event") + stringHeader(":event-type", "x");
  ParseResult r = parseWhole(frameWith(h, "payload"));
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.events, (EventList{{"x", "payload"}}));
}

TEST(StreamAws, ExceptionFrameIsAnError) {
  std::string h = stringHeader(":message-type", "exception") +
                  stringHeader(":exception-type", "throttlingException") +
                  stringHeader(":content-type", "application/json");
  ParseResult r = parseWhole(eventFrame("a", "{}") + frameWith(h, "{\"message\":\"Too many requests\"}"));
  EXPECT_EQ(r.events.size(), 1u);
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message, "Too many requests");
  ASSERT_TRUE(r.status.detail.has_value());
  EXPECT_EQ((*r.status.detail)["type"], "throttlingException");
}

TEST(StreamAws, ErrorFrameIsAnError) {
  std::string h = stringHeader(":message-type", "error") + stringHeader(":error-code", "InternalFailure") +
                  stringHeader(":error-message", "Something broke");
  ParseResult r = parseWhole(frameWith(h, ""));
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message, "Something broke");
  EXPECT_EQ((*r.status.detail)["type"], "InternalFailure");
}

TEST(StreamAws, BadPreludeCrc) {
  std::string bytes = kReferenceFrame;
  bytes[9] ^= 0x01;
  ParseResult r = parseWhole(bytes);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message.find("prelude CRC"), std::string::npos);
  EXPECT_TRUE(r.events.empty());
}

TEST(StreamAws, BadMessageCrc) {
  std::string bytes = kReferenceFrame;
  bytes[120] ^= 0x20;  // inside the payload
  ParseResult r = parseWhole(bytes);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message.find("message CRC"), std::string::npos);
  EXPECT_TRUE(r.events.empty());
}

TEST(StreamAws, StreamEndingInsideAFrame) {
  for (size_t cut : {size_t{5}, size_t{12}, size_t{100}, kReferenceFrame.size() - 1}) {
    ParseResult r = parseWhole(kReferenceFrame.substr(0, cut));
    ASSERT_FALSE(r.status.ok()) << cut;
    EXPECT_NE(r.status.message.find("ended inside a frame"), std::string::npos);
  }
}

TEST(StreamAws, OversizedLengthIsRejectedFromThePrelude) {
  std::string prelude;
  putBe(prelude, 0x7FFFFFFF, 4);
  putBe(prelude, 0, 4);
  putBe(prelude, stream::crc32(prelude), 4);
  AwsEventStreamParser parser(1024);
  RecordingSink sink;
  Status s = parser.feed(prelude, sink);  // rejected before any payload is buffered
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message.find("larger than 1024 bytes"), std::string::npos);
  EXPECT_FALSE(parser.feed("more", sink).ok());
}

TEST(StreamAws, FrameJustOverTheLimit) {
  std::string frame = eventFrame("x", std::string(100, 'p'));
  EXPECT_TRUE(parseWhole(frame, frame.size()).status.ok());
  EXPECT_FALSE(parseWhole(frame, frame.size() - 1).status.ok());
}

TEST(StreamAws, LengthsOutOfBounds) {
  auto prelude = [](uint32_t total, uint32_t headers) {
    std::string p;
    putBe(p, total, 4);
    putBe(p, headers, 4);
    putBe(p, stream::crc32(p), 4);
    return p + std::string(64, '\0');
  };
  EXPECT_NE(parseWhole(prelude(15, 0)).status.message.find("too short"), std::string::npos);
  EXPECT_NE(parseWhole(prelude(40, 30)).status.message.find("headers length"), std::string::npos);
}

TEST(StreamAws, MalformedHeaders) {
  std::string unknownType = std::string("\x01x\x0A", 3);
  EXPECT_NE(parseWhole(frameWith(unknownType, "")).status.message.find("unknown header type"),
            std::string::npos);
  std::string overrun = std::string("\x01x\x07\x00\x50", 5) + "abc";
  EXPECT_NE(parseWhole(frameWith(overrun, "")).status.message.find("overruns"), std::string::npos);
  std::string emptyName = std::string("\x00\x00", 2);
  EXPECT_NE(parseWhole(frameWith(emptyName, "")).status.message.find("header name"), std::string::npos);
}

TEST(StreamAws, UnknownOrMissingMessageType) {
  EXPECT_FALSE(parseWhole(frameWith(stringHeader(":message-type", "weird"), "")).status.ok());
  EXPECT_FALSE(parseWhole(frameWith(stringHeader(":event-type", "x"), "")).status.ok());
}

}  // namespace
}  // namespace gw::testing
