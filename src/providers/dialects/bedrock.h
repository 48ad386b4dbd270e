#pragma once
// Amazon Bedrock (`bedrock`, `amazon-bedrock`): the dialect's ops and the
// interfaces between its files (bedrock.cc: auth, URLs, plans; bedrock_converse.cc:
// chat; bedrock_stream.cc: ConverseStream; bedrock_invoke.cc: InvokeModel
// completions and Titan embeddings; bedrock_sigv4.cc: what SigV4 needs besides crypto).
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "providers/provider.h"
#include "schema/response.h"
#include "stream/chunk_translator.h"

namespace gw::providers {

/// The Bedrock dialect's translator functions.
const DialectOps& bedrockOps();

}  // namespace gw::providers

namespace gw::providers::bedrock {

/// MLflow reports Bedrock as "bedrock" whichever alias the config used.
inline constexpr std::string_view kProviderName = "bedrock";

/// How requests are authenticated, from `aws_config` (MLflow's order: bearer
/// token, role, access keys, default chain).
struct AwsAuth {
  enum class Mode {
    BearerToken,      ///< `aws_bearer_token`: `Authorization: Bearer`, no signing
    Keys,             ///< `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`)
    HostCredentials,  ///< no keys: the host's signer supplies credentials
  };
  Mode mode = Mode::HostCredentials;
  std::string region;
  std::string accessKeyId;
  std::string secretAccessKey;
  std::string sessionToken;
  std::string bearerToken;
};

/// The auth of an endpoint, or the error that makes it unusable.
Outcome<AwsAuth> awsAuthOf(const TranslateContext& ctx);
/// The runtime base URL: `api_base`, else the region's bedrock-runtime host.
Outcome<std::string> baseFor(const TranslateContext& ctx, const AwsAuth& auth);
/// A POST of `body` to `url` with Bedrock's headers, signed (SigV4 `signing`) or with
/// the bearer token; AWS event-stream framing for a streamed chat.
UpstreamRequest requestFor(const TranslateContext& ctx, const AwsAuth& auth, const std::string& url,
                           std::string body);
/// The native lane: Anthropic Messages clients on Claude models, InvokeModel with the
/// Anthropic body (bedrock_native.cc).
std::span<const NativeLane> nativeLanes();

/// The InvokeModel adapter, chosen by model-id substring as MLflow does.
enum class Family { Titan, Cohere, AI21, Anthropic };
/// MLflow's `AmazonBedrockModelProvider.of_str`, or its 422.
Outcome<Family> familyOf(const std::string& modelId);

/// Converse request body for a chat request.
Outcome<Json> converseRequest(const TranslateContext& ctx, const Json& unified);
/// A Converse reply as a unified chat response.
Outcome<Json> converseResponse(const TranslateContext& ctx, const Json& reply);
/// Converse `usage` {inputTokens, outputTokens, totalTokens} (null-safe).
schema::Usage converseUsage(const Json* usage);
/// Converse `stopReason` -> unified finish_reason.
Json finishReasonOf(const Json& stopReason);
/// The ConverseStream translator (AWS event-stream events in, chat chunks out).
std::unique_ptr<stream::ChunkTranslator> openConverseStream(const TranslateContext& ctx);

/// InvokeModel body for a completions request.
Outcome<Json> invokeRequest(const TranslateContext& ctx, Family family, const Json& unified);
/// An InvokeModel completions reply as a unified completions response.
Outcome<Json> invokeResponse(const TranslateContext& ctx, Family family, const Json& reply);

/// Titan embeddings: one InvokeModel body per input, in order.
Outcome<std::vector<Json>> embeddingRequests(const Json& unified);
/// The replies of those calls (same order) as one unified embeddings response;
/// `note` is the plan's note (the requested `encoding_format`).
Outcome<Json> embeddingsResponse(const TranslateContext& ctx, std::span<const Json> replies,
                                 std::string_view note);

}  // namespace gw::providers::bedrock
