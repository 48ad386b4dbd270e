// SSE framing (WHATWG event-stream interpretation), fed in arbitrary pieces.
#include <gtest/gtest.h>

#include "stream/sse.h"
#include "stream_test_util.h"

namespace gw::testing {
namespace {

using stream::SseParser;

EventList parseWhole(std::string_view bytes) {
  SseParser parser;
  ParseResult r = parseSplit(parser, bytes, {});
  EXPECT_TRUE(r.status.ok()) << r.status.message;
  return r.events;
}

// Every split position (two pieces) and 1-byte pieces give the same events as one feed.
void expectSplitInvariant(std::string_view bytes, const EventList& expected) {
  for (size_t cut = 1; cut < bytes.size(); ++cut) {
    SseParser parser;
    ParseResult r = parseSplit(parser, bytes, {cut});
    ASSERT_TRUE(r.status.ok()) << "cut " << cut;
    ASSERT_EQ(r.events, expected) << "cut " << cut;
  }
  SseParser parser;
  EXPECT_EQ(parseInSteps(parser, bytes, 1).events, expected);
}

TEST(StreamSse, DataLinesAreJoinedWithNewline) {
  EXPECT_EQ(parseWhole("data: a\ndata: b\n\n"), (EventList{{"", "a\nb"}}));
  EXPECT_EQ(parseWhole("data: one\n\ndata: two\n\n"), (EventList{{"", "one"}, {"", "two"}}));
}

TEST(StreamSse, EventNameAppliesToOneEvent) {
  EXPECT_EQ(parseWhole("event: delta\ndata: x\n\ndata: y\n\n"),
            (EventList{{"delta", "x"}, {"", "y"}}));
  // An event name without data dispatches nothing and does not leak into the next event.
  EXPECT_EQ(parseWhole("event: ping\n\ndata: z\n\n"), (EventList{{"", "z"}}));
}

TEST(StreamSse, CommentsIdAndRetryAreIgnored) {
  EXPECT_EQ(parseWhole(": keep-alive\n\n:\nid: 7\nretry: 100\ndata: x\n\n"), (EventList{{"", "x"}}));
}

TEST(StreamSse, ValueSpacing) {
  EXPECT_EQ(parseWhole("data:a\n\n"), (EventList{{"", "a"}}));
  EXPECT_EQ(parseWhole("data:  a \n\n"), (EventList{{"", " a "}}));
  EXPECT_EQ(parseWhole("data: a: b\n\n"), (EventList{{"", "a: b"}}));
  // A field name without a colon has an empty value: "data" alone is one empty line of data.
  EXPECT_EQ(parseWhole("data\n\n"), (EventList{{"", ""}}));
  EXPECT_EQ(parseWhole("data\ndata\n\n"), (EventList{{"", "\n"}}));
}

TEST(StreamSse, UnknownFieldsAreIgnored) {
  EXPECT_EQ(parseWhole("foo: bar\ndata: x\nDATA: y\n\n"), (EventList{{"", "x"}}));
}

TEST(StreamSse, AllLineEndings) {
  EventList expected{{"", "a"}, {"", "b"}, {"", "c"}, {"e", "d\nf"}};
  std::string_view bytes = "data: a\r\n\r\ndata: b\r\rdata: c\n\nevent: e\rdata: d\r\ndata: f\n\r\n";
  EXPECT_EQ(parseWhole(bytes), expected);
  expectSplitInvariant(bytes, expected);
}

TEST(StreamSse, CrLfSplitAcrossFeedsIsOneLineEnd) {
  // A naive parser would end the line at CR and see the LF as an empty line (dispatch).
  SseParser parser;
  ParseResult r = parseSplit(parser, "data: a\r\ndata: b\r\n\r\n", {8});
  EXPECT_EQ(r.events, (EventList{{"", "a\nb"}}));
}

TEST(StreamSse, LeadingBomIsDroppedOnce) {
  std::string bytes = "\xEF\xBB\xBF" "data: a\n\n\xEF\xBB\xBF" "data: b\n\ndata: c\n\n";
  // The second BOM is part of a field name ("\uFEFFdata"), which is ignored.
  EventList expected{{"", "a"}, {"", "c"}};
  EXPECT_EQ(parseWhole(bytes), expected);
  expectSplitInvariant(bytes, expected);
}

TEST(StreamSse, SplitInsideUtf8Sequences) {
  std::string bytes = "event: t\xC3\xA9st\ndata: H\xC3\xA9llo \xF0\x9F\x91\x8B \xE6\x97\xA5\n\ndata: \xE2\x80\x94\n\n";
  EventList expected{{"t\xC3\xA9st", "H\xC3\xA9llo \xF0\x9F\x91\x8B \xE6\x97\xA5"}, {"", "\xE2\x80\x94"}};
  EXPECT_EQ(parseWhole(bytes), expected);
  expectSplitInvariant(bytes, expected);
}

TEST(StreamSse, IncompleteEventAtEndIsDiscarded) {
  EXPECT_EQ(parseWhole("data: a\n\ndata: b\n"), (EventList{{"", "a"}}));
  EXPECT_EQ(parseWhole("data: a\n\ndata: b"), (EventList{{"", "a"}}));
}

TEST(StreamSse, UnterminatedLineHitsTheBufferLimit) {
  SseParser parser(64);
  RecordingSink sink;
  std::string piece(10, 'x');
  EXPECT_TRUE(parser.feed("data: ", sink).ok());
  Status s;
  int feeds = 0;
  while (s.ok() && feeds < 100) {
    s = parser.feed(piece, sink);
    ++feeds;
  }
  ASSERT_FALSE(s.ok());
  EXPECT_LE(feeds, 7);
  EXPECT_NE(s.message.find("larger than 64 bytes"), std::string::npos);
  // The parser stays failed.
  EXPECT_FALSE(parser.feed("\n\n", sink).ok());
  EXPECT_FALSE(parser.finish(sink).ok());
  EXPECT_TRUE(sink.events.empty());
}

TEST(StreamSse, ManyDataLinesHitTheBufferLimit) {
  SseParser parser(64);
  RecordingSink sink;
  Status s;
  for (int i = 0; i < 20 && s.ok(); ++i) s = parser.feed("data: 0123456789\n", sink);
  EXPECT_FALSE(s.ok());
}

TEST(StreamSse, EventsUnderTheLimitPass) {
  SseParser parser(64);
  RecordingSink sink;
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(parser.feed("data: 0123456789\n\n", sink).ok());
  EXPECT_EQ(sink.events.size(), 100u);
}

TEST(StreamSse, SinkErrorStopsParsing) {
  SseParser parser;
  RecordingSink sink;
  sink.failAt = 1;
  Status s = parser.feed("data: a\n\ndata: b\n\ndata: c\n\n", sink);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message, "sink says no");
  EXPECT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(parser.feed("data: d\n\n", sink).message, "sink says no");
}

}  // namespace
}  // namespace gw::testing
