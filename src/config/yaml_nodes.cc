#include "config/yaml_nodes.h"

#include <array>
#include <cmath>
#include <cstdlib>

namespace gw::config::detail {
namespace {

bool isDigitIn(char c, int base) {
  if (c >= '0' && c <= '9') return c - '0' < base;
  if (base != 16) return false;
  return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Accumulates `digits` (underscores allowed, as in YAML 1.1) in `base`.
std::optional<int64_t> accumulate(std::string_view digits, int base, bool negative) {
  int64_t value = 0;
  bool any = false;
  for (char c : digits) {
    if (c == '_') continue;
    if (!isDigitIn(c, base)) return std::nullopt;
    const int d = digitValue(c);
    if (value > (INT64_MAX - d) / base) return std::nullopt;  // too big: keep as text
    value = value * base + d;
    any = true;
  }
  if (!any) return std::nullopt;
  return negative ? -value : value;
}

// PyYAML's int resolver without the sexagesimal form (1:30 stays a string).
std::optional<int64_t> parseYamlInt(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  if (text.size() > 2 && text[0] == '0' && text[1] == 'b') {
    return accumulate(text.substr(2), 2, negative);
  }
  if (text.size() > 2 && text[0] == '0' && text[1] == 'x') {
    return accumulate(text.substr(2), 16, negative);
  }
  if (text[0] == '0') {
    return text.size() == 1 ? std::optional<int64_t>(0) : accumulate(text.substr(1), 8, negative);
  }
  return accumulate(text, 10, negative);
}

bool isSpecialFloat(std::string_view t) {
  static constexpr std::array<std::string_view, 12> kWords = {
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
      "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  for (std::string_view w : kWords) {
    if (t == w) return true;
  }
  return false;
}

// PyYAML's float resolver: a '.' is required, an exponent needs a sign.
bool looksLikeYamlFloat(std::string_view t) {
  if (isSpecialFloat(t)) return true;
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  const size_t intStart = i;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || (t[i] == '_' && i > intStart))) ++i;
  const bool hasInt = i > intStart;
  if (i >= t.size() || t[i] != '.') return false;
  ++i;
  const size_t fracStart = i;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_')) ++i;
  if (!hasInt && (i == fracStart || intStart != 0)) return false;  // ".5" but not "+.5"
  if (i == t.size()) return true;
  if (t[i] != 'e' && t[i] != 'E') return false;
  ++i;
  if (i >= t.size() || (t[i] != '-' && t[i] != '+')) return false;
  ++i;
  if (i >= t.size()) return false;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

std::optional<double> parseYamlFloat(std::string_view t) {
  if (!looksLikeYamlFloat(t) || isSpecialFloat(t)) return std::nullopt;
  std::string digits;
  for (char c : t) {
    if (c != '_') digits += c;
  }
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool isYamlBool(std::string_view t, bool* value) {
  static constexpr std::array<std::string_view, 9> kTrue = {
      "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static constexpr std::array<std::string_view, 9> kFalse = {
      "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  for (std::string_view w : kTrue) {
    if (t == w) return *value = true, true;
  }
  for (std::string_view w : kFalse) {
    if (t == w) return *value = false, true;
  }
  return false;
}

// Quoted and block scalars, and `!!str` ones, are strings whatever their text.
bool isQuotedOrStr(const Node& node) { return !node.isPlain(); }

}  // namespace

SourcePos posOf(const Node& node) { return node.pos(); }

MapView::MapView(const Node& map) {
  if (!map.isMap()) return;
  entries_.reserve(map.size());
  for (const auto& [key, value] : map.pairs()) {
    Entry entry;
    entry.keyNode = Node(key);
    entry.value = Node(value);
    entry.keyIsScalar = entry.keyNode.isScalar();
    if (entry.keyIsScalar) entry.key = entry.keyNode.scalar();
    entry.keyPos = posOf(entry.keyNode);
    entry.valuePos = entry.value.isNull() ? entry.keyPos : posOf(entry.value);
    entries_.push_back(std::move(entry));
  }
}

const Entry* MapView::find(std::string_view key) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->keyIsScalar && it->key == key) return &*it;
  }
  return nullptr;
}

const Entry* MapView::findSet(std::string_view key) const {
  const Entry* entry = find(key);
  return entry != nullptr && !entry->value.isNull() ? entry : nullptr;
}

ScalarKind scalarKind(const Node& node) {
  if (!node.isDefined() || node.isNull()) return ScalarKind::Null;
  if (!node.isScalar() || isQuotedOrStr(node)) return ScalarKind::String;
  const std::string& text = node.scalar();
  bool flag = false;
  if (isYamlBool(text, &flag)) return ScalarKind::Bool;
  if (parseYamlInt(text)) return ScalarKind::Int;
  if (looksLikeYamlFloat(text)) return ScalarKind::Float;
  return ScalarKind::String;
}

std::string describeKind(const Node& node) {
  if (node.isMap()) return "a map";
  if (node.isSequence()) return "a list";
  switch (scalarKind(node)) {
    case ScalarKind::Null: return "null";
    case ScalarKind::Bool: return "a boolean";
    case ScalarKind::Int: return "an integer";
    case ScalarKind::Float: return "a number";
    case ScalarKind::String: return "a string";
  }
  return "a value";
}

std::optional<std::string> scalarText(const Node& node) {
  if (!node.isScalar()) return std::nullopt;
  return node.scalar();
}

std::optional<std::string> stringValue(const Node& node) {
  if (!node.isScalar() || scalarKind(node) != ScalarKind::String) return std::nullopt;
  return node.scalar();
}

std::optional<int64_t> intValue(const Node& node) {
  if (!node.isScalar()) return std::nullopt;
  const ScalarKind kind = scalarKind(node);
  if (kind != ScalarKind::Int && kind != ScalarKind::String) return std::nullopt;
  return parseYamlInt(node.scalar());
}

std::optional<double> numberValue(const Node& node) {
  if (auto i = intValue(node)) return static_cast<double>(*i);
  if (!node.isScalar()) return std::nullopt;
  const ScalarKind kind = scalarKind(node);
  if (kind != ScalarKind::Float && kind != ScalarKind::String) return std::nullopt;
  return parseYamlFloat(node.scalar());
}

Json scalarToJson(const Node& node) {
  const ScalarKind kind = scalarKind(node);
  if (kind == ScalarKind::Null) return nullptr;
  const std::string& text = node.scalar();
  bool flag = false;
  switch (kind) {
    case ScalarKind::Bool: isYamlBool(text, &flag); return flag;
    case ScalarKind::Int: return *parseYamlInt(text);
    case ScalarKind::Float: {
      auto value = parseYamlFloat(text);  // .inf/.nan have no JSON form: keep the text
      return value ? Json(*value) : Json(text);
    }
    default: return text;
  }
}

bool WalkBudget::take(int depth) {
  if (exceeded || depth > kMaxDepth || nodesLeft <= 0) {
    exceeded = true;
    return false;
  }
  --nodesLeft;
  return true;
}

Json toJson(const Node& node, WalkBudget& budget, int depth) {
  if (!budget.take(depth)) return nullptr;
  if (node.isMap()) {
    Json out = Json::object();
    const MapView view(node);
    for (const Entry& entry : view.entries()) {
      if (entry.keyIsScalar) out[entry.key] = toJson(entry.value, budget, depth + 1);
    }
    return out;
  }
  if (node.isSequence()) {
    Json out = Json::array();
    for (const Node& item : node) out.push_back(toJson(item, budget, depth + 1));
    return out;
  }
  return scalarToJson(node);
}

}  // namespace gw::config::detail
