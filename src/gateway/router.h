#pragma once
// Maps method + path of the REST API to a handler kind.
#include <string>
#include <string_view>

#include "config/config.h"
#include "schema/request.h"

namespace gw::gateway {

/// The REST paths the core answers (the host serves /docs, /openapi.json, /ui/).
enum class PathKind {
  Root,               ///< GET /  -> redirect to /docs
  Health,             ///< GET /health
  GatewayInvoke,      ///< POST /gateway/{name}/invocations
  EndpointInvoke,     ///< POST /endpoints/{name}/invocations
  OpenAIChat,         ///< POST /v1/chat/completions
  OpenAICompletions,  ///< POST /v1/completions
  OpenAIEmbeddings,   ///< POST /v1/embeddings
  OpenAIModels,       ///< GET /v1/models
  OpenAIModel,        ///< GET /v1/models/{name}
  AnthropicMessages,  ///< POST /v1/messages (Anthropic Messages; `model` names the endpoint)
  AnthropicCountTokens,  ///< POST /v1/messages/count_tokens
  GeminiGenerate,        ///< POST /gateway/gemini/v1beta/models/{name}:generateContent (MLflow 3)
  GeminiStreamGenerate,  ///< ...:streamGenerateContent (`?alt=sse`)
  GeminiCountTokens,     ///< ...:countTokens
  OpenAIResponses,       ///< POST /v1/responses (OpenAI Responses; `model` names the endpoint)
  ResponsesInputTokens,  ///< POST /v1/responses/input_tokens
  ListRoutes,         ///< GET /api/2.0/gateway/routes/
  GetRoute,           ///< GET /api/2.0/gateway/routes/{name}
  ListEndpoints,      ///< GET /api/2.0/endpoints/
  GetEndpoint,        ///< GET /api/2.0/endpoints/{name}, /api/3.0/gateway/endpoint/{name}
  GetTrafficRoute,    ///< GET /api/3.0/gateway/route/{name}
  Limits,             ///< /api/2.0/gateway/limits/..., /api/2.0/endpoints/limits/... (501)
  Proxy,              ///< any method /gateway/proxy/{endpoint}/{path...} (MLflow 3's raw proxy)
  NotFound,
};

/// A matched path.
struct PathMatch {
  PathKind kind = PathKind::NotFound;
  std::string name;          ///< route/endpoint name from the path (decoded)
  std::string query;         ///< raw query string without '?'
  std::string tail;          ///< Proxy: the path after the endpoint, as received ("v1/messages")
  std::string_view allowedMethod;  ///< the method the path takes
  bool methodAllowed = true;
};

/// Matches a request target ("/path?query").
PathMatch matchPath(std::string_view method, std::string_view target);

/// A query parameter's decoded value ("" when absent).
std::string queryParam(std::string_view query, std::string_view name);

/// The API surface a path belongs to: Anthropic's for /v1/messages, OpenAI's for
/// the other /v1 paths, MLflow's
/// (invocations and metadata) otherwise. It decides the error shape of every
/// answer, the core's and the host's (gateway/host_error.h).
schema::Surface surfaceOf(PathKind kind);

/// The route type a /v1 path serves.
vocab::RouteType openAIRouteType(PathKind kind);

}  // namespace gw::gateway
