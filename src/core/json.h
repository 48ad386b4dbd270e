#pragma once
// The JSON value type used across the core. Insertion-ordered so that the
// gateway emits fields in the order MLflow's pydantic models do.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gw {

using Json = nlohmann::ordered_json;

// parseJson and dumpJson are defined once, in json.cc (-O3): an inline copy would
// be instantiated in every file, and the linker keeps whichever copy it meets first,
// which may be one from a file built for size (-Os/-Oz) — the hot paths would then
// parse and serialise with size-optimised code.

/// Parses JSON without throwing; returns a `discarded` value on malformed input.
Json parseJson(std::string_view text);

/// Compact serialisation; invalid UTF-8 is replaced rather than thrown on.
std::string dumpJson(const Json& value);

/// Returns a member or nullptr without throwing (also when `obj` is not an object).
inline const Json* findMember(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

/// A member's value, or `fallback` when it is absent or null (also when `obj` is not an object).
inline Json memberOr(const Json& obj, std::string_view key, Json fallback = nullptr) {
  const Json* v = findMember(obj, key);
  return v && !v->is_null() ? *v : fallback;
}

/// A string member, or `fallback` when it is absent or not a string.
inline std::string stringMember(const Json& obj, std::string_view key, std::string_view fallback = {}) {
  const Json* v = findMember(obj, key);
  return v && v->is_string() ? v->get<std::string>() : std::string(fallback);
}

/// Removes a member and returns its value (null when absent or `obj` is not an object).
inline Json takeMember(Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end()) return nullptr;
  Json value = std::move(*it);
  obj.erase(it);
  return value;
}

}  // namespace gw

namespace gw {

/// A short description of why `text` is not valid JSON (position and reason).
std::string describeJsonError(std::string_view text);

}  // namespace gw
