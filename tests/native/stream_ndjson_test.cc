// NDJSON framing, fed in arbitrary pieces.
#include <gtest/gtest.h>

#include "stream/ndjson.h"
#include "stream_test_util.h"

namespace gw::testing {
namespace {

using stream::NdjsonParser;

TEST(StreamNdjson, OneEventPerLine) {
  NdjsonParser parser;
  ParseResult r = parseSplit(parser, "{\"a\":1}\n{\"b\":2}\r\n\n  \n{\"c\":3}\n", {});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.events, (EventList{{"", "{\"a\":1}"}, {"", "{\"b\":2}"}, {"", "{\"c\":3}"}}));
}

TEST(StreamNdjson, LastLineWithoutNewlineIsFlushedAtEnd) {
  NdjsonParser parser;
  RecordingSink sink;
  ASSERT_TRUE(parser.feed("{\"a\":1}\n{\"b\":", sink).ok());
  EXPECT_EQ(sink.events.size(), 1u);
  ASSERT_TRUE(parser.feed("2}", sink).ok());
  ASSERT_TRUE(parser.finish(sink).ok());
  EXPECT_EQ(sink.events.back().second, "{\"b\":2}");
}

TEST(StreamNdjson, SplitAnywhereIncludingUtf8) {
  std::string bytes = "\xEF\xBB\xBF{\"t\":\"H\xC3\xA9llo \xF0\x9F\x91\x8B\"}\r\n{\"t\":\"\xE6\x97\xA5\"}\n";
  EventList expected{{"", "{\"t\":\"H\xC3\xA9llo \xF0\x9F\x91\x8B\"}"}, {"", "{\"t\":\"\xE6\x97\xA5\"}"}};
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    NdjsonParser parser;
    ParseResult r = parseSplit(parser, bytes, {cut});
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.events, expected) << "cut " << cut;
  }
  NdjsonParser parser;
  EXPECT_EQ(parseInSteps(parser, bytes, 1).events, expected);
}

TEST(StreamNdjson, NeverEndingLineHitsTheBufferLimit) {
  NdjsonParser parser(32);
  RecordingSink sink;
  Status s;
  for (int i = 0; i < 10 && s.ok(); ++i) s = parser.feed("0123456789", sink);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message.find("larger than 32 bytes"), std::string::npos);
  EXPECT_FALSE(parser.feed("\n", sink).ok());
  EXPECT_FALSE(parser.finish(sink).ok());
}

TEST(StreamNdjson, SinkErrorStopsParsing) {
  NdjsonParser parser;
  RecordingSink sink;
  sink.failAt = 0;
  EXPECT_FALSE(parser.feed("{}\n{}\n", sink).ok());
  EXPECT_TRUE(sink.events.empty());
}

}  // namespace
}  // namespace gw::testing
