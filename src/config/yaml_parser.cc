// The block and flow structure of YAML, by recursive descent over indentation.
//
// Error wording follows yaml-cpp, which the loader used before, so messages
// (and their positions) that users and tests know stay the same.
#include "config/yaml_parser.h"

namespace gw::config::yaml {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

// `~`, `null`, `Null`, `NULL` (plain) are nulls, as the YAML 1.1 resolver says.
void resolveNull(NodeData* node) {
  const std::string& t = node->text;
  if (node->plain && (t == "~" || t == "null" || t == "Null" || t == "NULL")) {
    node->kind = NodeKind::Null;
  }
}

NodeData* Reader::fail(std::string message, SourcePos pos) {
  if (!failed()) doc_.error_ = ReadError{std::move(message), pos};
  return make(NodeKind::Null, pos);
}

NodeData* Reader::make(NodeKind kind, SourcePos pos) {
  NodeData& node = doc_.nodes_.emplace_back();
  node.kind = kind;
  node.pos = pos;
  return &node;
}

// Blanks and a trailing comment on the current line (not its line break).
void Reader::skipBlanks() {
  while (isBlank(cur_.peek())) cur_.advance();
  if (cur_.peek() == '#' && (cur_.at == 0 || isBlank(cur_.text[cur_.at - 1]) ||
                             cur_.text[cur_.at - 1] == '\n')) {
    while (!atLineEnd()) cur_.advance();
  }
}

// Up to the next content character, over comments and empty lines.
void Reader::skipToContent() {
  for (;;) {
    skipBlanks();
    if (cur_.peek() != '\n') return;
    cur_.advance();
    if (!checkIndentation()) return;
  }
}

// A tab in a line's indentation is an error unless spaces follow it.
bool Reader::checkIndentation() {
  size_t i = cur_.at;
  bool tab = false;
  char last = 0;
  for (; i < cur_.text.size() && isBlank(cur_.text[i]); ++i) {
    tab = tab || cur_.text[i] == '\t';
    last = cur_.text[i];
  }
  if (!tab || i >= cur_.text.size() || cur_.text[i] == '\n' || cur_.text[i] == '#') return true;
  Cursor probe = cur_;
  while (probe.at < i) probe.advance();
  if (probe.peek() == '-' && probe.blankAt(1)) return fail("illegal block entry", probe.pos()), false;
  if (last == '\t') return fail("illegal tab when looking for indentation", cur_.pos()), false;
  return true;
}

bool Reader::atDocumentMarker() const {
  const std::string_view rest = cur_.text.substr(cur_.at);
  return cur_.column == 1 && (rest.starts_with("---") || rest.starts_with("...")) &&
         cur_.blankAt(3);
}

// An anchor, alias or tag name: up to a blank or a flow indicator.
std::string Reader::readName() {
  cur_.advance();
  const size_t start = cur_.at;
  while (!cur_.blankAt(0) && std::string_view(",[]{}").find(cur_.peek()) == std::string_view::npos) {
    cur_.advance();
  }
  return std::string(cur_.text.substr(start, cur_.at - start));
}

void Reader::readStream() {
  for (;;) {
    skipToContent();
    if (failed() || cur_.column != 1 || cur_.peek() != '%') break;
    while (!atLineEnd()) cur_.advance();  // a %YAML or %TAG directive
  }
  if (failed() || cur_.done()) return;
  doc_.documents_ = 1;
  if (atDocumentMarker() && cur_.peek() == '-') {
    for (int i = 0; i < 3; ++i) cur_.advance();
  }
  const NodeData* root = parseNode(-1, Where::Root);
  if (failed()) return;
  skipToContent();
  if (atDocumentMarker() && cur_.peek() == '.') {
    for (int i = 0; i < 3; ++i) cur_.advance();
    skipToContent();
  }
  if (failed()) return;
  if (!cur_.done()) {
    doc_.documents_ = 2;
    fail("expected a single document in the stream", cur_.pos());
    return;
  }
  doc_.root_ = root;
}

NodeData* Reader::parseNode(int parentIndent, Where where) {
  if (++nesting_ > kMaxNesting) return fail("the document is nested too deeply", cur_.pos());
  skipBlanks();
  NodeData* node = atLineEnd() ? parseNextLine(parentIndent, where)
                               : parseContent(parentIndent, where, false);
  --nesting_;
  return node;
}

// A value that starts on a later line: deeper than its parent, or a block
// sequence at the parent's own column (`key:\n- item`).
NodeData* Reader::parseNextLine(int parentIndent, Where where) {
  skipToContent();
  if (failed()) return make(NodeKind::Null, cur_.pos());
  const bool deeper = cur_.indent() > parentIndent;
  const bool sameColumnList = where == Where::MapValue && cur_.indent() == parentIndent &&
                              atBlockEntry();
  if (cur_.done() || atDocumentMarker() || (!deeper && !sameColumnList)) {
    return make(NodeKind::Null, cur_.pos());
  }
  return parseContent(parentIndent, where, true);
}

// Properties (&anchor, !tag) and then the node. The anchor is registered before
// the content is read, so a recursive alias finds it (walks are budgeted).
NodeData* Reader::parseContent(int parentIndent, Where where, bool newLine) {
  const SourcePos start = cur_.pos();
  std::string anchor;
  std::string tag;
  SourcePos tagPos;
  while (cur_.peek() == '&' || cur_.peek() == '!') {
    if (cur_.peek() == '&') {
      anchor = readName();
    } else {
      tagPos = cur_.pos();
      tag = "!" + readName();
    }
    skipBlanks();
  }
  if (anchor.empty() && tag.empty()) return parseBare(parentIndent, where, newLine);
  NodeData* target = make(NodeKind::Null, start);
  if (!anchor.empty()) anchors_.emplace_back(anchor, target);
  NodeData* content = atLineEnd() ? parseNextLine(parentIndent, where)
                                  : parseBare(parentIndent, where, newLine);
  *target = *content;  // a copy: `content` may be an aliased node
  if (target->kind == NodeKind::Null && atLineEnd()) target->pos = start;
  if (!tag.empty()) applyTag(tag, tagPos, target);
  return target;
}

bool Reader::applyTag(std::string_view tag, SourcePos pos, NodeData* node) {
  if (tag == "!" || tag == "!!str") {
    node->plain = false;
    if (node->kind == NodeKind::Null) node->kind = NodeKind::Scalar;
    return true;
  }
  for (std::string_view known : {"!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq"}) {
    if (tag == known) return node->plain = true, true;
  }
  fail("could not determine a constructor for the tag " + std::string(tag), pos);
  return false;
}

// A node without properties: alias, block sequence, flow collection, block
// scalar, explicit key, or a scalar that may turn out to be a map's first key.
NodeData* Reader::parseBare(int parentIndent, Where where, bool newLine) {
  const int column = cur_.indent();
  const char c = cur_.peek();
  if (atBlockEntry()) {
    if (where == Where::MapValue && !newLine) return fail("illegal block entry", cur_.pos());
    return parseBlockSequence(column);
  }
  if (c == '?' && cur_.blankAt(1)) {
    if (where == Where::MapValue && !newLine) return fail("illegal map value", cur_.pos());
    return parseBlockMap(column, nullptr);
  }
  if (c == '|' || c == '>') {
    ScanError error;
    NodeData* node = make(NodeKind::Scalar, cur_.pos());
    node->text = scanBlockScalar(cur_, parentIndent, error);
    node->plain = false;
    return error.empty() ? node : fail(error, cur_.pos());
  }
  NodeData* node = c == '[' || c == '{' ? parseFlowCollection() : parseScalar(parentIndent);
  if (failed()) return node;
  skipBlanks();
  if (!atMapValue(cur_, false)) return node;
  if (where == Where::MapValue && !newLine) return fail("illegal map value", cur_.pos());
  return parseBlockMap(column, node);
}

// An alias, a quoted or a plain scalar.
NodeData* Reader::parseScalar(int parentIndent) {
  const SourcePos pos = cur_.pos();
  const char c = cur_.peek();
  if (c == '*') {
    const std::string name = readName();
    for (auto it = anchors_.rbegin(); it != anchors_.rend(); ++it) {
      if (it->first == name) return const_cast<NodeData*>(it->second);
    }
    return fail("the referenced anchor is not defined", pos);
  }
  NodeData* node = make(NodeKind::Scalar, pos);
  if (c == '"' || c == '\'') {
    ScanError error;
    node->text = scanQuoted(cur_, error);
    node->plain = false;
    return error.empty() ? node : fail(error, pos);
  }
  if (std::string_view(",]}%@`").find(c) != std::string_view::npos) {
    return fail("found character that cannot start any token", pos);
  }
  node->text = scanPlain(cur_, false, parentIndent);
  resolveNull(node);
  return node;
}

}  // namespace gw::config::yaml
