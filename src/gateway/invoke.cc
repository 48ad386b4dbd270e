// Planning an invocation: resolve the name, validate the body, pick the target,
// translate to the provider's request.
#include "gateway/invoke.h"

#include <string>

#include "clients/anthropic/request.h"
#include "clients/gemini/request.h"
#include "clients/responses/request.h"
#include "gateway/admission.h"
#include "gateway/failover.h"
#include "gateway/mock_answer.h"
#include "gateway/native_lane.h"
#include "gateway/token_count.h"
#include "gateway/reply.h"
#include "providers/provider.h"
#include "schema/request.h"

namespace gw::gateway {
namespace {

using vocab::Endpoint;
using vocab::RouteType;
using schema::Surface;
using schema::WireSchema;

Step fail(const Status& status, Surface surface) {
  return replyStep(errorReply(status, styleOf(surface)));
}

// Scans the request body once (validating it), naming the problem when it is not JSON.
Outcome<JsonTape> scanBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return makeError(ErrorCode::MalformedJson, "The request body is empty; expected a JSON object.");
  }
  Outcome<JsonTape> tape = JsonTape::scan(body);
  if (tape) return tape;
  return makeError(ErrorCode::MalformedJson,
                   "The request body is not valid JSON: " + tape.error().message);
}

// The name the request addresses and the route type it must have.
struct Addressed {
  std::string name;
  std::optional<RouteType> requiredType;  // /v1 paths fix the type
};

Outcome<Addressed> addressedName(const PathMatch& match, JsonRef body) {
  if (match.kind == PathKind::GatewayInvoke || match.kind == PathKind::EndpointInvoke) {
    return Addressed{match.name, std::nullopt};
  }
  if (surfaceOf(match.kind) == Surface::Gemini) return Addressed{match.name, RouteType::Chat};
  JsonRef model = body.find("model");
  if (!model.isString() || model.rawString().empty()) {
    return makeError(ErrorCode::BadRequest, "Missing required 'model' parameter in request body.",
                     "model");
  }
  return Addressed{model.string(), openAIRouteType(match.kind)};
}

Status unknownName(const std::string& name, const PathMatch& match) {
  if (match.kind == PathKind::GatewayInvoke || match.kind == PathKind::EndpointInvoke) {
    const char* noun = match.kind == PathKind::GatewayInvoke ? "route" : "endpoint";
    return makeError(ErrorCode::NotFound, "The " + std::string(noun) + " '" + name +
                                              "' is not present or active on the server. Please "
                                              "verify the " + noun + " name.");
  }
  Status s = makeError(ErrorCode::NotFound,
                       "The model '" + name + "' does not exist: it is not an endpoint or route "
                       "of this gateway.", "model");
  return s;
}

Status wrongType(const std::string& name, RouteType wanted) {
  static constexpr const char* kNouns[] = {"a completions", "a chat", "an embeddings"};
  return makeError(ErrorCode::BadRequest, "Endpoint '" + name + "' is not " +
                                              kNouns[static_cast<int>(wanted)] + " endpoint.",
                   "model");
}

// The first attempt of a request, before the body is validated.
Outcome<Attempt> firstAttempt(const Gateway& gw, const PathMatch& match, JsonRef body,
                              const RequestContext& ctx) {
  GW_TRY(Addressed addressed, addressedName(match, body));
  const config::Config& cfg = gw.config();
  Attempt a;
  a.surface = surfaceOf(match.kind);
  a.mlflowPath = match.kind == PathKind::GatewayInvoke;
  a.stream = match.kind == PathKind::GeminiStreamGenerate;  // Gemini says it in the path
  a.route = addressed.name;
  if (const Endpoint* e = cfg.findEndpoint(addressed.name)) {
    a.type = e->type;
    startChain(cfg, a, e->name, ctx);
    bool candidates = e->declaredAsRoute && match.kind == PathKind::GatewayInvoke;
    a.schema = candidates ? WireSchema::Candidates : WireSchema::OpenAILike;
  } else if (const config::TrafficRoute* r = cfg.findRoute(addressed.name)) {
    a.type = r->taskType;
    const config::Destination* d = drawDestination(*r, ctx);
    if (d == nullptr) return makeError(ErrorCode::Internal, "Traffic route without destinations.");
    startChain(cfg, a, d->name, ctx);
  } else {
    return unknownName(addressed.name, match);
  }
  if (addressed.requiredType && *addressed.requiredType != a.type) {
    return wrongType(addressed.name, *addressed.requiredType);
  }
  return a;
}

// The upstream request: spliced from the body's bytes when the dialect can and the
// request allows it, built from the unified DOM otherwise.
Outcome<providers::UpstreamPlan> translateRequest(const providers::DialectOps& ops,
                                                  const providers::TranslateContext& tctx,
                                                  const schema::ValidatedRequest& request) {
  const JsonTape* body = ops.buildRequestFromTape ? request.spliceableBody() : nullptr;
  if (body) return ops.buildRequestFromTape(tctx, *body);
  return ops.buildRequest(tctx, request.unified());
}

Step planCall(const Gateway& gw, Attempt attempt, const schema::ValidatedRequest& request,
              const RequestContext& ctx) {
  const Endpoint* endpoint = gw.config().findEndpoint(attempt.endpoint);
  if (!endpoint) return fail(makeError(ErrorCode::Internal, "Unknown attempt target."), attempt.surface);
  const providers::ProviderSpec* spec = providers::findProvider(endpoint->model.provider);
  if (spec && spec->answeredByCore) {
    // No upstream call: the core answers.
    return answerWithMock(gw, attempt, *endpoint, *spec, request.unified(), ctx);
  }
  const providers::DialectOps* ops = spec ? providers::opsOf(*spec) : nullptr;
  const uint8_t bit = vocab::bitOf(attempt.type);
  bool routeSupported = spec && (providers::servedRouteTypes(*spec, *endpoint) & bit);
  bool streamSupported = spec && (providers::streamedRouteTypes(*spec, *endpoint) & bit);
  if (!ops || !routeSupported || (attempt.stream && (!streamSupported || !ops->openStream))) {
    const providers::ProviderSpec& shown = spec ? *spec : providers::allProviders().front();
    return fail(providers::notImplementedFor(providers::displayNameOf(shown, *endpoint), attempt.type,
                                             attempt.stream && routeSupported && ops),
                attempt.surface);
  }
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, attempt.stream, ctx.nowMs,
                                   attempt.schema == schema::WireSchema::Candidates};
  Outcome<providers::UpstreamPlan> plan = translateRequest(*ops, tctx, request);
  if (!plan) return fail(plan.error(), attempt.surface);
  attempt.note = plan->note;
  return callStep(*endpoint, attempt, plan.take());
}

bool translatedDialect(Surface surface) {
  return surface == Surface::Anthropic || surface == Surface::Gemini || surface == Surface::Responses;
}

// The unified chat request an Anthropic Messages or Gemini generateContent body asks
// for (clients/*/request.h), as text.
Outcome<std::string> chatRequestText(const Attempt& attempt, const Json& body) {
  Json chat;
  if (attempt.surface == Surface::Anthropic) {
    GW_TRY(chat, clients::anthropic::toChatRequest(body));
  } else if (attempt.surface == Surface::Responses) {
    GW_TRY(chat, clients::responses::toChatRequest(body));
  } else {
    GW_TRY(chat, clients::gemini::toChatRequest(body, attempt.route, attempt.stream));
  }
  return dumpJson(chat);
}

// A client dialect's body becomes the unified chat request; `storage` keeps the text
// the tape points into.
Outcome<JsonTape> unifiedBody(const Attempt& attempt, Outcome<JsonTape> body, std::string& storage) {
  if (!body || !translatedDialect(attempt.surface)) return body;
  GW_TRY(storage, chatRequestText(attempt, body->root().toJson()));
  return scanBody(storage);
}

// A token count off the native lane: by the provider's counting API when it has one,
// else the documented estimate (gateway/token_count.h).
Step planTokenCount(const Gateway& gw, Attempt attempt, const JsonTape& body, const RequestContext& ctx) {
  const Endpoint* endpoint = gw.config().findEndpoint(attempt.endpoint);
  const providers::ProviderSpec* spec = endpoint ? providers::findProvider(endpoint->model.provider) : nullptr;
  const providers::DialectOps* ops = spec ? providers::opsOf(*spec) : nullptr;
  if (!ops) return estimateTokenCount(attempt, body.root());
  providers::TranslateContext tctx{*endpoint, *spec, attempt.type, false, ctx.nowMs};
  const providers::TokenCounter* counter = ops->tokenCounter;
  if (!counter || (counter->offeredFor && !counter->offeredFor(tctx))) {
    return estimateTokenCount(attempt, body.root());
  }
  attempt.lane = Lane::TranslatedCount;
  attempt.stream = false;
  std::string text;  // outlives `validated`, which views it
  Outcome<std::string> chat = chatRequestText(attempt, countableBody(attempt.surface, body.root().toJson()));
  Outcome<JsonTape> unified = chat ? scanBody(text = chat.take()) : Outcome<JsonTape>(chat.error());
  if (!unified) return fail(unified.error(), attempt.surface);
  Outcome<schema::ValidatedRequest> validated =
      schema::validateRequest(attempt.type, attempt.schema, attempt.surface, unified.take());
  if (!validated) return fail(validated.error(), attempt.surface);
  Outcome<providers::UpstreamPlan> plan = counter->buildRequest(tctx, validated->unified());
  if (!plan) return fail(plan.error(), attempt.surface);
  return callStep(*endpoint, attempt, plan.take());
}

}  // namespace

Step planInvocation(const Gateway& gw, const PathMatch& match, const HttpRequest& request,
                    const RequestContext& ctx, const Attempt* resume,
                    const config::GatewayKey* caller) {
  Surface surface = surfaceOf(match.kind);
  Outcome<JsonTape> body = scanBody(request.body);
  if (!body) return fail(body.error(), surface);
  Outcome<Attempt> attempt =
      resume ? Outcome<Attempt>(*resume) : firstAttempt(gw, match, body->root(), ctx);
  if (!attempt) return fail(attempt.error(), surface);
  if (Status denied = checkRoutePermission(caller, attempt->route); !denied.ok()) {
    return fail(denied, surface);
  }
  const bool countTokens =
      match.kind == PathKind::AnthropicCountTokens || match.kind == PathKind::GeminiCountTokens ||
      match.kind == PathKind::ResponsesInputTokens;
  const providers::NativeLane* lane = nativeLaneOf(gw.config(), *attempt);
  if (lane) {
    attempt->lane = countTokens ? Lane::NativeCount : Lane::Native;
    Step step = planNativeCall(gw, *attempt, *lane, *body, request, ctx);
    // Token counts are not model calls: rate limits leave them alone.
    step = withAdmission(gw, *attempt, std::move(step), resume != nullptr || countTokens, caller, ctx);
    if (step.kind == Step::Kind::Call && attempt->stream) addLaneNote(step.call.streamHeaders, *lane, *attempt);
    return step;
  }
  attempt->lane = Lane::Translated;
  if (countTokens) {
    // Token counts are not model calls: rate limits leave them alone.
    return withAdmission(gw, *attempt, planTokenCount(gw, *attempt, *body, ctx), true, caller, ctx);
  }
  std::string translated;  // outlives `unified` and `validated`, which view it
  Outcome<JsonTape> unified = unifiedBody(*attempt, body.take(), translated);
  if (!unified) return fail(unified.error(), surface);
  Outcome<schema::ValidatedRequest> validated =
      schema::validateRequest(attempt->type, attempt->schema, surface, unified.take());
  if (!validated) return fail(validated.error(), surface);
  attempt->stream = validated->stream();
  if (attempt->stream && attempt->schema == WireSchema::Candidates) {
    return fail(makeError(ErrorCode::Unprocessable,
                          "Streaming is not supported by the MLflow 2.5-2.8 'candidates' schema of "
                          "route '" + attempt->route + "'. Use /endpoints/" + attempt->route +
                          "/invocations or /v1 to stream.", "stream"),
                surface);
  }
  const Attempt planned = attempt.take();
  return withAdmission(gw, planned, planCall(gw, planned, *validated, ctx), resume != nullptr,
                       caller, ctx);
}

}  // namespace gw::gateway
