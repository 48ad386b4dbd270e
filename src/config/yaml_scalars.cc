#include "config/yaml_scalars.h"

#include <algorithm>
#include <cstdint>

#include "core/json_bytes.h"

namespace gw::config::yaml {
namespace {

constexpr std::string_view kUnclosedQuote =
    "found unexpected end of stream while scanning a quoted scalar";

bool isSpace(char c) { return c == ' ' || c == '\t'; }
bool isFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// The one-character escapes of a double-quoted scalar ('\0' when unknown).
std::string_view simpleEscape(char c) {
  switch (c) {
    case '0': return std::string_view("\0", 1);
    case 'a': return "\a";
    case 'b': return "\b";
    case 't': case '\t': return "\t";
    case 'n': return "\n";
    case 'v': return "\v";
    case 'f': return "\f";
    case 'r': return "\r";
    case 'e': return "\x1B";
    case ' ': return " ";
    case '"': return "\"";
    case '/': return "/";
    case '\\': return "\\";
    case 'N': return "\xC2\x85";
    case '_': return "\xC2\xA0";
    case 'L': return "\xE2\x80\xA8";
    case 'P': return "\xE2\x80\xA9";
    default: return {};
  }
}

// \xXX, \uXXXX, \UXXXXXXXX; false when the digits are not hex.
bool scanHexEscape(Cursor& cur, int digits, std::string& out) {
  uint32_t cp = 0;
  for (int i = 0; i < digits; ++i) {
    const int d = json_bytes::hexValue(cur.peek());
    if (d < 0) return false;
    cp = cp * 16 + static_cast<uint32_t>(d);
    cur.advance();
  }
  json_bytes::appendUtf8(cp, out);
  return true;
}

// Empty lines inside a quoted scalar: one '\n' each; leading blanks skipped.
std::string flowBreaks(Cursor& cur) {
  std::string breaks;
  for (;;) {
    while (isSpace(cur.peek())) cur.advance();
    if (cur.peek() != '\n') return breaks;
    breaks += '\n';
    cur.advance();
  }
}

// Blanks and line breaks between words of a quoted scalar, folded as YAML says.
void foldFlowSpaces(Cursor& cur, std::string& out) {
  const size_t start = cur.at;
  while (isSpace(cur.peek())) cur.advance();
  if (cur.peek() != '\n') {
    out.append(cur.text.substr(start, cur.at - start));
    return;
  }
  cur.advance();
  const std::string breaks = flowBreaks(cur);
  out += breaks.empty() ? std::string(" ") : breaks;
}

// One backslash escape; false (and `error`) when it is not valid.
bool scanEscape(Cursor& cur, std::string& out, ScanError& error) {
  cur.advance();  // the backslash
  const char c = cur.peek();
  if (c == '\n') {
    cur.advance();
    out += flowBreaks(cur);
    return true;
  }
  const std::string_view simple = simpleEscape(c);
  cur.advance();
  if (!simple.empty()) return out.append(simple), true;
  const int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits > 0 && scanHexEscape(cur, digits, out)) return true;
  error = "unknown escape character while scanning a quoted scalar";
  return false;
}

// Header of a block scalar: chomping (-1 strip, 0 clip, 1 keep) and indentation increment.
bool scanBlockHeader(Cursor& cur, int& chomping, int& increment, ScanError& error) {
  for (int i = 0; i < 2; ++i) {
    const char c = cur.peek();
    if ((c == '+' || c == '-') && chomping == 0) {
      chomping = c == '+' ? 1 : -1;
    } else if (c >= '1' && c <= '9' && increment == 0) {
      increment = c - '0';
    } else {
      break;
    }
    cur.advance();
  }
  while (isSpace(cur.peek())) cur.advance();
  if (cur.peek() == '#') {
    while (!cur.done() && cur.peek() != '\n') cur.advance();
  }
  if (!cur.done() && cur.peek() != '\n') {
    error = "expected a comment or a line break after a block scalar indicator";
    return false;
  }
  if (!cur.done()) cur.advance();
  return true;
}

// Empty lines before the next content line of a block scalar (PyYAML's
// scan_block_scalar_breaks): spaces up to `indent` are indentation.
std::string blockBreaks(Cursor& cur, int indent) {
  std::string breaks;
  for (;;) {
    while (cur.indent() < indent && cur.peek() == ' ') cur.advance();
    if (cur.peek() != '\n') return breaks;
    breaks += '\n';
    cur.advance();
  }
}

// Auto-detected indentation: the deepest leading empty line or the first content line.
int detectIndent(Cursor& cur, int minIndent, std::string& breaks) {
  int maxIndent = 0;
  for (;;) {
    while (cur.peek() == ' ') cur.advance();
    maxIndent = std::max(maxIndent, cur.indent());
    if (cur.peek() != '\n') break;
    breaks += '\n';
    cur.advance();
  }
  return std::max(minIndent, maxIndent);
}

}  // namespace

void Cursor::advance() {
  if (done()) return;
  if (text[at] == '\n') {
    ++line;
    column = 1;
  } else {
    ++column;
  }
  ++at;
}

bool Cursor::blankAt(size_t ahead) const {
  const char c = peek(ahead);
  return at + ahead >= text.size() || c == ' ' || c == '\t' || c == '\n';
}

bool atMapValue(const Cursor& cur, bool flow) {
  if (cur.peek() != ':') return false;
  return cur.blankAt(1) || (flow && isFlowIndicator(cur.peek(1)));
}

std::string scanQuoted(Cursor& cur, ScanError& error) {
  const char quote = cur.peek();
  cur.advance();
  std::string out;
  while (!cur.done()) {
    const char c = cur.peek();
    if (quote == '\'' && c == '\'' && cur.peek(1) == '\'') {
      out += '\'';
      cur.advance();
      cur.advance();
    } else if (c == quote) {
      cur.advance();
      return out;
    } else if (quote == '"' && c == '\\') {
      if (!scanEscape(cur, out, error)) return out;
    } else if (isSpace(c) || c == '\n') {
      foldFlowSpaces(cur, out);
    } else {
      out += c;
      cur.advance();
    }
  }
  error = kUnclosedQuote;
  return out;
}

std::string scanBlockScalar(Cursor& cur, int parentIndent, ScanError& error) {
  const bool folded = cur.peek() == '>';
  cur.advance();
  int chomping = 0;
  int increment = 0;
  if (!scanBlockHeader(cur, chomping, increment, error)) return {};
  const int minIndent = std::max(parentIndent + 1, 1);
  std::string breaks;
  int indent = 0;
  if (increment == 0) {
    indent = detectIndent(cur, minIndent, breaks);
  } else {
    indent = minIndent + increment - 1;
    breaks = blockBreaks(cur, indent);
  }
  std::string out;
  std::string lineBreak;
  while (cur.indent() == indent && !cur.done()) {
    out += breaks;
    const bool leadingNonSpace = !isSpace(cur.peek());
    while (!cur.done() && cur.peek() != '\n') {
      out += cur.peek();
      cur.advance();
    }
    lineBreak = cur.done() ? "" : "\n";
    if (!cur.done()) cur.advance();
    breaks = blockBreaks(cur, indent);
    if (cur.indent() != indent || cur.done()) break;
    if (folded && lineBreak == "\n" && leadingNonSpace && !isSpace(cur.peek())) {
      if (breaks.empty()) out += ' ';
    } else {
      out += lineBreak;
    }
  }
  if (chomping >= 0) out += lineBreak;
  if (chomping > 0) out += breaks;
  return out;
}

std::string scanPlain(Cursor& cur, bool flow, int parentIndent) {
  std::string out;
  std::string pendingSpace;
  for (;;) {
    const size_t start = cur.at;
    while (!cur.done() && cur.peek() != '\n' && !atMapValue(cur, flow) &&
           !(flow && isFlowIndicator(cur.peek())) &&
           !(cur.peek() == '#' && cur.at > start && isSpace(cur.text[cur.at - 1]))) {
      cur.advance();
    }
    std::string_view word = cur.text.substr(start, cur.at - start);
    while (!word.empty() && isSpace(word.back())) word.remove_suffix(1);
    if (word.empty() && !out.empty()) break;
    out += pendingSpace;
    out.append(word);
    if (flow || cur.peek() != '\n') break;
    // A continuation line: deeper than the parent, not a comment or a document marker.
    Cursor next = cur;
    std::string breaks;
    while (next.peek() == '\n') {
      next.advance();
      while (isSpace(next.peek())) next.advance();
      if (next.peek() == '\n') breaks += '\n';
    }
    const std::string_view rest = next.text.substr(next.at);
    const bool marker = next.indent() == 0 && (rest.starts_with("---") || rest.starts_with("...")) &&
                        next.blankAt(3);
    if (next.done() || next.indent() <= parentIndent || next.peek() == '#' || marker) break;
    cur = next;
    pendingSpace = breaks.empty() ? std::string(" ") : breaks;
  }
  return out;
}

}  // namespace gw::config::yaml
