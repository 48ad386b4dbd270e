#pragma once
// Internal to yaml_reader.cc: the cursor over the text and the scanners of the
// three scalar styles (plain, quoted, block), written after PyYAML's scanner so
// that folding, escapes and chomping give the same strings MLflow gets.
#include <string>
#include <string_view>

#include "config/config.h"

namespace gw::config::yaml {

/// Position in a text whose line breaks are all '\n' (readYaml normalises them).
struct Cursor {
  std::string_view text;
  size_t at = 0;
  int line = 1;
  int column = 1;

  bool done() const { return at >= text.size(); }
  char peek(size_t ahead = 0) const {
    return at + ahead < text.size() ? text[at + ahead] : '\0';
  }
  SourcePos pos() const { return {line, column}; }
  /// 0-based column, the unit indentation is compared in.
  int indent() const { return column - 1; }
  void advance();
  /// Whether the character `ahead` is a space, a tab, a line break or the end.
  bool blankAt(size_t ahead) const;
};

/// Why a scanner stopped early; empty when it did not.
using ScanError = std::string;

/// Scans a '…' or "…" scalar (the cursor on the opening quote).
std::string scanQuoted(Cursor& cur, ScanError& error);

/// Scans a `|` or `>` scalar (the cursor on the indicator). `parentIndent` is the
/// 0-based column of the enclosing block collection (-1 at the root).
std::string scanBlockScalar(Cursor& cur, int parentIndent, ScanError& error);

/// Scans a plain scalar. In block context it continues on lines indented more
/// than `parentIndent`; in flow context it stops at flow indicators.
std::string scanPlain(Cursor& cur, bool flow, int parentIndent);

/// Whether the cursor is on `: `, `:` at a line end, or (in flow context) `:` before an indicator.
bool atMapValue(const Cursor& cur, bool flow);

}  // namespace gw::config::yaml
