#pragma once
// Internal to yaml_reader.cc: the recursive-descent reader that builds a
// Document. Node-level parsing is in yaml_parser.cc, block and flow
// collections (and merge keys) in yaml_collections.cc.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/yaml_reader.h"
#include "config/yaml_scalars.h"

namespace gw::config::yaml {

/// Where a node sits, which decides what may start it inline.
enum class Where { Root, MapValue, SeqItem };

constexpr int kMaxNesting = 500;            ///< recursion guard against "[[[[…" stacks
constexpr size_t kMaxMergedPairs = 100000;  ///< merge keys copy entries: bound the copies

/// Makes a plain null word (`~`, `null`, …) a Null node (yaml_parser.cc).
void resolveNull(NodeData* node);

/// Reads one stream; the first error ends the read.
class Reader {
 public:
  Reader(std::string_view text, Document& doc) : doc_(doc) { cur_.text = text; }
  /// Reads the one document of the stream into the Document.
  void readStream();

 private:
  Cursor cur_;
  Document& doc_;
  std::vector<std::pair<std::string, const NodeData*>> anchors_;
  int nesting_ = 0;
  size_t mergedPairs_ = 0;

  bool failed() const { return doc_.error_.has_value(); }
  NodeData* fail(std::string message, SourcePos pos);
  NodeData* make(NodeKind kind, SourcePos pos);
  void skipBlanks();
  void skipToContent();
  void skipFlowBlanks();
  bool checkIndentation();
  bool atLineEnd() const { return cur_.done() || cur_.peek() == '\n'; }
  bool atBlockEntry() const { return cur_.peek() == '-' && cur_.blankAt(1); }
  bool atDocumentMarker() const;
  std::string readName();

  NodeData* parseNode(int parentIndent, Where where);
  NodeData* parseNextLine(int parentIndent, Where where);
  NodeData* parseContent(int parentIndent, Where where, bool newLine);
  NodeData* parseBare(int parentIndent, Where where, bool newLine);
  NodeData* parseScalar(int parentIndent);
  NodeData* parseBlockMap(int column, NodeData* firstKey);
  NodeData* parseKey(int column);
  NodeData* parseBlockSequence(int column);
  NodeData* parseFlowNode();
  NodeData* parseFlowCollection();
  void addEntry(NodeData* map, const NodeData* key, const NodeData* value,
                std::vector<const NodeData*>& merges);
  void applyMerges(NodeData* map, const std::vector<const NodeData*>& merges);
  bool applyTag(std::string_view tag, SourcePos pos, NodeData* node);
};

}  // namespace gw::config::yaml
