#include "clients/unified_request.h"

#include <string>

namespace gw::clients {

Json unifiedTextPart(const Json& text) { return Json{{"type", "text"}, {"text", text}}; }

Json unifiedContent(Json parts) {
  std::string text;
  for (const Json& part : parts) {
    if (part["type"] != "text") return parts;
    text += part["text"].get_ref<const std::string&>();
  }
  return text;
}

}  // namespace gw::clients
