// OpenAI, Azure OpenAI and every OpenAI-compatible provider (one translator,
// configured by the provider table).
// API reference: https://platform.openai.com/docs/api-reference
//
// Request: `{"model": <configured name>, ...unified request}`; nulls are dropped
// and `n` defaults to 1, as MLflow sends it. Azure puts the deployment in the URL
// and sends no `model`. Streams ask for `stream_options.include_usage` so the
// last chunk carries usage. Nothing is dropped: unknown keys pass through.
// Completions on a route declared in the MLflow 2.5–2.8 style are sent to
// `chat/completions` (as MLflow 2.5–2.8 did: those configs name chat models);
// on 2.9+ configs they go to `completions` (MLflow 2.22+).
#include "providers/openai.h"
#include "core/ascii.h"
#include "providers/dialects/databricks.h"
#include "providers/dialects/openai_input_tokens.h"
#include "providers/openai_splice.h"
#include "providers/openai_stream.h"

#include <algorithm>
#include <cctype>

#include "schema/response.h"

namespace gw::providers {
namespace {

using vocab::RouteType;

std::string apiType(const TranslateContext& ctx) {
  if (!ctx.spec.openAIApiType) return "openai";
  return lowerAscii(configString(ctx.endpoint, "openai_api_type", "openai"));
}

bool isAzure(const TranslateContext& ctx) {
  std::string type = apiType(ctx);
  return type == "azure" || type == "azuread";
}

bool completionsViaChat(const TranslateContext& ctx) {
  if (ctx.type != RouteType::Completions) return false;
  if (ctx.endpoint.declaredAsRoute) return true;
  std::string completions = routePath(ctx.spec, ctx.endpoint, RouteType::Completions);
  return completions.empty() || completions == routePath(ctx.spec, ctx.endpoint, RouteType::Chat);
}

std::string pathFor(const TranslateContext& ctx) {
  if (ctx.type == RouteType::Embeddings) return routePath(ctx.spec, ctx.endpoint, RouteType::Embeddings);
  if (ctx.type == RouteType::Chat || completionsViaChat(ctx)) {
    return routePath(ctx.spec, ctx.endpoint, RouteType::Chat);
  }
  return routePath(ctx.spec, ctx.endpoint, RouteType::Completions);
}

std::string urlFor(const TranslateContext& ctx) {
  const std::string path = pathFor(ctx);
  if (isAzure(ctx)) {
    std::string base = configString(ctx.endpoint, "openai_api_base");
    std::string deployment = configString(ctx.endpoint, "openai_deployment_name");
    std::string version = configString(ctx.endpoint, "openai_api_version");
    return joinUrl(joinUrl(base, "openai/deployments/" + deployment),
                   path + "?api-version=" + version);
  }
  std::string url = joinUrl(baseUrlFor(ctx), path);
  std::string version = configString(ctx.endpoint, "openai_api_version");
  if (!version.empty() && ctx.spec.apiVersionQuery) {
    url.append(url.find('?') == std::string::npos ? "?" : "&").append("api-version=");
    url.append(version);
  }
  return url;
}

// Inline `openai-compatible` providers name their auth header and scheme.
std::pair<std::string, std::string> inlineAuth(const TranslateContext& ctx) {
  std::string key = configString(ctx.endpoint, "api_key");
  if (key.empty()) return {};
  std::string header = lowerAscii(configString(ctx.endpoint, "auth_header", "authorization"));
  std::string scheme = configString(ctx.endpoint, "auth_scheme", "Bearer");
  return {header, scheme.empty() ? key : scheme + " " + key};
}

Headers headersFor(const TranslateContext& ctx) {
  Headers headers;
  std::pair<std::string, std::string> auth;
  std::string type = apiType(ctx);
  if (type == "azure") {
    auth = {"api-key", configString(ctx.endpoint, "openai_api_key")};
  } else if (ctx.spec.apiFromConfig) {
    auth = inlineAuth(ctx);
  } else {
    auth = authHeaderFor(ctx);
  }
  if (!auth.first.empty()) headers.push_back(std::move(auth));
  std::string org = configString(ctx.endpoint, "openai_organization");
  if (type == "openai" && !org.empty()) headers.emplace_back("openai-organization", org);
  headers.emplace_back("content-type", "application/json");
  return headers;
}

// {"model": name, ...unified without nulls}; chat/completions default n to 1.
Json bodyFor(const TranslateContext& ctx, const Json& unified) {
  Json body = Json::object();
  if (!isAzure(ctx) && !ctx.endpoint.model.name.empty()) body["model"] = ctx.endpoint.model.name;
  for (auto it = unified.begin(); it != unified.end(); ++it) {
    if (!it.value().is_null()) body[it.key()] = it.value();
  }
  if (completionsViaChat(ctx)) {
    Json prompt = std::move(body["prompt"]);
    body.erase("prompt");
    body["messages"] = Json::array({Json{{"role", "user"}, {"content", std::move(prompt)}}});
  }
  if (ctx.type != RouteType::Embeddings && !body.contains("n")) body["n"] = 1;
  if (ctx.stream && !body.contains("stream_options")) {
    body["stream_options"] = Json{{"include_usage", true}};
  }
  return body;
}

Outcome<UpstreamPlan> buildOpenAIRequest(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(OpenAIRequestShape shape, openAIRequestShape(ctx));
  UpstreamRequest request = std::move(shape.request);
  request.body = dumpJson(bodyFor(ctx, unified));
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

int64_t createdOf(const TranslateContext& ctx, const Json& upstream) {
  const Json* c = findMember(upstream, "created");
  return c && c->is_number_integer() ? c->get<int64_t>() : ctx.nowMs / 1000;
}

Json chatUsage(const Json& upstream) { return schema::chatUsageJson(findMember(upstream, "usage")); }

Json choicesOf(const Json& upstream) {
  const Json* c = findMember(upstream, "choices");
  return c && c->is_array() ? *c : Json::array();
}

Json parseChat(const TranslateContext& ctx, const Json& upstream) {
  Json choices = Json::array();
  Json upstreamChoices = choicesOf(upstream);
  for (size_t i = 0; i < upstreamChoices.size(); ++i) {
    const Json& c = upstreamChoices[i];
    Json message = memberOr(c, "message", Json::object());
    Json choice = schema::chatChoice(i, normalizedChatContent(ctx, memberOr(message, "content", nullptr)),
                                     memberOr(message, "tool_calls", nullptr),
                                     memberOr(c, "finish_reason", nullptr),
                                     memberOr(message, "refusal", nullptr));
    choice["message"]["role"] = memberOr(message, "role", "assistant");
    choices.push_back(std::move(choice));
  }
  return schema::chatResponse(memberOr(upstream, "id", nullptr), createdOf(ctx, upstream),
                              memberOr(upstream, "model", ctx.endpoint.model.name),
                              std::move(choices), chatUsage(upstream), ctx.spec.id);
}

Json completionText(const Json& choice) {
  const Json* message = findMember(choice, "message");
  if (message) {
    const Json* content = findMember(*message, "content");
    if (content && content->is_string()) return *content;
  }
  return memberOr(choice, "text", "");
}

Json parseCompletions(const TranslateContext& ctx, const Json& upstream) {
  Json choices = Json::array();
  Json upstreamChoices = choicesOf(upstream);
  for (size_t i = 0; i < upstreamChoices.size(); ++i) {
    const Json& c = upstreamChoices[i];
    choices.push_back(Json{{"index", i}, {"text", completionText(c)},
                           {"finish_reason", memberOr(c, "finish_reason", nullptr)}});
  }
  Json usage = schema::usageJson(schema::readUsage(findMember(upstream, "usage")));
  return schema::completionsResponse(memberOr(upstream, "id", nullptr), createdOf(ctx, upstream),
                                     memberOr(upstream, "model", ctx.endpoint.model.name),
                                     std::move(choices), std::move(usage));
}

Json parseEmbeddings(const TranslateContext& ctx, const Json& upstream) {
  Json vectors = Json::array();
  if (const Json* data = findMember(upstream, "data"); data && data->is_array()) {
    for (const Json& d : *data) vectors.push_back(memberOr(d, "embedding", Json::array()));
  }
  Json usage = schema::embeddingsUsageJson(schema::readUsage(findMember(upstream, "usage")));
  return schema::embeddingsResponse(vectors, memberOr(upstream, "model", ctx.endpoint.model.name),
                                    std::move(usage));
}

Outcome<Json> parseOpenAIResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                  std::string_view /*note*/) {
  const Json& upstream = bodies.front();
  if (!upstream.is_object()) {
    return makeError(ErrorCode::BadGateway, "The upstream response is not a JSON object.");
  }
  switch (ctx.type) {
    case RouteType::Chat: return parseChat(ctx, upstream);
    case RouteType::Completions: return parseCompletions(ctx, upstream);
    case RouteType::Embeddings: return parseEmbeddings(ctx, upstream);
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

bool offersInputTokens(const TranslateContext& ctx) { return isOpenAIItself(ctx) && ctx.type == RouteType::Chat; }

Outcome<UpstreamPlan> buildInputTokensCount(const TranslateContext& ctx, const Json& unified) {
  GW_TRY(Json body, inputTokensBody(unified, ctx.endpoint.model.name));
  UpstreamRequest request;
  request.url = joinUrl(baseUrlFor(ctx), "responses/input_tokens");
  request.headers = headersFor(ctx);
  request.body = dumpJson(body);
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

Outcome<int64_t> readInputTokens(const Json& answer) {
  const Json* count = findMember(answer, "input_tokens");
  if (count && count->is_number_integer()) return count->get<int64_t>();
  return makeError(ErrorCode::BadGateway, "OpenAI's input_tokens answer has no input_tokens.");
}

}  // namespace

bool isOpenAIItself(const TranslateContext& ctx) { return ctx.spec.id == "openai" && apiType(ctx) == "openai"; }

Outcome<OpenAIRequestShape> openAIRequestShape(const TranslateContext& ctx) {
  if (!isAzure(ctx)) GW_CHECK(compatibleConfigError(ctx));  // databricks.cc
  OpenAIRequestShape shape;
  shape.request.url = urlFor(ctx);
  shape.request.headers = headersFor(ctx);
  shape.request.framing = ctx.stream ? StreamFraming::Sse : StreamFraming::None;
  shape.sendsModel = !isAzure(ctx) && !ctx.endpoint.model.name.empty();
  shape.completionsViaChat = completionsViaChat(ctx);
  return shape;
}

// The auth (and organisation) headers of headersFor, without the content type.
Outcome<Headers> openAICredentials(const TranslateContext& ctx) {
  Headers headers = headersFor(ctx);
  std::erase_if(headers, [](const auto& h) { return h.first == "content-type"; });
  return headers;
}

// The DOM translators serve the MLflow 2.5–2.8 schema and bodies with repeated
// keys; the splicing ones (openai_splice.cc) everything else.
const DialectOps& openAIOps() {
  static constexpr TokenCounter kInputTokens{.buildRequest = &buildInputTokensCount,
                                             .readCount = &readInputTokens,
                                             .offeredFor = &offersInputTokens};
  static const DialectOps kOps{.buildRequest = &buildOpenAIRequest,
                                   .parseResponse = &parseOpenAIResponse,
                                   .openStream = &openOpenAIStream,
                                   .buildRequestFromTape = &buildOpenAIRequestFromTape,
                                   .parseResponseToText = &parseOpenAIResponseToText,
                                   .nativeLanes = openAINativeLanes(),
                                   .credentialHeaders = &openAICredentials,
                                   .tokenCounter = &kInputTokens};
  return kOps;
}

}  // namespace gw::providers
