#pragma once
// Internal to src/config: views over the reader's nodes (yaml_reader.h).
//
// Maps are read through MapView, which copies the entries once and answers
// look-ups with "last key wins" (as PyYAML does).
// Scalars are typed the way PyYAML's YAML 1.1 resolver types them, because
// that is what MLflow sees: `yes`/`on` are booleans, `1.0e+3` is a float but
// `1e3` is a string, quoted text is always a string.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>


#include "config/config.h"
#include "config/yaml_reader.h"
#include "core/json.h"

namespace gw::config::detail {

using yaml::Node;

/// 1-based position of a node (0/0 for an Undefined node).
SourcePos posOf(const Node& node);

/// One `key: value` pair of a YAML map.
struct Entry {
  std::string key;        ///< key text; empty when the key is not a scalar
  bool keyIsScalar = true;
  Node keyNode;
  Node value;
  SourcePos keyPos;
  /// Position of the value, or of the key when the value is an empty null
  /// (the reader marks an empty value at the next token).
  SourcePos valuePos;
};

/// Read-only view over a YAML map. An empty view when the node is not a map.
class MapView {
 public:
  MapView() = default;
  explicit MapView(const Node& map);

  /// The last entry with this key, or nullptr.
  const Entry* find(std::string_view key) const;
  /// Like find(), but a null value counts as absent.
  const Entry* findSet(std::string_view key) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

/// How a scalar resolves.
enum class ScalarKind { Null, Bool, Int, Float, String };

/// PyYAML-style resolution of a scalar or null node (quoted text is a String).
ScalarKind scalarKind(const Node& node);
/// "a map", "a list", "null", "a boolean", "an integer", "a number", "a string".
std::string describeKind(const Node& node);

/// The text of any non-null scalar (numbers and booleans included).
std::optional<std::string> scalarText(const Node& node);
/// A string scalar (quoted, or plain text that is not a number/bool/null).
std::optional<std::string> stringValue(const Node& node);
/// An integer scalar; quoted integers are accepted like pydantic's lax mode.
std::optional<int64_t> intValue(const Node& node);
/// An integer or float scalar (quoted numbers accepted).
std::optional<double> numberValue(const Node& node);

/// Converts a scalar/null node to JSON (null, bool, integer, float or string).
Json scalarToJson(const Node& node);

/// Bounds every recursive walk: depth (alias cycles) and node count (alias bombs).
struct WalkBudget {
  int nodesLeft = 100000;
  bool exceeded = false;
  static constexpr int kMaxDepth = 64;
  /// Takes one node; false (and `exceeded`) once the budget is spent.
  bool take(int depth);
};

/// Converts any node to JSON within the budget (null when the budget is spent).
Json toJson(const Node& node, WalkBudget& budget, int depth = 0);

}  // namespace gw::config::detail
