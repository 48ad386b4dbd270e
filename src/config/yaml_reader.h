#pragma once
// Internal to src/config: the loader's own YAML reader (replaces yaml-cpp).
//
// It reads the subset of YAML 1.1 that PyYAML's `yaml.safe_load` reads (MLflow
// loads its gateway config that way): block and flow collections, plain, quoted
// and block (`|`, `>`, chomping and indentation indicators) scalars, comments,
// anchors, aliases (recursive ones too: walks are bounded by WalkBudget) and
// merge keys `<<`. Scalars keep their text; typing them (`yes` is a boolean,
// `1e3` a string…) is yaml_nodes.h's job. No exceptions, no global state: a
// Document owns every node, a Node is a non-owning handle valid while its
// Document lives.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace gw::config::yaml {

enum class NodeKind : unsigned char { Undefined, Null, Scalar, Sequence, Map };

struct NodeData;

/// A read-only handle on one node; the default Node is Undefined.
class Node {
 public:
  Node() = default;
  explicit Node(const NodeData* data) : data_(data) {}

  NodeKind kind() const;
  bool isDefined() const { return kind() != NodeKind::Undefined; }
  bool isNull() const { return kind() == NodeKind::Null; }
  bool isScalar() const { return kind() == NodeKind::Scalar; }
  bool isSequence() const { return kind() == NodeKind::Sequence; }
  bool isMap() const { return kind() == NodeKind::Map; }
  /// The text of a scalar (empty for other kinds).
  const std::string& scalar() const;
  /// A plain (unquoted, untagged) scalar: the only kind the resolver types.
  bool isPlain() const;
  /// 1-based position of the node's first character (of the next token for an empty null).
  SourcePos pos() const;
  /// Items of a sequence or entries of a map (after merge keys), else 0.
  size_t size() const;

  /// Iterates a sequence's items (nothing for other kinds).
  class Iterator {
   public:
    explicit Iterator(const NodeData* const* at) : at_(at) {}
    Node operator*() const { return Node(*at_); }
    Iterator& operator++() { return ++at_, *this; }
    bool operator!=(const Iterator& other) const { return at_ != other.at_; }

   private:
    const NodeData* const* at_;
  };
  Iterator begin() const;
  Iterator end() const;

  /// A map's entries in document order, merged entries first (PyYAML's order).
  const std::vector<std::pair<const NodeData*, const NodeData*>>& pairs() const;

 private:
  const NodeData* data_ = nullptr;
};

/// Storage of one node; built by the reader only.
struct NodeData {
  NodeKind kind = NodeKind::Null;
  bool plain = true;
  SourcePos pos;
  std::string text;
  std::vector<const NodeData*> items;
  std::vector<std::pair<const NodeData*, const NodeData*>> pairs;
};

/// The first error of a read, in yaml-cpp's wording (which the loader reports).
struct ReadError {
  std::string message;
  SourcePos pos;
};

/// One parsed stream: owns every node.
class Document {
 public:
  /// The root, Undefined when the stream had no document or the read failed.
  Node root() const { return Node(root_); }
  /// Set when the text is not exactly one well-formed document (no document is no error).
  const std::optional<ReadError>& error() const { return error_; }
  /// Number of documents seen (0 for an empty stream or only comments).
  int documents() const { return documents_; }

 private:
  friend class Reader;
  std::deque<NodeData> nodes_;
  const NodeData* root_ = nullptr;
  std::optional<ReadError> error_;
  int documents_ = 0;
};

/// Reads `text` (UTF-8, an optional byte-order mark is skipped) into a Document.
Document readYaml(std::string_view text);

}  // namespace gw::config::yaml
