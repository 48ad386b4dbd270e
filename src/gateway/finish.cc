// Finishing an invocation: upstream status/content-type checks, error mapping
// (MLflow keeps the upstream status with {"detail": ...}), response translation.
#include <string>
#include <vector>

#include "gateway/failover.h"
#include "gateway/invoke.h"
#include "gateway/reply.h"
#include "schema/response.h"

namespace gw::gateway {
namespace {

using providers::UpstreamResponse;

std::string_view headerValue(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

Status unsupportedContentType(std::string_view contentType) {
  return makeError(ErrorCode::BadGateway,
                   "The returned data type from the route service is not supported. Received "
                   "content type: " + std::string(contentType));
}

// Error detail from an upstream error body: error.message if present, else the JSON.
Status upstreamError(const UpstreamResponse& response) {
  std::string_view ct = headerValue(response.headers, "content-type");
  Status s = makeError(ErrorCode::Upstream, "");
  s.httpStatus = response.status;
  if (contains(ct, "application/json") || contains(ct, "+json")) {
    Json js = parseJson(response.body);
    const Json* error = findMember(js, "error");
    const Json* message = error ? findMember(*error, "message") : nullptr;
    if (message && message->is_string()) s.message = message->get<std::string>();
    else if (error && error->is_string()) s.message = error->get<std::string>();
    else if (!js.is_discarded()) s.detail = js;
    else s.detail = Json{{"message", std::string(response.body)}};
    if (const Json* type = error ? findMember(*error, "type") : nullptr; type && type->is_string()) {
      s.param = "";  // the OpenAI style gets our own type; upstream type is in the message
    }
    return s;
  }
  if (contains(ct, "text/plain") || ct.empty()) {
    s.detail = Json{{"message", std::string(response.body)}};
    s.message = std::string(response.body);
    return s;
  }
  return unsupportedContentType(ct);
}

Status transportError(const UpstreamResponse& response, const config::Endpoint* endpoint) {
  if (response.timedOut) {
    int64_t seconds = endpoint ? endpoint->timeoutMs / 1000 : 300;
    return makeError(ErrorCode::GatewayTimeout,
                     "The upstream provider did not respond within " + std::to_string(seconds) +
                         " seconds.");
  }
  std::string reason = response.body.empty() ? "connection failed" : std::string(response.body);
  return makeError(ErrorCode::BadGateway, "The upstream provider could not be reached: " + reason);
}

// Parses each 2xx body as JSON, or explains why it cannot.
Outcome<std::vector<Json>> parseBodies(std::span<const UpstreamResponse> responses) {
  std::vector<Json> bodies;
  for (const UpstreamResponse& r : responses) {
    std::string_view ct = headerValue(r.headers, "content-type");
    if (!contains(ct, "json")) {
      if (contains(ct, "text/plain")) {
        return makeError(ErrorCode::BadGateway,
                         "The upstream provider answered with text instead of JSON: " +
                             std::string(r.body.substr(0, 200)));
      }
      return unsupportedContentType(ct);
    }
    Json js = parseJson(r.body);
    if (js.is_discarded()) {
      return makeError(ErrorCode::BadGateway,
                       "The upstream response is not valid JSON: " + describeJsonError(r.body));
    }
    bodies.push_back(std::move(js));
  }
  return bodies;
}

Status firstFailure(std::span<const UpstreamResponse> responses, const config::Endpoint* e) {
  for (const UpstreamResponse& r : responses) {
    if (r.status == 0 || r.timedOut) return transportError(r, e);
    if (r.status < 200 || r.status >= 300) return upstreamError(r);
  }
  return Status{};
}

Reply successReply(const Attempt& attempt, Json unified, int upstreamStatus) {
  Json body = attempt.schema == schema::WireSchema::Candidates
                  ? schema::toCandidatesResponse(attempt.type, unified)
                  : std::move(unified);
  Reply reply = jsonReply(200, body);
  addAttemptHeaders(reply.headers, attempt, std::to_string(upstreamStatus));
  return reply;
}

// The response a failure came from (the first that is not a 2xx).
const UpstreamResponse* failingResponse(std::span<const UpstreamResponse> responses) {
  for (const UpstreamResponse& r : responses) {
    if (r.status < 200 || r.status >= 300 || r.timedOut) return &r;
  }
  return nullptr;
}

}  // namespace

Step finishInvocation(const Gateway& gw, const Attempt& attempt,
                      std::span<const UpstreamResponse> responses, const RequestContext& ctx) {
  const config::Endpoint* endpoint = gw.config().findEndpoint(attempt.endpoint);
  const providers::ProviderSpec* spec =
      endpoint ? providers::findProvider(endpoint->model.provider) : nullptr;
  const providers::DialectOps* ops = spec ? providers::opsFor(spec->dialect) : nullptr;
  if (!endpoint || !ops || responses.empty()) {
    return replyStep(errorReply(makeError(ErrorCode::Internal, "Unknown attempt."),
                                styleOf(attempt.surface)));
  }
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, attempt.stream, ctx.nowMs,
                                   attempt.schema == schema::WireSchema::Candidates};
  Status failure = firstFailure(responses, endpoint);
  if (!failure.ok() && ops->mapError) failure = ops->mapError(tctx, std::move(failure));
  // Failures go to failover.cc: retry, fall back, or the final error with attempt headers.
  if (!failure.ok()) return failedAttempt(gw, attempt, failure, failingResponse(responses), ctx);
  Outcome<std::vector<Json>> bodies = parseBodies(responses);
  if (!bodies) return failedAttempt(gw, attempt, bodies.error(), nullptr, ctx);
  Outcome<Json> unified = ops->parseResponse(tctx, *bodies, attempt.note);
  if (!unified) return failedAttempt(gw, attempt, unified.error(), nullptr, ctx);
  Step step = replyStep(successReply(attempt, unified.take(), responses.front().status));
  step.breaker = breakerAfterSuccess(ctx, attempt.endpoint);
  return step;
}

}  // namespace gw::gateway
