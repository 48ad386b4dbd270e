// Finishing an invocation: upstream status/content-type checks, error mapping
// (MLflow keeps the upstream status with {"detail": ...}), response translation.
#include <string>
#include <vector>

#include "clients/anthropic/response.h"
#include "clients/gemini/response.h"
#include "clients/responses/response.h"
#include "gateway/failover.h"
#include "gateway/token_count.h"
#include "gateway/finish.h"
#include "gateway/native_lane.h"
#include "gateway/proxy.h"
#include "gateway/reply.h"
#include "schema/response.h"

namespace gw::gateway {
namespace {

using vocab::UpstreamResponse;

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

// "1 second", "0.5 seconds", "300 seconds": a timeout in milliseconds as a person writes it.
std::string secondsText(int64_t milliseconds) {
  std::string text = std::to_string(milliseconds / 1000);
  if (int64_t fraction = milliseconds % 1000; fraction != 0) {
    std::string digits = std::to_string(1000 + fraction).substr(1);  // zero-padded to 3 digits
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + (milliseconds == 1000 ? " second" : " seconds");
}

Status transportError(const UpstreamResponse& response, const vocab::Endpoint* endpoint) {
  if (response.timedOut && response.firstByteTimedOut && endpoint) {
    return makeError(ErrorCode::GatewayTimeout, "The upstream provider did not start answering within " +
                                                    secondsText(endpoint->firstByteTimeoutMs) + ".");
  }
  if (response.timedOut) {
    int64_t milliseconds = endpoint ? endpoint->timeoutMs : 300'000;
    return makeError(ErrorCode::GatewayTimeout,
                     "The upstream provider did not respond within " + secondsText(milliseconds) + ".");
  }
  std::string reason = response.body.empty() ? "connection failed" : std::string(response.body);
  return makeError(ErrorCode::BadGateway, "The upstream provider could not be reached: " + reason);
}

// Scans each 2xx body as JSON, or explains why it cannot.
Outcome<std::vector<JsonTape>> scanBodies(std::span<const UpstreamResponse> responses) {
  std::vector<JsonTape> bodies;
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
    Outcome<JsonTape> tape = JsonTape::scan(r.body);
    if (!tape) {
      return makeError(ErrorCode::BadGateway,
                       "The upstream response is not valid JSON: " + tape.error().message);
    }
    bodies.push_back(tape.take());
  }
  return bodies;
}

Status firstFailure(std::span<const UpstreamResponse> responses, const vocab::Endpoint* e) {
  for (const UpstreamResponse& r : responses) {
    if (r.status == 0 || r.timedOut) return transportError(r, e);
    if (r.status < 200 || r.status >= 300) return upstreamError(r);
  }
  return Status{};
}

// The client's body: written straight from the scanned upstream bodies when the
// dialect can (MLflow 2.9+ schema or OpenAI, no repeated keys), through the DOM
// otherwise; an Anthropic client's message is made from the unified DOM.
Outcome<std::string> translateResponse(const providers::DialectOps& ops,
                                       const providers::TranslateContext& tctx,
                                       const Attempt& attempt, std::span<const JsonTape> bodies) {
  bool spliceable = ops.parseResponseToText && attempt.schema == schema::WireSchema::OpenAILike &&
                    attempt.surface != schema::Surface::Anthropic &&
                    attempt.surface != schema::Surface::Gemini && attempt.surface != schema::Surface::Responses;
  for (const JsonTape& body : bodies) spliceable = spliceable && !body.hasDuplicateKeys();
  if (spliceable) return ops.parseResponseToText(tctx, bodies, attempt.note);
  std::vector<Json> doms;
  doms.reserve(bodies.size());
  for (const JsonTape& body : bodies) doms.push_back(body.root().toJson());
  GW_TRY(Json unified, ops.parseResponse(tctx, doms, attempt.note));
  if (attempt.schema == schema::WireSchema::Candidates) {
    return dumpJson(schema::toCandidatesResponse(attempt.type, unified));
  }
  if (attempt.surface == schema::Surface::Anthropic) {
    GW_TRY(Json message, clients::anthropic::fromChatResponse(unified, attempt.route));
    return dumpJson(message);
  }
  if (attempt.surface == schema::Surface::Gemini) {
    GW_TRY(Json answer, clients::gemini::fromChatResponse(unified, attempt.route));
    return dumpJson(answer);
  }
  if (attempt.surface == schema::Surface::Responses) {
    return clients::responses::fromChatResponse(unified, attempt.route);
  }
  return dumpJson(unified);
}

Reply successReply(const Attempt& attempt, std::string body, int upstreamStatus) {
  Reply reply = rawJsonReply(200, std::move(body));
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

// The failure of an attempt's responses as its lane judges it (ok when all are 2xx).
Status failureOf(const providers::DialectOps& ops, const providers::TranslateContext& tctx,
                 const Attempt& attempt, std::span<const UpstreamResponse> responses) {
  Status failure = firstFailure(responses, &tctx.endpoint);
  if (!failure.ok() && ops.mapError &&
      (attempt.lane == Lane::Translated || attempt.lane == Lane::TranslatedCount)) {
    failure = ops.mapError(tctx, std::move(failure));
  }
  // A relayed answer of any content type: its own status decides retries and history.
  if (const UpstreamResponse* r = failingResponse(responses);
      !failure.ok() && attempt.lane == Lane::Proxy && r && r->status >= 400) {
    failure.httpStatus = r->status;
  }
  return failure;
}

// A 2xx on the native lane or through the raw proxy: relayed, never translated.
Step relayedSuccess(const Gateway& gw, const Attempt& attempt, const UpstreamResponse& response,
                    const RequestContext& ctx) {
  Reply reply;
  if (attempt.lane == Lane::Proxy) {
    reply = relayReply(response);
    addAttemptHeaders(reply.headers, attempt, std::to_string(reply.status));
  } else {
    reply = nativeSuccess(gw.config(), attempt, response);
  }
  Step step = replyStep(std::move(reply));
  step.breaker = breakerAfterSuccess(ctx, attempt.endpoint);
  return step;
}

}  // namespace

Step finishInvocation(const Gateway& gw, const Attempt& attempt,
                      std::span<const UpstreamResponse> responses, const RequestContext& ctx) {
  const vocab::Endpoint* endpoint = gw.config().findEndpoint(attempt.endpoint);
  const providers::ProviderSpec* spec =
      endpoint ? providers::findProvider(endpoint->model.provider) : nullptr;
  const providers::DialectOps* ops = spec ? providers::opsOf(*spec) : nullptr;
  if (!endpoint || !ops || responses.empty()) {
    return replyStep(errorReply(makeError(ErrorCode::Internal, "Unknown attempt."),
                                styleOf(attempt.surface)));
  }
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, attempt.stream, ctx.nowMs,
                                   attempt.schema == schema::WireSchema::Candidates};
  Status failure = failureOf(*ops, tctx, attempt, responses);
  // Failures go to failover.cc: retry, fall back, or the final error with attempt headers.
  if (!failure.ok()) return failedAttempt(gw, attempt, failure, failingResponse(responses), ctx);
  if (attempt.lane == Lane::TranslatedCount && ops->tokenCounter) {
    Outcome<Reply> counted = providerCountReply(*ops->tokenCounter, attempt, responses.front().body);
    if (!counted) return failedAttempt(gw, attempt, counted.error(), nullptr, ctx);
    Step step = replyStep(counted.take());
    step.breaker = breakerAfterSuccess(ctx, attempt.endpoint);
    return step;
  }
  if (attempt.lane != Lane::Translated) return relayedSuccess(gw, attempt, responses.front(), ctx);
  Outcome<std::vector<JsonTape>> bodies = scanBodies(responses);
  if (!bodies) return failedAttempt(gw, attempt, bodies.error(), nullptr, ctx);
  Outcome<std::string> body = translateResponse(*ops, tctx, attempt, *bodies);
  if (!body) return failedAttempt(gw, attempt, body.error(), nullptr, ctx);
  Step step = replyStep(successReply(attempt, body.take(), responses.front().status));
  step.breaker = breakerAfterSuccess(ctx, attempt.endpoint);
  return step;
}

}  // namespace gw::gateway
