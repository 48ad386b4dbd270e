// Gateway extensions of an endpoint entry (not in MLflow; documented at the top
// of config.cc): timeout_seconds, fallbacks, retries, circuit_breaker and enabled_if_env.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "config/rules.h"
#include "core/ascii.h"

namespace gw::config::detail {
namespace {

constexpr std::string_view kRetryKeys[] = {"attempts", "on", "backoff_ms", "max_backoff_ms"};
constexpr std::string_view kBreakerKeys[] = {"failures", "cool_down_seconds"};
constexpr int64_t kMaxBreakerFailures = 1000;
constexpr double kMaxCoolDownSeconds = 86400;
constexpr int64_t kMaxAttempts = 100;
constexpr int64_t kMaxBackoffMs = 3600000;
constexpr double kMaxTimeoutSeconds = 1e9;

// "got -1" for out-of-range numbers, "got a string" otherwise.
std::string got(const Node& node) {
  const ScalarKind kind = node.isScalar() ? scalarKind(node) : ScalarKind::String;
  if (node.isScalar() && (kind == ScalarKind::Int || kind == ScalarKind::Float)) {
    return node.scalar();
  }
  return describeKind(node);
}

std::optional<int64_t> intInRange(const Entry& entry, int64_t min, int64_t max,
                                  const std::string& path, Ctx& ctx) {
  auto value = intValue(entry.value);
  if (value && *value >= min && *value <= max) return value;
  ctx.error("Expected an integer between " + std::to_string(min) + " and " +
                std::to_string(max) + " for " + squote(entry.key) + ", got " +
                got(entry.value) + ".",
            entry.valuePos, path);
  return std::nullopt;
}

// A scalar or a list of scalars, each with its position and path.
std::vector<NameRef> nameList(const Entry& entry, std::string_view what,
                              const std::string& path, Ctx& ctx) {
  std::vector<NameRef> out;
  if (entry.value.isScalar()) {
    out.push_back({entry.value.scalar(), entry.valuePos, path});
    return out;
  }
  if (!entry.value.isSequence()) {
    typeError(ctx, std::string(what) + " or a list of them", entry, path);
    return out;
  }
  size_t index = 0;
  for (const Node& item : entry.value) {
    const std::string itemPath = path + "[" + std::to_string(index++) + "]";
    if (item.isScalar()) {
      out.push_back({item.scalar(), posOf(item), itemPath});
    } else {
      ctx.error(typeMessage(what, entry.key + "[" + std::to_string(index - 1) + "]", item),
                posOf(item), itemPath);
    }
  }
  return out;
}

void parseTimeout(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("timeout_seconds");
  if (entry == nullptr) return;
  auto seconds = numberValue(entry->value);
  if (!seconds || *seconds <= 0 || *seconds > kMaxTimeoutSeconds) {
    ctx.error("Expected a number > 0 for 'timeout_seconds', got " + got(entry->value) + ".",
              entry->valuePos, draft.path + ".timeout_seconds");
    return;
  }
  draft.endpoint.timeoutMs = std::llround(*seconds * 1000.0);
}

// After parseTimeout: the first-byte limit must leave room inside the total one.
void parseFirstByteTimeout(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("first_byte_timeout_seconds");
  if (entry == nullptr) return;
  auto seconds = numberValue(entry->value);
  const std::string path = draft.path + ".first_byte_timeout_seconds";
  if (!seconds || *seconds <= 0 || *seconds > kMaxTimeoutSeconds) {
    ctx.error("Expected a number > 0 for 'first_byte_timeout_seconds', got " + got(entry->value) + ".",
              entry->valuePos, path);
    return;
  }
  const int64_t ms = std::llround(*seconds * 1000.0);
  if (ms > draft.endpoint.timeoutMs) {
    const Entry* total = view.findSet("timeout_seconds");
    ctx.error("'first_byte_timeout_seconds' (" + got(entry->value) + ") must not exceed 'timeout_seconds' (" +
                  (total ? got(total->value) : std::string("300, the default")) + "): the total time allowed.",
              entry->valuePos, path);
    return;
  }
  draft.endpoint.firstByteTimeoutMs = ms;
}

void parseFallbacks(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("fallbacks");
  if (entry == nullptr) return;
  draft.fallbackRefs = nameList(*entry, "an endpoint name", draft.path + ".fallbacks", ctx);
  for (const NameRef& ref : draft.fallbackRefs) draft.endpoint.fallbacks.push_back(ref.name);
}

// `on: [429, 5xx, timeout]`; false when a condition is unknown.
bool parseRetryOn(const Entry& entry, RetryPolicy& policy, const std::string& path, Ctx& ctx) {
  policy.onRateLimit = policy.onServerError = policy.onTimeout = false;
  bool ok = true;
  for (const NameRef& ref : nameList(entry, "a retry condition", path, ctx)) {
    const std::string text = lowerAscii(ref.name);
    if (text == "429") {
      policy.onRateLimit = true;
    } else if (text == "5xx") {
      policy.onServerError = true;
    } else if (text == "timeout") {
      policy.onTimeout = true;
    } else {
      ctx.error("Unknown retry condition " + squote(ref.name) +
                    ". Expected one of: 429, 5xx, timeout.",
                ref.pos, ref.path);
      ok = false;
    }
  }
  return ok;
}

bool parseRetryNumbers(const MapView& view, RetryPolicy& policy, const std::string& path,
                       Ctx& ctx) {
  bool ok = true;
  if (const Entry* attempts = view.findSet("attempts")) {
    auto n = intInRange(*attempts, 1, kMaxAttempts, path + ".attempts", ctx);
    ok = ok && n.has_value();
    if (n) policy.attempts = static_cast<int>(*n);
  }
  if (const Entry* backoff = view.findSet("backoff_ms")) {
    auto n = intInRange(*backoff, 0, kMaxBackoffMs, path + ".backoff_ms", ctx);
    ok = ok && n.has_value();
    if (n) policy.backoffMs = *n;
  }
  if (const Entry* maxBackoff = view.findSet("max_backoff_ms")) {
    auto n = intInRange(*maxBackoff, 0, kMaxBackoffMs, path + ".max_backoff_ms", ctx);
    ok = ok && n.has_value();
    if (n) policy.maxBackoffMs = *n;
  }
  return ok;
}

void parseRetries(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("retries");
  if (entry == nullptr) return;
  const std::string path = draft.path + ".retries";
  if (!entry->value.isMap()) {
    typeError(ctx, "a map", *entry, path);
    return;
  }
  const MapView retries(entry->value);
  checkKeys(ctx, retries, kRetryKeys, path);
  if (retries.findSet("attempts") == nullptr) {
    missingKey(ctx, "attempts", "'retries'", entry->valuePos, path);
  }
  RetryPolicy policy;
  policy.onRateLimit = policy.onServerError = policy.onTimeout = true;  // default `on`
  bool ok = parseRetryNumbers(retries, policy, path, ctx);
  if (const Entry* on = retries.findSet("on")) {
    ok = parseRetryOn(*on, policy, path + ".on", ctx) && ok;
  }
  if (ok && policy.maxBackoffMs < policy.backoffMs) {
    ctx.error("'max_backoff_ms' must be greater than or equal to 'backoff_ms'.",
              entry->valuePos, path);
  }
  draft.endpoint.retries = policy;
}

// `circuit_breaker: {failures: 3, cool_down_seconds: 30}`, or `false` (never skipped).
void parseBreaker(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  const Entry* entry = view.findSet("circuit_breaker");
  if (entry == nullptr) return;
  const std::string path = draft.path + ".circuit_breaker";
  BreakerPolicy policy;
  if (entry->value.isScalar() && scalarKind(entry->value) == ScalarKind::Bool) {
    policy.enabled = scalarToJson(entry->value).get<bool>();
    draft.endpoint.breaker = policy;
    return;
  }
  if (!entry->value.isMap()) {
    typeError(ctx, "a map or false", *entry, path);
    return;
  }
  const MapView breaker(entry->value);
  checkKeys(ctx, breaker, kBreakerKeys, path);
  if (const Entry* failures = breaker.findSet("failures")) {
    auto n = intInRange(*failures, 1, kMaxBreakerFailures, path + ".failures", ctx);
    if (n) policy.failures = static_cast<int>(*n);
  }
  if (const Entry* coolDown = breaker.findSet("cool_down_seconds")) {
    auto seconds = numberValue(coolDown->value);
    if (!seconds || *seconds <= 0 || *seconds > kMaxCoolDownSeconds) {
      ctx.error("Expected a number of seconds in (0, 86400] for 'cool_down_seconds', got " +
                    got(coolDown->value) + ".",
                coolDown->valuePos, path + ".cool_down_seconds");
    } else {
      policy.coolDownMs = std::llround(*seconds * 1000.0);
    }
  }
  draft.endpoint.breaker = policy;
}

}  // namespace

void parseEndpointExtensions(const MapView& view, EndpointDraft& draft, Ctx& ctx) {
  parseTimeout(view, draft, ctx);
  parseFirstByteTimeout(view, draft, ctx);
  parseFallbacks(view, draft, ctx);
  parseRetries(view, draft, ctx);
  parseBreaker(view, draft, ctx);
}

std::string disablingEnv(const Entry& entry, const std::string& path, Ctx& ctx) {
  std::string unset;
  for (NameRef& ref : nameList(entry, "an environment variable name", path, ctx)) {
    std::string_view name = ref.name;
    if (name.starts_with('$')) name.remove_prefix(1);
    if (name.empty()) {
      ctx.error("Expected an environment variable name for 'enabled_if_env', got an empty "
                "string.",
                ref.pos, ref.path);
      continue;
    }
    auto it = ctx.inputs.env.find(name);
    const bool isSet = it != ctx.inputs.env.end() && !it->second.empty();
    if (!isSet && unset.empty()) unset = std::string(name);
  }
  return unset;
}

}  // namespace gw::config::detail
