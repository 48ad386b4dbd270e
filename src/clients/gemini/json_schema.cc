#include "clients/gemini/json_schema.h"

#include "clients/field_checks.h"
#include "clients/gemini/fields.h"
#include "core/ascii.h"

namespace gw::clients::gemini {
namespace {

// An int64 field: a number, or (protobuf's JSON form of int64) a string of digits.
Outcome<Json> protoInt64(const Json& value, const std::string& where) {
  if (value.is_string()) {
    const std::string& digits = value.get_ref<const std::string&>();
    bool numeric = !digits.empty() && digits.size() < 16 &&
                   digits.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric) return fieldError(where, "Input should be a valid integer");
    return Json(std::stoll(digits));
  }
  GW_TRY(int64_t n, integerAtLeast(value, 0, where));
  return Json(n);
}

Status copyType(const Json& schema, const std::string& where, Json& out) {
  const Json* type = findMember(schema, "type");
  if (!type || type->is_null()) return Status{};
  if (!type->is_string()) return fieldError(pathAt(where, "type"), "Input should be a valid string");
  std::string name = lowerAscii(type->get_ref<const std::string&>());
  if (name == "type_unspecified") return Status{};
  GW_TRY(bool nullable, optionalBool(schema, "nullable", where));
  out["type"] = nullable ? Json::array({name, "null"}) : Json(name);
  return Status{};
}

Status convertChildren(const Json& schema, const std::string& where, Json& out) {
  if (const Json* properties = findMember(schema, "properties"); properties && !properties->is_null()) {
    const std::string at = pathAt(where, "properties");
    if (!properties->is_object()) return fieldError(at, "Input should be a valid object");
    Json converted = Json::object();
    for (auto it = properties->begin(); it != properties->end(); ++it) {
      GW_TRY(converted[it.key()], jsonSchemaOf(it.value(), pathAt(at, it.key())));
    }
    out["properties"] = std::move(converted);
  }
  if (const Json* items = findMember(schema, "items"); items && !items->is_null()) {
    GW_TRY(out["items"], jsonSchemaOf(*items, pathAt(where, "items")));
  }
  if (const Json* anyOf = findMember(schema, "anyOf"); anyOf && !anyOf->is_null()) {
    const std::string at = pathAt(where, "anyOf");
    if (!anyOf->is_array()) return fieldError(at, "Input should be a valid list");
    Json converted = Json::array();
    for (size_t i = 0; i < anyOf->size(); ++i) {
      GW_TRY(Json option, jsonSchemaOf((*anyOf)[i], indexPath(at, i)));
      converted.push_back(std::move(option));
    }
    out["anyOf"] = std::move(converted);
  }
  return Status{};
}

}  // namespace

Outcome<Json> jsonSchemaOf(const Json& schema, const std::string& where) {
  GW_TRY(Json s, camelKeys(schema, where));
  GW_CHECK(onlyKeys(s, {"type", "format", "title", "description", "nullable", "enum", "maxItems",
                        "minItems", "properties", "required", "minProperties", "maxProperties",
                        "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
                        "default", "items", "minimum", "maximum"},
                    where));
  Json out = Json::object();
  GW_CHECK(copyType(s, where, out));
  GW_CHECK(convertChildren(s, where, out));
  for (const char* key : {"format", "title", "description", "enum", "required", "default", "minimum",
                          "maximum", "pattern"}) {
    if (!absent(s, key)) out[key] = s[key];
  }
  for (const char* key : {"minItems", "maxItems", "minLength", "maxLength", "minProperties",
                          "maxProperties"}) {
    if (absent(s, key)) continue;
    GW_TRY(out[key], protoInt64(s[key], pathAt(where, key)));
  }
  if (!absent(s, "example")) out["examples"] = Json::array({s["example"]});
  return out;
}

}  // namespace gw::clients::gemini
