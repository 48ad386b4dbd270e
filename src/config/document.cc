// YAML text -> one document, with every reader failure as a Diagnostic.
//
// The reader (yaml_reader.h) rejects what PyYAML rejects and MLflow with it:
// a quoted scalar left open at the end of the stream, and content after the
// end of a block ("- a\nb: 1") or a second document.
#include "config/rules.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kInvalidYaml = "The configuration is not a valid yaml file: ";

}  // namespace

yaml::Document parseDocument(std::string_view text, Ctx& ctx) {
  yaml::Document doc = yaml::readYaml(text);
  if (doc.error()) {
    ctx.error(std::string(kInvalidYaml) + doc.error()->message, doc.error()->pos, "");
  } else if (doc.documents() == 0) {
    ctx.error("The configuration is empty: expected a map with an 'endpoints' list.", {1, 1},
              "");
  }
  return doc;
}

}  // namespace gw::config::detail
