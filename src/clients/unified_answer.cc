#include "clients/unified_answer.h"

namespace gw::clients {

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
