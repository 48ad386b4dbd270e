// The built-in `mock` provider: settings, the answer (success or injected
// failure) and its load-time setting rules. Docs: docs/PROVIDERS.md#mock.
//
// The mock draws no random number of its own: the gateway hands it a uniform
// `draw` derived from the host's RequestContext::random, and it fails when
// `draw < fail_rate` (so fail_rate 0 never fails and 1 always does).
#include "providers/mock/mock.h"

#include <cmath>

#include "providers/mock/mock_embeddings.h"
#include "providers/mock/mock_text.h"

namespace gw::providers {
namespace {

// The mock's answer is already in the unified shape: finishInvocation hands it back as is.
Outcome<Json> parseMockResponse(const TranslateContext&, std::span<const Json> bodies,
                                std::string_view) {
  if (bodies.empty() || !bodies.front().is_object()) {
    return makeError(ErrorCode::Internal, "The mock provider produced no response.");
  }
  return bodies.front();
}

}  // namespace

const DialectOps& mockOps() {
  static constexpr DialectOps kOps{.buildRequest = nullptr, .parseResponse = &parseMockResponse,
                                   .openStream = nullptr};
  return kOps;
}

}  // namespace gw::providers

namespace gw::providers::mock {
namespace {

Status badSetting(std::string_view key, std::string_view expected, const Json& value) {
  return makeError(ErrorCode::Internal, "The mock provider's '" + std::string(key) +
                                            "' must be " + std::string(expected) + ", got " +
                                            dumpJson(value) + ".");
}

// An integer setting in [min, max]; absent or null keeps `fallback`.
Outcome<int64_t> intSetting(const Json& config, std::string_view key, int64_t min, int64_t max,
                            int64_t fallback) {
  const Json* v = findMember(config, key);
  if (v == nullptr || v->is_null()) return fallback;
  if (!v->is_number_integer() || v->get<int64_t>() < min || v->get<int64_t>() > max) {
    return badSetting(key, "an integer between " + std::to_string(min) + " and " +
                               std::to_string(max), *v);
  }
  return v->get<int64_t>();
}

Outcome<double> failRateSetting(const Json& config) {
  const Json* v = findMember(config, "fail_rate");
  if (v == nullptr || v->is_null()) return 0.0;
  if (!v->is_number() || v->is_boolean() || !(v->get<double>() >= 0 && v->get<double>() <= 1)) {
    return badSetting("fail_rate", "a number between 0 and 1", *v);
  }
  return v->get<double>();
}

Outcome<std::optional<std::string>> replySetting(const Json& config) {
  const Json* v = findMember(config, "reply");
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return badSetting("reply", "a string", *v);
  return std::optional<std::string>(v->get<std::string>());
}

// The `{"error": ...}` body of an injected failure (finish maps it like any upstream error).
Json failureBody(const Settings& settings) {
  return Json{{"error",
               {{"message", "[mock] Simulated failure (fail_rate " +
                                dumpJson(Json(settings.failRate)) + ", status " +
                                std::to_string(settings.failStatus) +
                                "); this is the mock provider, not a real upstream error."},
                {"type", "mock_failure"}}}};
}

}  // namespace

Outcome<Settings> readSettings(const Json& config) {
  Settings s;
  GW_TRY(int64_t dimensions,
         intSetting(config, "embedding_dimensions", 1, kMaxDimensions, s.embeddingDimensions));
  GW_TRY(s.latencyMs, intSetting(config, "latency_ms", 0, 600000, 0));
  GW_TRY(s.failRate, failRateSetting(config));
  GW_TRY(int64_t failStatus, intSetting(config, "fail_status", 400, 599, s.failStatus));
  GW_TRY(s.reply, replySetting(config));
  s.embeddingDimensions = static_cast<int>(dimensions);
  s.failStatus = static_cast<int>(failStatus);
  return s;
}

Outcome<Answer> answer(const Settings& settings, const Request& request) {
  Answer out;
  out.delayMs = settings.latencyMs;
  if (request.draw < settings.failRate) {
    out.status = settings.failStatus;
    out.body = failureBody(settings);
    return out;
  }
  if (request.type == vocab::RouteType::Embeddings) {
    GW_TRY(out.body, embeddingsResponse(settings, request.unified, request.model.empty()
                                                                      ? "mock" : request.model));
    return out;
  }
  GW_TRY(std::vector<Generated> choices, generate(settings, request));
  if (request.stream) {
    out.chunks = textChunks(request, choices);
  } else {
    out.body = textResponse(request, choices);
  }
  return out;
}

// Each setting is checked on its own (each error at its key) with the same reader the
// requests use, so a bad value is a load error rather than a 500 per request.
void configRules(ConfigCheck& check) {
  const Json& config = check.config();
  for (auto it = config.begin(); it != config.end(); ++it) {
    Outcome<Settings> read = readSettings(Json{{it.key(), it.value()}});
    if (!read) check.error(read.error().message, it.key());
  }
}

}  // namespace gw::providers::mock
