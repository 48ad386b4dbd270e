// Python json.dumps formatting (reference §9.6): tool-call arguments built from objects.
#include <gtest/gtest.h>

#include "providers/dialects/python_json.h"

namespace gw::providers {
namespace {

std::string dumps(const char* json) { return pythonJsonDumps(Json::parse(json)); }

TEST(PythonJson, SeparatorsAndOrder) {
  EXPECT_EQ(dumps(R"({"b":1,"a":"x","c":[1,2,{}],"d":{"e":[]}})"),
            R"({"b": 1, "a": "x", "c": [1, 2, {}], "d": {"e": []}})");
}

TEST(PythonJson, Literals) {
  EXPECT_EQ(dumps(R"([true,false,null,-3,0])"), "[true, false, null, -3, 0]");
}

TEST(PythonJson, FloatsLikeRepr) {
  EXPECT_EQ(dumps("[1.0, 0.5, 1e-05, 0.0001, 1e+16, 1.5e+300, -0.0]"),
            "[1.0, 0.5, 1e-05, 0.0001, 1e+16, 1.5e+300, -0.0]");
  // Python keeps 1e15..1e16 in positional notation.
  EXPECT_EQ(dumps("[1e15, 1.25e15, 123456789012345.6, 1234567890123456.8]"),
            "[1000000000000000.0, 1250000000000000.0, 123456789012345.6, 1234567890123456.8]");
}

TEST(PythonJson, EnsureAscii) {
  EXPECT_EQ(pythonJsonDumps(Json("Zürich")), R"("Z\u00fcrich")");
  EXPECT_EQ(pythonJsonDumps(Json("€")), R"("\u20ac")");
  EXPECT_EQ(pythonJsonDumps(Json("😀")), R"("\ud83d\ude00")");
  EXPECT_EQ(pythonJsonDumps(Json(std::string("a\x7f" "b"))), R"("a\u007fb")");
}

TEST(PythonJson, ControlCharacters) {
  EXPECT_EQ(pythonJsonDumps(Json("q\"b\\n\n\r\t\b\f\x01")), R"("q\"b\\n\n\r\t\b\f\u0001")");
}

TEST(PythonJson, NonAsciiKeys) {
  EXPECT_EQ(dumps(R"({"ключ": "é"})"), R"({"\u043a\u043b\u044e\u0447": "\u00e9"})");
}

}  // namespace
}  // namespace gw::providers
