// Amazon Bedrock runtime (`bedrock`, `amazon-bedrock`): auth, URLs and plans.
// API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html
//
// Endpoints (base `https://bedrock-runtime.{aws_region}.amazonaws.com`, or our `api_base`):
//   chat         POST /model/{modelId}/converse         (Converse; bedrock_converse.cc)
//   chat stream  POST /model/{modelId}/converse-stream  (AWS event stream; bedrock_stream.cc)
//   completions  POST /model/{modelId}/invoke           (InvokeModel; bedrock_invoke.cc)
//   embeddings   POST /model/{modelId}/invoke, one call per input (Titan; bedrock_invoke.cc)
// The model id is percent-encoded in the path (`:` -> %3A, `/` of an ARN -> %2F), as
// the AWS SDKs send it.
//
// Auth, from `aws_config` in MLflow's order:
//   * `aws_bearer_token` (Bedrock API key): `Authorization: Bearer`, no signing.
//   * `aws_role_arn`: STS AssumeRole is not made here: 501 naming the alternatives.
//   * `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`): SigV4.
//   * neither (MLflow: boto3's default chain): SigV4 with credentials the host's
//     signer supplies (bindings/sigv4.mjs: its `credentials` option, else the
//     AWS_* environment variables of a Node host).
// SigV4 requests carry `signing` (bedrock_sigv4.h): the host signs them with
// WebCrypto; the core does no cryptography.
// Deviations from MLflow 3.11:
//   * a bearer token also serves completions, embeddings and streaming chat (the
//     Bedrock API key works for InvokeModel and ConverseStream over plain HTTPS;
//     MLflow answers 501 for bearer embeddings and streams, and sends bearer
//     completions through boto3's default chain);
//   * `aws_region` is required for SigV4 (no boto3 default-region chain): 400;
//   * upstream errors are scrubbed: AWS's SignatureDoesNotMatch text quotes the
//     canonical request (incl. the session token); that part is cut and every
//     configured credential value is replaced by "[REDACTED]".
#include "providers/dialects/bedrock.h"

#include <algorithm>

#include "core/ascii.h"
#include "providers/dialects/bedrock_sigv4.h"

namespace gw::providers {
namespace {

using bedrock::AwsAuth;
using vocab::RouteType;

Status badConfig(std::string message) {
  return makeError(ErrorCode::BadRequest, std::move(message));
}

std::string awsString(const Json& aws, std::string_view key) {
  const Json* v = findMember(aws, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

}  // namespace

Outcome<std::string> bedrock::baseFor(const TranslateContext& ctx, const AwsAuth& auth) {
  std::string base = configString(ctx.endpoint, "api_base");
  if (!base.empty()) return base;
  if (auth.region.empty()) {  // only a bearer token gets here without a region (awsAuthOf)
    return badConfig("aws_region_name is required for Bedrock API key authentication. The API "
                     "key can only be used in the AWS Region it was generated in.");
  }
  return "https://bedrock-runtime." + auth.region + ".amazonaws.com";
}

namespace {

std::string operationPath(const TranslateContext& ctx) {
  std::string op = ctx.type != RouteType::Chat ? "invoke"
                   : ctx.stream               ? "converse-stream"
                                              : "converse";
  return "model/" + sigv4::uriEncode(ctx.endpoint.model.name) + "/" + op;
}

Headers headersFor(const TranslateContext& ctx, const AwsAuth& auth) {
  Headers headers;
  if (auth.mode == AwsAuth::Mode::BearerToken) {
    headers.emplace_back("authorization", "Bearer " + auth.bearerToken);
  }
  headers.emplace_back("content-type", "application/json");
  if (ctx.type != RouteType::Chat) headers.emplace_back("accept", "application/json");
  if (ctx.type == RouteType::Chat && ctx.stream) {
    headers.emplace_back("accept", "application/vnd.amazon.eventstream");
  }
  return headers;
}

}  // namespace

UpstreamRequest bedrock::requestFor(const TranslateContext& ctx, const AwsAuth& auth,
                                    const std::string& url, std::string body) {
  UpstreamRequest request;
  request.url = url;
  request.headers = headersFor(ctx, auth);
  request.body = std::move(body);
  if (ctx.type == RouteType::Chat && ctx.stream) request.framing = StreamFraming::AwsEventStream;
  if (auth.mode != AwsAuth::Mode::BearerToken) {
    sigv4::Credentials credentials{auth.accessKeyId, auth.secretAccessKey, auth.sessionToken};
    request.signing = sigv4::signingFor(request, credentials, auth.region, "bedrock", ctx.nowMs);
  }
  return request;
}

namespace {

Outcome<std::vector<Json>> bodiesFor(const TranslateContext& ctx, const Json& unified) {
  switch (ctx.type) {
    case RouteType::Chat: {
      GW_TRY(Json body, bedrock::converseRequest(ctx, unified));
      return std::vector<Json>{std::move(body)};
    }
    case RouteType::Completions: {
      GW_TRY(bedrock::Family family, bedrock::familyOf(ctx.endpoint.model.name));
      GW_TRY(Json body, bedrock::invokeRequest(ctx, family, unified));
      return std::vector<Json>{std::move(body)};
    }
    case RouteType::Embeddings: return bedrock::embeddingRequests(unified);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

Outcome<UpstreamPlan> buildBedrockRequest(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(AwsAuth auth, bedrock::awsAuthOf(ctx));
  GW_TRY(std::string base, bedrock::baseFor(ctx, auth));
  GW_TRY(std::vector<Json> bodies, bodiesFor(ctx, unified));
  const std::string url = joinUrl(base, operationPath(ctx));
  UpstreamPlan plan;
  for (const Json& body : bodies) {
    plan.requests.push_back(bedrock::requestFor(ctx, auth, url, dumpJson(body)));
  }
  if (const Json* format = findMember(unified, "encoding_format"); format && format->is_string()) {
    plan.note = format->get<std::string>();
  }
  return plan;
}

Outcome<Json> parseBedrockResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                   std::string_view note) {
  switch (ctx.type) {
    case RouteType::Chat: return bedrock::converseResponse(ctx, bodies.front());
    case RouteType::Completions: {
      GW_TRY(bedrock::Family family, bedrock::familyOf(ctx.endpoint.model.name));
      return bedrock::invokeResponse(ctx, family, bodies.front());
    }
    case RouteType::Embeddings: return bedrock::embeddingsResponse(ctx, bodies, note);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

// --- error scrubbing --------------------------------------------------------

constexpr std::string_view kCanonicalQuote = "The Canonical String for this request should have been";

void scrubText(std::string& text, const std::vector<std::string>& secrets) {
  if (size_t cut = text.find(kCanonicalQuote); cut != std::string::npos) {
    text.resize(cut);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  }
  for (const std::string& secret : secrets) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[REDACTED]");
    }
  }
}

void scrubJson(Json& value, const std::vector<std::string>& secrets, int depth) {
  if (depth > 8) return;
  if (value.is_string()) {
    scrubText(value.get_ref<std::string&>(), secrets);
  } else if (value.is_object() || value.is_array()) {
    for (Json& child : value) scrubJson(child, secrets, depth + 1);
  }
}

Status scrubBedrockError(const TranslateContext& ctx, Status status) {
  std::vector<std::string> secrets;
  const Json* aws = findMember(ctx.endpoint.model.config, "aws_config");
  for (const char* key : {"aws_session_token", "aws_secret_access_key", "aws_bearer_token",
                          "aws_access_key_id"}) {
    std::string value = aws ? awsString(*aws, key) : std::string();
    if (value.size() >= 4) secrets.push_back(std::move(value));
  }
  scrubText(status.message, secrets);
  if (status.detail) scrubJson(*status.detail, secrets, 0);
  return status;
}

}  // namespace

namespace {

// The raw proxy forwards requests the gateway does not understand: SigV4 signs a
// request's exact canonical form, which the proxy cannot promise to keep.
Outcome<Headers> bedrockCredentials(const TranslateContext&) {
  return makeError(ErrorCode::NotImplemented,
                   "The raw proxy cannot sign requests for Amazon Bedrock (AWS SigV4); use "
                   "/v1/chat/completions, /v1/messages or the endpoint's invocations path.");
}

}  // namespace

const DialectOps& bedrockOps() {
  static const DialectOps kOps{.buildRequest = &buildBedrockRequest,
                               .parseResponse = &parseBedrockResponse,
                               .openStream = &bedrock::openConverseStream,
                               .mapError = &scrubBedrockError,
                               .nativeLanes = bedrock::nativeLanes(),
                               .credentialHeaders = &bedrockCredentials};
  return kOps;
}

namespace bedrock {

Outcome<AwsAuth> awsAuthOf(const TranslateContext& ctx) {
  const Json* found = findMember(ctx.endpoint.model.config, "aws_config");
  const Json aws = found && found->is_object() ? *found : Json::object();
  AwsAuth auth;
  auth.region = awsString(aws, "aws_region");
  if (auth.bearerToken = awsString(aws, "aws_bearer_token"); !auth.bearerToken.empty()) {
    auth.mode = AwsAuth::Mode::BearerToken;
    return auth;
  }
  if (!awsString(aws, "aws_role_arn").empty()) {
    return makeError(ErrorCode::NotImplemented,
                     "Amazon Bedrock 'aws_role_arn' (STS AssumeRole) is not supported by this "
                     "gateway: configure aws_access_key_id and aws_secret_access_key (with "
                     "aws_session_token for temporary credentials) or aws_bearer_token.");
  }
  auth.accessKeyId = awsString(aws, "aws_access_key_id");
  auth.secretAccessKey = awsString(aws, "aws_secret_access_key");
  auth.sessionToken = awsString(aws, "aws_session_token");
  if (auth.accessKeyId.empty() != auth.secretAccessKey.empty()) {
    return badConfig("aws_config of endpoint '" + ctx.endpoint.name +
                     "' must set both aws_access_key_id and aws_secret_access_key.");
  }
  auth.mode = auth.accessKeyId.empty() ? AwsAuth::Mode::HostCredentials : AwsAuth::Mode::Keys;
  if (auth.region.empty()) {
    return badConfig("aws_region is required for Amazon Bedrock: set aws_config.aws_region of "
                     "endpoint '" + ctx.endpoint.name + "'.");
  }
  return auth;
}

Outcome<Family> familyOf(const std::string& modelId) {
  const std::string id = lowerAscii(modelId);
  if (id.find('.') != std::string::npos) {
    // MLflow's enum order: amazon, cohere, ai21, anthropic; first substring match wins.
    static constexpr std::pair<std::string_view, Family> kFamilies[] = {
        {"amazon", Family::Titan}, {"cohere", Family::Cohere},
        {"ai21", Family::AI21}, {"anthropic", Family::Anthropic}};
    for (const auto& [name, family] : kFamilies) {
      if (id.find(name) != std::string::npos) return family;
    }
  }
  return makeError(ErrorCode::Unprocessable, "Unknown Amazon Bedrock model type None");
}

}  // namespace bedrock
}  // namespace gw::providers
