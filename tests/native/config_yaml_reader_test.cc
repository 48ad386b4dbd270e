// The config YAML reader (src/config/yaml_reader.h): positions, error wording,
// and the bounds that keep hostile input cheap.
#include <gtest/gtest.h>

#include <string>

#include "config/rules.h"

namespace gw::config::yaml {
namespace {

Node child(const Node& map, std::string_view key) {
  for (const auto& [k, v] : map.pairs()) {
    if (Node(k).scalar() == key) return Node(v);
  }
  return Node();
}

void expectError(std::string_view text, std::string_view message, int line, int column) {
  const Document doc = readYaml(text);
  ASSERT_TRUE(doc.error().has_value()) << text;
  EXPECT_EQ(doc.error()->message, message) << text;
  EXPECT_EQ(doc.error()->pos.line, line) << text;
  EXPECT_EQ(doc.error()->pos.column, column) << text;
  EXPECT_FALSE(doc.root().isDefined());
}

TEST(ConfigYamlReader, PositionsAreOneBased) {
  const Document doc = readYaml("a: 1\nlist:\n  - x\n  - {k: v}\nq: 'text'\n");
  ASSERT_FALSE(doc.error());
  const Node root = doc.root();
  EXPECT_EQ(root.pos().line, 1);
  EXPECT_EQ(child(root, "a").pos().column, 4);
  const Node list = child(root, "list");
  ASSERT_TRUE(list.isSequence());
  EXPECT_EQ(list.pos().line, 3);
  EXPECT_EQ(list.pos().column, 3);
  const Node second = *++list.begin();
  EXPECT_EQ(second.pos().line, 4);
  EXPECT_EQ(second.pos().column, 5);
  EXPECT_EQ(child(root, "q").pos().column, 4);
  EXPECT_FALSE(child(root, "q").isPlain());
}

TEST(ConfigYamlReader, ByteOrderMarkAndCrlfDoNotShiftColumns) {
  const Document doc = readYaml("\xEF\xBB\xBF" "a: 1\r\nb: two\r\n");
  ASSERT_FALSE(doc.error());
  EXPECT_EQ(child(doc.root(), "b").scalar(), "two");
  EXPECT_EQ(child(doc.root(), "b").pos().line, 2);
  EXPECT_EQ(child(doc.root(), "a").pos().column, 4);
}

TEST(ConfigYamlReader, ErrorsKeepTheLoadersWording) {
  expectError("a: \"open\n", "found unexpected end of stream while scanning a quoted scalar", 1, 4);
  expectError("a: *nope\n", "the referenced anchor is not defined", 1, 4);
  expectError("a: [1, 2\n", "end of sequence flow not found", 2, 1);
  expectError("a: {x: 1\n", "end of map flow not found", 2, 1);
  expectError("a: 1\n---\nb: 2\n", "expected a single document in the stream", 2, 1);
  expectError("- a\nb: 1\n", "expected a single document in the stream", 2, 1);
  expectError("a:\n  b: 1\n c: 2\n", "end of map not found", 3, 2);
  expectError("a:\n\tb: 1\n", "illegal tab when looking for indentation", 2, 1);
  expectError("a: b: c\n", "illegal map value", 1, 5);
  expectError("a: !custom x\n", "could not determine a constructor for the tag !custom", 1, 4);
}

TEST(ConfigYamlReader, EmptyStreamHasNoDocument) {
  EXPECT_EQ(readYaml("").documents(), 0);
  EXPECT_EQ(readYaml("# only a comment\n\n").documents(), 0);
  const Document marker = readYaml("---\n");
  EXPECT_EQ(marker.documents(), 1);
  EXPECT_TRUE(marker.root().isNull());
  EXPECT_EQ(marker.root().pos().line, 2);
}

TEST(ConfigYamlReader, NestingIsBounded) {
  const std::string deep = "a: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  expectError(deep, "the document is nested too deeply", 1, 503);
}

TEST(ConfigYamlReader, RecursiveAliasIsCutByTheWalkBudget) {
  const Document doc = readYaml("a: &loop {reply: *loop}\n");
  ASSERT_FALSE(doc.error());
  detail::WalkBudget budget;
  detail::toJson(doc.root(), budget);
  EXPECT_TRUE(budget.exceeded);
}

TEST(ConfigYamlReader, AliasBombIsCutByTheWalkBudget) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 10; ++j) text += ", " + prev;
    text += "]\n";
  }
  const Document doc = readYaml(text);
  ASSERT_FALSE(doc.error());
  detail::WalkBudget budget;
  detail::toJson(doc.root(), budget);
  EXPECT_TRUE(budget.exceeded);
}

TEST(ConfigYamlReader, MergeKeysPutOwnKeysLast) {
  const Document doc = readYaml("b: &b {x: 1, y: 2}\nd:\n  y: 3\n  <<: *b\n");
  ASSERT_FALSE(doc.error());
  const detail::MapView view(child(doc.root(), "d"));
  ASSERT_NE(view.find("y"), nullptr);
  EXPECT_EQ(view.find("y")->value.scalar(), "3");
  EXPECT_EQ(view.find("x")->value.scalar(), "1");
}

}  // namespace
}  // namespace gw::config::yaml
