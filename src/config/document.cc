// YAML text -> one document node, with every parser failure as a Diagnostic.
//
// yaml-cpp is more lenient than PyYAML (which MLflow uses) in two ways that
// matter here: a quoted scalar left open at the end of the stream is accepted,
// and content after the end of a block ("- a\nb: 1") silently starts a second
// document. A first event-only pass catches both, so such files are rejected
// as MLflow rejects them instead of loading a different structure.
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "config/rules.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kInvalidYaml = "The configuration is not a valid yaml file: ";

SourcePos posOfMark(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

bool isQuote(char c) { return c == '"' || c == '\''; }

// Whether the quoted scalar opening at `pos` has no closing quote.
bool isUnclosedQuote(std::string_view text, size_t pos) {
  if (pos >= text.size() || !isQuote(text[pos])) {
    // yaml-cpp skips a UTF-8 byte-order mark without counting it.
    if (!text.starts_with("\xEF\xBB\xBF") || pos + 3 >= text.size()) return false;
    pos += 3;
    if (!isQuote(text[pos])) return false;
  }
  const char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is an escaped single quote
        continue;
      }
      return false;
    }
  }
  return true;
}

// Event-only pass: counts documents and finds unterminated quoted scalars.
class ScanHandler : public YAML::EventHandler {
 public:
  explicit ScanHandler(std::string_view text) : text_(text) {}
  int documents = 0;
  YAML::Mark extraDocument = YAML::Mark::null_mark();
  std::optional<YAML::Mark> unclosed;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) extraDocument = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string&) override {
    if (!unclosed && tag == "!" && mark.pos >= 0 &&
        isUnclosedQuote(text_, static_cast<size_t>(mark.pos))) {
      unclosed = mark;
    }
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  std::string_view text_;
};

// Returns false (after reporting) when the text is not exactly one document.
bool scanDocument(const std::string& text, Ctx& ctx) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  ScanHandler handler(text);
  while (parser.HandleNextDocument(handler)) {
    if (handler.documents > 1) break;
  }
  if (handler.unclosed) {
    ctx.error(std::string(kInvalidYaml) +
                  "found unexpected end of stream while scanning a quoted scalar",
              posOfMark(*handler.unclosed), "");
    return false;
  }
  if (handler.documents > 1) {
    ctx.error(std::string(kInvalidYaml) + "expected a single document in the stream",
              posOfMark(handler.extraDocument), "");
    return false;
  }
  if (handler.documents == 0) {
    ctx.error("The configuration is empty: expected a map with an 'endpoints' list.", {1, 1},
              "");
    return false;
  }
  return true;
}

}  // namespace

YAML::Node parseDocument(std::string_view text, Ctx& ctx) {
  const std::string owned(text);
  try {
    if (!scanDocument(owned, ctx)) return YAML::Node(YAML::NodeType::Undefined);
    return YAML::Load(owned);
  } catch (const YAML::Exception& e) {
    ctx.error(std::string(kInvalidYaml) + e.msg, posOfMark(e.mark), "");
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace gw::config::detail
