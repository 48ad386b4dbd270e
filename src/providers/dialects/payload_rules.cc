#include "providers/dialects/payload_rules.h"

#include <cmath>

#include "providers/dialects/python_json.h"

namespace gw::providers::payload {

Json renameKeys(const Json& body, KeyMapping mapping) {
  Json out = Json::object();
  for (auto it = body.begin(); it != body.end(); ++it) {
    std::string key = it.key();
    for (const auto& [unified, native] : mapping) {
      if (key == unified) key = std::string(native);
    }
    out[key] = it.value();
  }
  return out;
}

Status rejectNativeNames(const Json& body, KeyMapping mapping) {
  for (const auto& [unified, native] : mapping) {
    if (findMember(body, native)) {
      return unprocessable("Invalid parameter " + std::string(native) + ". Use " +
                               std::string(unified) + " instead.",
                           std::string(native));
    }
  }
  return Status{};
}

int64_t requestedCount(const Json& body) {
  const Json* n = findMember(body, "n");
  if (!n || n->is_null()) return 1;
  if (n->is_number_integer()) return n->get<int64_t>();
  if (n->is_number_float() && std::floor(n->get<double>()) == n->get<double>()) {
    return static_cast<int64_t>(n->get<double>());
  }
  return -1;
}

std::string pythonStr(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
  if (value.is_null()) return "None";
  if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>() &&
      std::fabs(value.get<double>()) < 1e15) {
    return std::to_string(static_cast<int64_t>(value.get<double>()));  // pydantic int coercion
  }
  return pythonJsonDumps(value);
}

void toCandidatesUnits(const TranslateContext& ctx, Json& payload, std::string_view countKey) {
  if (!ctx.candidates) return;
  scaleNumber(payload, "temperature", 0.5);
  if (countKey.empty() || !payload.contains("n")) return;
  payload[std::string(countKey)] = util::takeMember(payload, "n");
}

void scaleNumber(Json& body, std::string_view key, double factor) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number() || it->is_boolean()) return;
  *it = factor * it->get<double>();
}

}  // namespace gw::providers::payload
