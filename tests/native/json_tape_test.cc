// JsonTape (the validating scanner and its accessors) and JsonWriter, checked
// against nlohmann/json: same accept/reject decisions, same values.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/decimal.h"

#include "core/json_tape.h"
#include "core/json_writer.h"

namespace gw {
namespace {

Outcome<JsonTape> scan(std::string_view text) { return JsonTape::scan(text); }

std::string inQuotes(const std::string& content) {
  std::string out(1, '"');
  out += content;
  out += '"';
  return out;
}

std::string errorOf(std::string_view text) {
  Outcome<JsonTape> tape = scan(text);
  return tape ? std::string("accepted") : tape.error().message;
}

// The tape's DOM equals nlohmann's parse of the same text, types included.
void expectSameAsNlohmann(std::string_view text) {
  Outcome<JsonTape> tape = scan(text);
  ASSERT_TRUE(tape.ok()) << text << ": " << tape.error().message;
  Json expected = Json::parse(text);
  Json actual = tape->root().toJson();
  EXPECT_EQ(actual, expected) << text;
  EXPECT_EQ(actual.dump(), expected.dump()) << text;
}

TEST(JsonTape, ValidDocumentsMatchNlohmann) {
  for (const char* text :
       {"{}", "[]", "0", "-0", "1.5", "-12.5e-3", "1E+2", "true", "false", "null", "\"\"",
        "  {\"a\" : [1, 2, {\"b\": null}], \"c\": \"d\"}  ", "[[[[]]]]", "[1,[2,[3]],{}]",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808",
        "-9223372036854775809", "9223372036854775808", "1e308", "-1e-400", "{\"a\":1,\"a\":2,\"b\":3}",
        "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\"", "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"",
        "\xEF\xBB\xBF{\"bom\": true}", "{\"\\u0061\": 1, \"a\": 2}"}) {
    expectSameAsNlohmann(text);
  }
}

TEST(JsonTape, EveryFixtureFileMatchesNlohmann) {
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(GW_SOURCE_DIR) / "tests")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (Json::parse(text.str(), nullptr, false).is_discarded()) continue;
    expectSameAsNlohmann(text.str());
    ++checked;
  }
  EXPECT_GT(checked, 20u);
}

TEST(JsonTape, InvalidDocumentsAreRejectedLikeNlohmann) {
  for (const char* text :
       {"", " ", "{", "}", "[", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{1:2}",
        "{\"a\":1 \"b\":2}", "01", "1.", ".5", "-", "1e", "1e+", "+1", "tru", "nul", "falsey",
        "[true false]", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\nb\"", "\"\x01\"", "{} {}", "[] x", "NaN",
        "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF5\x80\x80\x80\"", "\"\xE2\x82\"", "\"\x80\"",
        "\"\xF4\x90\x80\x80\"", "\xC3\xA9", "'a'", "[1]]", "{\"a\":1}}", "1e400", "-2E+309"}) {
    EXPECT_FALSE(scan(text).ok()) << "accepted: " << text;
    EXPECT_TRUE(Json::parse(text, nullptr, false).is_discarded()) << "nlohmann accepts: " << text;
    EXPECT_NE(errorOf(text).find("parse error at line "), std::string::npos) << errorOf(text);
  }
}

TEST(JsonTape, ErrorsKeepNlohmannWording) {
  EXPECT_EQ(errorOf("{\"messages\": [}"),
            "parse error at line 1, column 15: syntax error while parsing value - unexpected "
            "'}'; expected '[', '{', or a literal");
  EXPECT_EQ(errorOf("{\"id\": \"x\","),
            "parse error at line 1, column 12: syntax error while parsing object key - "
            "unexpected end of input; expected string literal");
  EXPECT_EQ(errorOf(""),
            "parse error at line 1, column 1: syntax error while parsing value - unexpected end "
            "of input; expected '[', '{', or a literal");
  EXPECT_EQ(errorOf("[1 2]"),
            "parse error at line 1, column 4: syntax error while parsing array - unexpected "
            "number literal; expected ']'");
  EXPECT_EQ(errorOf("{\"a\" 1}"),
            "parse error at line 1, column 6: syntax error while parsing object separator - "
            "unexpected number literal; expected ':'");
  EXPECT_EQ(errorOf("{} x"),
            "parse error at line 1, column 4: syntax error while parsing value - invalid "
            "literal; last read: 'x'");
}

TEST(JsonTape, ErrorPositionsCountLines) {
  EXPECT_EQ(errorOf("{\n  \"a\": 1,\n  \"b\": tru\n}").substr(0, 32),
            "parse error at line 3, column 11");
  EXPECT_NE(errorOf("{\"a\": \"\xFF\"}").find("line 1, column 8: syntax error while parsing "
                                              "value - invalid string: ill-formed UTF-8"),
            std::string::npos);
}

TEST(JsonTape, NestingIsLimitedWithoutRecursion) {
  std::string ok = std::string(256, '[') + std::string(256, ']');
  EXPECT_TRUE(scan(ok).ok());
  std::string deep = std::string(257, '[') + std::string(257, ']');
  EXPECT_NE(errorOf(deep).find("nesting is deeper than 256 levels"), std::string::npos);
  std::string huge(1'000'000, '[');
  EXPECT_FALSE(scan(huge).ok());
  std::string objects;
  for (int i = 0; i < 300; ++i) objects += "{\"a\":";
  EXPECT_FALSE(scan(objects + "1" + std::string(300, '}')).ok());
  EXPECT_TRUE(JsonTape::scan(objects + "1" + std::string(300, '}'), {.maxDepth = 400}).ok());
}

TEST(JsonTape, AccessorsReadValues) {
  std::string text =
      R"({"s":"a\"b\u00e9","n":-42,"u":18446744073709551615,"f":0.5,"big":1e300,)"
      R"("t":true,"z":null,"arr":[1,"x",[2]],"o":{"k":"v","k":"w"}})";
  Outcome<JsonTape> tape = scan(text);
  ASSERT_TRUE(tape.ok());
  JsonRef root = tape->root();
  EXPECT_TRUE(root.isObject());
  EXPECT_EQ(root.size(), 9u);
  EXPECT_EQ(root.find("s").string(), "a\"b\xC3\xA9");
  EXPECT_EQ(root.find("s").rawString(), R"(a\"b\u00e9)");
  EXPECT_TRUE(root.find("s").stringEquals("a\"b\xC3\xA9"));
  EXPECT_EQ(root.find("n").integer(), -42);
  EXPECT_EQ(root.find("u").integer(), static_cast<int64_t>(UINT64_MAX));  // as get<int64_t>
  EXPECT_FALSE(root.find("f").isInteger());
  EXPECT_DOUBLE_EQ(root.find("f").number(), 0.5);
  EXPECT_FALSE(root.find("big").isInteger());
  EXPECT_TRUE(root.find("t").boolean());
  EXPECT_TRUE(root.find("z").isNull());
  EXPECT_FALSE(root.find("z").present());
  EXPECT_FALSE(root.find("missing"));
  EXPECT_FALSE(root.find("missing").isString());
  EXPECT_EQ(root.find("arr").size(), 3u);
  EXPECT_EQ(root.find("arr").raw(), R"([1,"x",[2]])");
  std::vector<std::string> raws;
  for (JsonRef e : root.find("arr").elements()) raws.emplace_back(e.raw());
  EXPECT_EQ(raws, (std::vector<std::string>{"1", "\"x\"", "[2]"}));
  EXPECT_EQ(root.find("o").find("k").string(), "w");  // the last of a repeated key
  EXPECT_TRUE(tape->hasDuplicateKeys());
  EXPECT_FALSE(scan(R"({"a":{"a":1},"b":[{"a":1,"b":2}]})")->hasDuplicateKeys());
  EXPECT_TRUE(scan(R"({"a\u0062":1,"ab":2})")->hasDuplicateKeys());
}

TEST(JsonTape, ManyKeysFindDuplicates) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_FALSE(scan(text + "\"last\":0}")->hasDuplicateKeys());
  EXPECT_TRUE(scan(text + "\"k7\":0}")->hasDuplicateKeys());
}

TEST(JsonTape, BigStringsWithEscapesAtEveryAlignment) {
  for (size_t pad = 0; pad < 17; ++pad) {
    std::string content(pad, 'x');
    content += "\\n\xC3\xA9";
    content += std::string(200'000, 'y');
    content += "\\\"end";
    expectSameAsNlohmann(inQuotes(content));
    std::string control(pad, 'x');
    control += "\x1F";
    control.append(20, 'y');
    EXPECT_FALSE(scan(inQuotes(control)).ok());
  }
}

TEST(JsonWriter, WritesCompactJsonLikeNlohmannDump) {
  JsonWriter w(4);  // small on purpose: grows while writing
  w.beginObject();
  w.key("text");
  w.string("quote\" slash\\ nl\n tab\t ctl\x01 caf\xC3\xA9 bad\xFF");
  w.key("list");
  w.beginArray();
  w.integer(-5);
  w.null();
  w.boolean(true);
  w.beginObject();
  w.endObject();
  w.raw(R"({"a":[1,2]})");
  w.endArray();
  w.rawKey(R"("k\u0065y")");
  w.integer(INT64_MIN);
  w.endObject();
  std::string out = w.take();
  Json expected = {{"text", "quote\" slash\\ nl\n tab\t ctl\x01 caf\xC3\xA9 bad\xEF\xBF\xBD"},
                   {"list", {-5, nullptr, true, Json::object(), {{"a", {1, 2}}}}},
                   {"key", INT64_MIN}};
  EXPECT_EQ(Json::parse(out), expected);
  EXPECT_EQ(out.substr(0, out.find(",\"k")), expected.dump().substr(0, out.find(",\"k")));
}

uint64_t bitsOf(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

void expectLikeStrtod(const std::string& text) {
  std::optional<double> value = parseDecimal(text);
  ASSERT_TRUE(value.has_value()) << text;
  EXPECT_EQ(bitsOf(*value), bitsOf(std::strtod(text.c_str(), nullptr))) << text;
}

TEST(Decimal, MatchesStrtodBitForBit) {
  for (const char* text :
       {"0", "-0", "0.0", "1", "0.1", "0.7", "0.95", "256", "-12.5e-3", "1e19", "1e-19", "1E+2",
        "9007199254740993", "9007199254740995", "18446744073709551615", "0.30000000000000004",
        "123456789012345678e-19", "5e-324", "1.7976931348623157e308", "1e400", "-1e400",
        "2.2250738585072014e-308", "0.000000000000000000000000001", "1234567890123456789012",
        "4.9406564584124654e-324", "0.1000000000000000055511151231257827"}) {
    expectLikeStrtod(text);
  }
  std::mt19937_64 rng(2024);
  char text[64];
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    for (const char* format : {"%.17g", "%.16g", "%.15g", "%.6g"}) {
      std::snprintf(text, sizeof text, format, d);
      expectLikeStrtod(text);
    }
    std::snprintf(text, sizeof text, "%.17g", std::ldexp(static_cast<double>(rng() >> 11), -53));
    expectLikeStrtod(text);  // Math.random()-like values
  }
  for (int i = 0; i < 200000; ++i) {  // up to 19 digits, point anywhere, small exponents
    std::string digits = std::to_string(rng() % 10'000'000'000'000'000'000ULL);
    size_t point = rng() % (digits.size() + 1);
    std::string number = point == digits.size() ? digits : digits.substr(0, point ? point : 1);
    if (point > 0 && point < digits.size()) number.append(1, '.').append(digits, point);
    number.append(1, 'e').append(std::to_string(static_cast<int>(rng() % 41) - 20));
    expectLikeStrtod(number);
  }
}

TEST(Decimal, AcceptsOnlyJsonNumbers) {
  for (const char* text : {"", "-", "+1", "01", "1.", ".5", "1e", "1e+", "0x10", "1 ", " 1", "NaN",
                           "Infinity", "1.5.2", "--1"}) {
    EXPECT_FALSE(parseDecimal(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace gw
