#pragma once
// The JSON value type used across the core. Insertion-ordered so that the
// gateway emits fields in the order MLflow's pydantic models do.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gw {

using Json = nlohmann::ordered_json;

/// Parses JSON without throwing; returns a `discarded` value on malformed input.
inline Json parseJson(std::string_view text) {
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

/// Compact serialisation; invalid UTF-8 is replaced rather than thrown on.
inline std::string dumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// Returns a member or nullptr without throwing (also when `obj` is not an object).
inline const Json* findMember(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

}  // namespace gw

namespace gw {

/// A short description of why `text` is not valid JSON (position and reason).
std::string describeJsonError(std::string_view text);

}  // namespace gw
