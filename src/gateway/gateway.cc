#include "gateway/gateway.h"

#include "gateway/admission.h"
#include "gateway/finish.h"
#include "gateway/invoke.h"
#include "gateway/listing.h"
#include "gateway/proxy.h"
#include "gateway/reply.h"
#include "gateway/router.h"
#include "gateway/stream_session.h"

namespace gw::gateway {
namespace {

Step methodNotAllowed(const PathMatch& match) {
  Reply reply = errorReply(makeError(ErrorCode::MethodNotAllowed, "Method Not Allowed"),
                           ErrorStyle::Mlflow);
  reply.headers.emplace_back("allow", std::string(match.allowedMethod));
  return replyStep(std::move(reply));
}

Step limitsNotAvailable(std::string_view method) {
  const char* api = method == "POST" ? "set_limits" : "get_limits";
  return replyStep(errorReply(
      makeError(ErrorCode::NotImplemented, std::string("The ") + api + " API is not available yet."),
      ErrorStyle::Mlflow));
}

Step redirectToDocs() {
  Reply reply;
  reply.status = 307;
  reply.headers.emplace_back("location", "/docs");
  return replyStep(std::move(reply));
}

bool isInvocation(PathKind kind) {
  return kind == PathKind::GatewayInvoke || kind == PathKind::EndpointInvoke ||
         kind == PathKind::AnthropicMessages || kind == PathKind::AnthropicCountTokens ||
         kind == PathKind::GeminiGenerate || kind == PathKind::GeminiStreamGenerate ||
         kind == PathKind::GeminiCountTokens ||
         kind == PathKind::OpenAIChat || kind == PathKind::OpenAICompletions ||
         kind == PathKind::OpenAIEmbeddings || kind == PathKind::OpenAIResponses ||
         kind == PathKind::ResponsesInputTokens;
}

}  // namespace

Gateway::Gateway(std::shared_ptr<const config::Config> config, GatewayOptions options)
    : config_(std::move(config)), options_(options) {}

Gateway::Loaded Gateway::load(std::string_view yaml, const config::LoadInputs& inputs,
                              GatewayOptions options) {
  config::LoadResult result = config::loadConfig(yaml, inputs);
  Loaded loaded;
  loaded.errors = std::move(result.errors);
  loaded.warnings = std::move(result.warnings);
  if (result.config && loaded.errors.empty()) {
    loaded.gateway = std::make_shared<const Gateway>(std::move(result.config), options);
  }
  return loaded;
}

Step Gateway::plan(const HttpRequest& request, const RequestContext& ctx,
                   std::string_view resumeToken) const {
  PathMatch match = matchPath(request.method, request.target);
  if (match.kind == PathKind::NotFound) {
    return replyStep(errorReply(makeError(ErrorCode::NotFound, "Not Found"), ErrorStyle::Mlflow));
  }
  if (match.kind == PathKind::Limits) return limitsNotAvailable(request.method);
  if (!match.methodAllowed) return methodNotAllowed(match);
  if (match.kind == PathKind::Root) return redirectToDocs();
  if (match.kind == PathKind::Health) return replyStep(jsonReply(200, Json{{"status", "OK"}}));
  // Gateway keys (when configured) guard everything but /health and / (admission.cc).
  Outcome<const config::GatewayKey*> caller = authenticateCaller(*config_, request, ctx);
  if (!caller) return replyStep(unauthorizedReply(caller.error(), styleOf(surfaceOf(match.kind))));
  if (!isInvocation(match.kind) && match.kind != PathKind::Proxy) {
    return replyStep(answerMetadata(*this, match));
  }
  std::optional<Attempt> resume;
  if (!resumeToken.empty()) {
    resume = decodeAttempt(resumeToken);
    if (!resume) {
      return replyStep(errorReply(makeError(ErrorCode::BadRequest, "Invalid resume token."),
                                  ErrorStyle::Mlflow));
    }
  }
  const Attempt* resumed = resume ? &*resume : nullptr;
  if (match.kind == PathKind::Proxy) return planProxy(*this, match, request, ctx, resumed, *caller);
  return planInvocation(*this, match, request, ctx, resumed, *caller);
}

Step Gateway::finish(std::string_view token, std::span<const vocab::UpstreamResponse> responses,
                     const RequestContext& ctx) const {
  std::optional<Attempt> attempt = decodeAttempt(token);
  if (!attempt) {
    return replyStep(errorReply(makeError(ErrorCode::Internal, "Invalid attempt token."),
                                ErrorStyle::Mlflow));
  }
  return finishInvocation(*this, *attempt, responses, ctx);
}

Admission Gateway::admit(std::string_view limitToken, const policy::LimitState& state,
                         const RequestContext& ctx) const {
  return decideAdmission(*config_, limitToken, state, ctx);
}

bool Gateway::needsKeyDigest() const {
  for (const config::GatewayKey& key : config_->auth.keys) {
    if (!key.sha256Hex.empty()) return true;
  }
  return false;
}

Outcome<std::unique_ptr<StreamSession>> Gateway::openStream(std::string_view token,
                                                            const RequestContext& ctx) const {
  std::optional<Attempt> attempt = decodeAttempt(token);
  if (!attempt) return makeError(ErrorCode::Internal, "Invalid attempt token.");
  return openStreamSession(config_, *attempt, ctx);
}

}  // namespace gw::gateway
