#include "clients/field_checks.h"

#include <cmath>

namespace gw::clients {
namespace {

std::string join(std::string_view base, std::string_view tail) {
  std::string out;
  out.reserve(base.size() + tail.size() + 1);
  out.append(base);
  if (!base.empty()) out.push_back('.');
  out.append(tail);
  return out;
}

// "1" rather than "1.0" in messages about integer bounds.
std::string formatBound(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<int64_t>(x));
  return Json(x).dump();
}

}  // namespace

std::string pathAt(std::string_view base, size_t index) { return join(base, std::to_string(index)); }

std::string pathAt(std::string_view base, std::string_view key) { return join(base, key); }

std::string indexPath(std::string_view base, size_t index) {
  return std::string(base) + "[" + std::to_string(index) + "]";
}

Status fieldError(const std::string& param, std::string_view reason) {
  std::string message = param.empty() ? std::string(reason) : param + ": " + std::string(reason);
  return makeError(ErrorCode::BadRequest, std::move(message), param);
}

Status untranslatable(const std::string& param, std::string_view what) {
  return fieldError(param,
                    std::string(what) + " cannot be translated to this endpoint's provider");
}

Status onlyKeys(const Json& object, std::initializer_list<std::string_view> allowed,
                std::string_view base) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (std::string_view key : allowed) known = known || it.key() == key;
    if (!known) return untranslatable(pathAt(base, it.key()), "this field");
  }
  return Status{};
}

Outcome<std::string> requiredString(const Json& object, std::string_view key,
                                    std::string_view base) {
  const Json* v = findMember(object, key);
  if (!v) return fieldError(pathAt(base, key), "Field required");
  if (!v->is_string()) return fieldError(pathAt(base, key), "Input should be a valid string");
  return v->get<std::string>();
}

Outcome<std::string> optionalString(const Json& object, std::string_view key,
                                    std::string_view base) {
  const Json* v = findMember(object, key);
  if (!v || v->is_null()) return std::string();
  if (!v->is_string()) return fieldError(pathAt(base, key), "Input should be a valid string");
  return v->get<std::string>();
}

Outcome<bool> optionalBool(const Json& object, std::string_view key, std::string_view base,
                           bool fallback) {
  const Json* v = findMember(object, key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_boolean()) return fieldError(pathAt(base, key), "Input should be a valid boolean");
  return v->get<bool>();
}

Outcome<int64_t> integerAtLeast(const Json& value, int64_t min, const std::string& param) {
  bool whole = value.is_number_integer() ||
               (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>() &&
                std::fabs(value.get<double>()) < 9e15);
  if (!whole || value.is_boolean()) return fieldError(param, "Input should be a valid integer");
  int64_t n = value.is_number_unsigned() && value.get<uint64_t>() > INT64_MAX
                  ? INT64_MAX
                  : value.get<int64_t>();
  if (n < min) {
    return fieldError(param, "Input should be greater than or equal to " + std::to_string(min));
  }
  return n;
}

Status numberIn(const Json& value, double min, double max, const std::string& param) {
  if (!value.is_number()) return fieldError(param, "Input should be a valid number");
  double x = value.get<double>();
  if (x < min) return fieldError(param, "Input should be greater than or equal to " + formatBound(min));
  if (x > max) return fieldError(param, "Input should be less than or equal to " + formatBound(max));
  return Status{};
}

bool absent(const Json& object, std::string_view key) {
  const Json* v = findMember(object, key);
  return !v || v->is_null();
}

}  // namespace gw::clients
