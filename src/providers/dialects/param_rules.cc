#include "providers/dialects/param_rules.h"

#include <cmath>

#include "providers/dialects/python_json.h"

namespace gw::providers::params {

namespace {

Status checkReject(const Json& body, const Rule& rule) {
  if (!findMember(body, rule.field)) return Status{};
  std::string field(rule.field);
  std::string message = !rule.message.empty()
                            ? std::string(rule.message)
                            : "Invalid parameter " + field + ". Use " + std::string(rule.target) + " instead.";
  return makeError(rule.code, std::move(message), field);
}

// MLflow's `rename_payload_keys`: the key changes, its position does not.
void renameInPlace(Json& body, std::string_view from, std::string_view to) {
  if (!body.contains(from)) return;
  Json out = Json::object();
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == from) {
      out[std::string(to)] = std::move(it.value());
    } else if (it.key() != to) {
      out[it.key()] = std::move(it.value());
    }
  }
  body = std::move(out);
}

void scaleNumber(Json& body, std::string_view key, double factor) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number()) return;
  *it = factor * it->get<double>();
}

Status foldInto(Json& body, std::string_view from, std::string_view into) {
  if (!body.contains(from)) return Status{};
  Json value = takeMember(body, from);
  const Json* existing = findMember(body, into);
  if (!existing) {
    body[std::string(into)] = std::move(value);
  } else if (*existing != value) {
    return unprocessable("Set either '" + std::string(into) + "' or '" + std::string(from) +
                             "', not both with different values.", std::string(from));
  }
  return Status{};
}

}  // namespace

Status applyRules(Json& body, std::span<const Rule> rules) {
  for (const Rule& rule : rules) {
    if (rule.kind == RuleKind::Reject) GW_CHECK(checkReject(body, rule));
  }
  for (const Rule& rule : rules) {
    switch (rule.kind) {
      case RuleKind::Copy:
      case RuleKind::Reject: break;
      case RuleKind::Rename: renameInPlace(body, rule.field, rule.target); break;
      case RuleKind::Scale: scaleNumber(body, rule.field, rule.factor); break;
      case RuleKind::Fold: GW_CHECK(foldInto(body, rule.field, rule.target)); break;
    }
  }
  return Status{};
}

Outcome<Json> appliedRules(Json body, std::span<const Rule> rules) {
  GW_CHECK(applyRules(body, rules));
  return body;
}

Json take(Json& body, std::span<const Rule> rules) {
  Json out = Json::object();
  for (const Rule& rule : rules) {
    if (rule.kind != RuleKind::Copy && rule.kind != RuleKind::Rename) continue;
    if (!body.contains(rule.field)) continue;
    std::string_view name = rule.kind == RuleKind::Rename ? rule.target : rule.field;
    out[std::string(name)] = takeMember(body, rule.field);
  }
  return out;
}

Status unprocessable(std::string message, std::string param) {
  return makeError(ErrorCode::Unprocessable, std::move(message), std::move(param));
}

Json withoutNulls(const Json& unified) {
  Json out = Json::object();
  for (auto it = unified.begin(); it != unified.end(); ++it) {
    if (!it.value().is_null()) out[it.key()] = it.value();
  }
  return out;
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
  payload[std::string(countKey)] = takeMember(payload, "n");
}

}  // namespace gw::providers::params
