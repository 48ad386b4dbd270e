// Block and flow collections of the YAML reader, and PyYAML's merge keys.
#include "config/yaml_parser.h"

namespace gw::config::yaml {
namespace {

bool isMergeKey(const NodeData* key) {
  return key != nullptr && key->kind == NodeKind::Scalar && key->plain && key->text == "<<";
}

}  // namespace

// Entries at `column`; the cursor is on the first key's ':' (or on '?' when
// `firstKey` is null: an explicit key).
NodeData* Reader::parseBlockMap(int column, NodeData* firstKey) {
  NodeData* map = make(NodeKind::Map, firstKey ? firstKey->pos : cur_.pos());
  std::vector<const NodeData*> merges;
  const NodeData* key = firstKey;
  for (;;) {
    if (key == nullptr) {  // "? key" then, at the same column, ": value"
      cur_.advance();
      key = parseNode(column, Where::SeqItem);
      skipToContent();
      if (failed()) return map;
      if (!(cur_.indent() == column && atMapValue(cur_, false))) {
        addEntry(map, key, make(NodeKind::Null, key->pos), merges);
        key = nullptr;
      }
    }
    if (key != nullptr) {
      cur_.advance();  // ':'
      addEntry(map, key, parseNode(column, Where::MapValue), merges);
      skipToContent();
    }
    if (failed() || cur_.done() || atDocumentMarker() || cur_.indent() < column) break;
    if (cur_.indent() > column || atBlockEntry()) {
      fail("end of map not found", cur_.pos());
      break;
    }
    key = cur_.peek() == '?' && cur_.blankAt(1) ? nullptr : parseKey(column);
    if (failed()) break;
  }
  applyMerges(map, merges);
  return map;
}

// A key of a block map (the cursor on it): a scalar, an alias or a flow
// collection, with an optional anchor; leaves the cursor on its ':'.
NodeData* Reader::parseKey(int column) {
  std::string anchor;
  if (cur_.peek() == '&') {
    anchor = readName();
    skipBlanks();
  }
  NodeData* key = cur_.peek() == '[' || cur_.peek() == '{' ? parseFlowCollection()
                                                           : parseScalar(column);
  if (!anchor.empty()) anchors_.emplace_back(anchor, key);
  if (failed()) return key;
  skipBlanks();
  if (!atMapValue(cur_, false)) return fail("could not find expected ':'", cur_.pos());
  return key;
}

// Items at `column`; the cursor is on the first '-'.
NodeData* Reader::parseBlockSequence(int column) {
  NodeData* seq = make(NodeKind::Sequence, cur_.pos());
  for (;;) {
    cur_.advance();  // '-'
    seq->items.push_back(parseNode(column, Where::SeqItem));
    skipToContent();
    if (failed() || cur_.done() || atDocumentMarker() || cur_.indent() < column) break;
    if (cur_.indent() == column && atBlockEntry()) continue;
    if (cur_.indent() > column) fail("end of sequence not found", cur_.pos());
    break;
  }
  return seq;
}

// One node inside [ ] or { }: line breaks are blanks there.
NodeData* Reader::parseFlowNode() {
  if (++nesting_ > kMaxNesting) return fail("the document is nested too deeply", cur_.pos());
  skipFlowBlanks();
  NodeData* node = nullptr;
  const char c = cur_.peek();
  if (c == '[' || c == '{') {
    node = parseFlowCollection();
  } else if (c == '&' || c == '!') {
    const SourcePos start = cur_.pos();
    std::string anchor;
    std::string tag;
    while (cur_.peek() == '&' || cur_.peek() == '!') {
      if (cur_.peek() == '&') {
        anchor = readName();
      } else {
        tag = "!" + readName();
      }
      skipFlowBlanks();
    }
    node = make(NodeKind::Null, start);
    if (!anchor.empty()) anchors_.emplace_back(anchor, node);
    *node = *parseFlowNode();
    if (!tag.empty()) applyTag(tag, start, node);
  } else if (c == ',' || c == ']' || c == '}' || (c == ':' && atMapValue(cur_, true))) {
    node = make(NodeKind::Null, cur_.pos());  // an empty key or value
  } else if (c == '*' || c == '"' || c == '\'') {
    node = parseScalar(-1);
  } else {
    node = make(NodeKind::Scalar, cur_.pos());
    node->text = scanPlain(cur_, true, -1);
    resolveNull(node);
  }
  --nesting_;
  return node;
}

// [ … ] or { … }; a `key: value` inside [ ] is a one-entry map, as in PyYAML.
NodeData* Reader::parseFlowCollection() {
  const bool isMap = cur_.peek() == '{';
  const char close = isMap ? '}' : ']';
  const std::string unclosed = isMap ? "end of map flow not found" : "end of sequence flow not found";
  NodeData* out = make(isMap ? NodeKind::Map : NodeKind::Sequence, cur_.pos());
  std::vector<const NodeData*> merges;
  cur_.advance();
  for (;;) {
    skipFlowBlanks();
    if (failed()) return out;
    if (cur_.done()) return fail(unclosed, cur_.pos());
    if (cur_.peek() == close) break;
    const bool jsonKey = std::string_view("\"'[{").find(cur_.peek()) != std::string_view::npos;
    NodeData* item = parseFlowNode();
    skipFlowBlanks();
    if (failed()) return out;
    NodeData* value = nullptr;
    // After a quoted key or a collection a ':' needs no blank ({"a":1}, JSON style).
    if (atMapValue(cur_, true) || (jsonKey && cur_.peek() == ':')) {
      cur_.advance();
      value = parseFlowNode();
      skipFlowBlanks();
    }
    if (isMap) {
      addEntry(out, item, value ? value : make(NodeKind::Null, item->pos), merges);
    } else if (value != nullptr) {
      NodeData* pair = make(NodeKind::Map, item->pos);
      pair->pairs.emplace_back(item, value);
      out->items.push_back(pair);
    } else {
      out->items.push_back(item);
    }
    if (cur_.done()) return fail(unclosed, cur_.pos());
    if (cur_.peek() == ',') {
      cur_.advance();
    } else if (cur_.peek() != close) {
      return fail(unclosed, cur_.pos());
    }
  }
  cur_.advance();
  applyMerges(out, merges);
  return out;
}

// Blanks, comments and line breaks inside a flow collection.
void Reader::skipFlowBlanks() {
  for (;;) {
    skipBlanks();
    if (cur_.peek() != '\n') return;
    cur_.advance();
  }
}

void Reader::addEntry(NodeData* map, const NodeData* key, const NodeData* value,
                      std::vector<const NodeData*>& merges) {
  if (!isMergeKey(key)) {
    map->pairs.emplace_back(key, value);
    return;
  }
  if (value->kind == NodeKind::Map) {
    merges.push_back(value);
    return;
  }
  if (value->kind == NodeKind::Sequence) {
    // PyYAML: earlier maps of the list win, so they are merged last.
    for (auto it = value->items.rbegin(); it != value->items.rend(); ++it) {
      if ((*it)->kind != NodeKind::Map) {
        fail("expected a mapping for merging", (*it)->pos);
        return;
      }
      merges.push_back(*it);
    }
    return;
  }
  fail("expected a mapping or list of mappings for merging", value->pos);
}

// Merged entries go first so that the map's own keys win (last key wins).
void Reader::applyMerges(NodeData* map, const std::vector<const NodeData*>& merges) {
  if (merges.empty()) return;
  std::vector<std::pair<const NodeData*, const NodeData*>> pairs;
  for (const NodeData* source : merges) {
    mergedPairs_ += source->pairs.size();
    if (mergedPairs_ > kMaxMergedPairs) {
      fail("too many merged entries", map->pos);
      return;
    }
    pairs.insert(pairs.end(), source->pairs.begin(), source->pairs.end());
  }
  pairs.insert(pairs.end(), map->pairs.begin(), map->pairs.end());
  map->pairs = std::move(pairs);
}

}  // namespace gw::config::yaml
