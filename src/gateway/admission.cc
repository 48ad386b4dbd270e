#include "gateway/admission.h"

#include "gateway/failover.h"
#include "gateway/stream_session.h"
#include "policy/auth.h"
#include "policy/rate_limit.h"

namespace gw::gateway {
namespace {

// MLflow's limiter answers with slowapi's body on every MLflow path; /v1 gets the
// OpenAI error shape its SDKs parse (type rate_limit_error).
Reply tooManyRequests(const vocab::Limit& limit, const policy::LimitDecision& decision,
                      schema::Surface surface) {
  std::string message = policy::limitExceededMessage(limit);
  Reply reply = styleOf(surface) != ErrorStyle::Mlflow
                    ? errorReply(makeError(ErrorCode::RateLimited, message), styleOf(surface))
                    : jsonReply(429, Json{{"error", message}});
  for (auto& header : policy::limitHeaders(decision)) reply.headers.push_back(std::move(header));
  return reply;
}

}  // namespace

Outcome<const config::GatewayKey*> authenticateCaller(const config::Config& config,
                                                      const HttpRequest& request,
                                                      const RequestContext& ctx) {
  policy::AuthResult result =
      policy::authenticate(config.auth, policy::presentedKey(request.headers), ctx.keyDigest);
  switch (result.outcome) {
    case policy::AuthResult::Outcome::Missing:
      return makeError(ErrorCode::Unauthorized,
                       "Missing gateway key: send it as 'Authorization: Bearer <key>'.");
    case policy::AuthResult::Outcome::Invalid:
      return makeError(ErrorCode::Unauthorized, "Invalid gateway key.");
    default: return result.key;
  }
}

Reply unauthorizedReply(const Status& status, ErrorStyle style) {
  Reply reply = errorReply(status, style);
  reply.headers.emplace_back("www-authenticate", "Bearer");
  return reply;
}

Status checkRoutePermission(const config::GatewayKey* caller, std::string_view name) {
  if (caller == nullptr || policy::mayUse(*caller, name)) return Status{};
  return makeError(ErrorCode::Forbidden, "The gateway key '" + caller->name + "' may not use '" +
                                             std::string(name) + "'.");
}

std::optional<LimitCheck> limitCheckFor(const config::Config& config, const Attempt& attempt,
                                        const config::GatewayKey* caller,
                                        const RequestContext& ctx) {
  const vocab::Endpoint* primary = config.findEndpoint(attempt.primary);
  if (primary == nullptr || !primary->limit) return std::nullopt;
  return LimitCheck{policy::limitRequestFor(*primary, *primary->limit, caller, ctx.clientKey),
                    encodeAttempt(attempt)};
}

Step withAdmission(const Gateway& gw, const Attempt& attempt, Step step, bool resumed,
                   const config::GatewayKey* caller, const RequestContext& ctx) {
  if (!resumed) step.limit = limitCheckFor(gw.config(), attempt, caller, ctx);
  if (step.kind == Step::Kind::Call && attempt.stream) {
    step.call.streamHeaders = streamHeaders(attempt);
    step.call.streamBreaker = breakerAfterSuccess(ctx, attempt.endpoint);
  }
  bool hasAttemptHeaders = false;
  for (const auto& header : step.reply.headers) {
    hasAttemptHeaders = hasAttemptHeaders || header.first == "x-gateway-attempts";
  }
  if (resumed && step.kind == Step::Kind::Reply && step.reply.status >= 400 && !hasAttemptHeaders) {
    addAttemptHeaders(step.reply.headers, attempt, std::to_string(step.reply.status));
  }
  return step;
}

Admission decideAdmission(const config::Config& config, std::string_view limitToken,
                          const policy::LimitState& state, const RequestContext& ctx) {
  Admission admission;
  std::optional<Attempt> attempt = decodeAttempt(limitToken);
  const vocab::Endpoint* primary = attempt ? config.findEndpoint(attempt->primary) : nullptr;
  if (primary == nullptr || !primary->limit) return admission;  // nothing to limit
  const vocab::Limit& limit = *primary->limit;
  policy::LimitRequest request{"", limit.calls, limit.periodMs};
  policy::LimitDecision decision = policy::decideLimit(request, state, ctx.nowMs);
  admission.allowed = decision.allowed;
  if (decision.allowed) {
    admission.headers = policy::limitHeaders(decision);
  } else {
    admission.refusal = tooManyRequests(limit, decision, attempt->surface);
  }
  return admission;
}

}  // namespace gw::gateway
