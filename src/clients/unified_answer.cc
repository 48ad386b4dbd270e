#include "clients/unified_answer.h"

#include <cstdio>

#include "core/fnv1a.h"

namespace gw::clients {

std::string safeId(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return out;
}

std::string prefixedId(const Json* upstreamId, std::string_view seed, std::string_view prefix) {
  if (!upstreamId || !upstreamId->is_string() || upstreamId->get_ref<const std::string&>().empty()) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a64(seed)));
    return std::string(prefix) + buffer;
  }
  std::string id = safeId(upstreamId->get_ref<const std::string&>());
  return id.starts_with(prefix) ? id : std::string(prefix) + id;
}

Json argumentsObject(const Json& arguments) {
  if (arguments.is_object()) return arguments;
  if (!arguments.is_string()) return Json::object();
  Json parsed = parseJson(arguments.get_ref<const std::string&>());
  return parsed.is_object() ? parsed : Json::object();
}

Outcome<std::vector<std::string>> answerTexts(const Json& content, std::string_view dialect) {
  std::vector<std::string> texts;
  if (content.is_string()) {
    if (!content.get_ref<const std::string&>().empty()) texts.push_back(content.get<std::string>());
    return texts;
  }
  if (!content.is_array()) return texts;  // null: no text
  for (const Json& part : content) {
    if (stringMember(part, "type") != "text") {
      return makeError(ErrorCode::BadGateway, "The provider's answer holds a '" + stringMember(part, "type") +
                                                  "' content part, which has no " + std::string(dialect) + ".");
    }
    texts.push_back(stringMember(part, "text"));
  }
  return texts;
}

}  // namespace gw::clients
