#include "clients/gemini/fields.h"

#include "clients/field_checks.h"

namespace gw::clients::gemini {
namespace {

std::string camelCase(const std::string& key) {
  if (key.find('_') == std::string::npos) return key;
  std::string out;
  out.reserve(key.size());
  bool upper = false;
  for (char c : key) {
    if (c == '_' && !out.empty()) {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

}  // namespace

Outcome<Json> camelKeys(const Json& object, const std::string& where) {
  if (!object.is_object()) return fieldError(where, "Input should be a valid object");
  Json out = Json::object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::string key = camelCase(it.key());
    if (out.contains(key)) {
      return fieldError(pathAt(where, key), "The field is given twice ('" + key + "' and its "
                                            "snake_case spelling)");
    }
    out[key] = it.value();
  }
  return out;
}

}  // namespace gw::clients::gemini
