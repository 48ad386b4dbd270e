// Claude on Bedrock, natively: an Anthropic Messages client on a Bedrock endpoint whose
// model is an Anthropic one goes to InvokeModel with the Anthropic body as the client
// wrote it (what Bedrock documents for Claude), not through Converse, so thinking,
// cache_control, citations and beta fields survive.
//
//   body     the client's members byte for byte but `model` and `stream`, plus
//            `anthropic_version: "bedrock-2023-05-31"` and `anthropic_beta` (from the
//            `anthropic-beta` header) unless the client put its own in the body
//   betas    only those Bedrock accepts (below); others would make Bedrock refuse the
//            whole request ("invalid beta flag"), so they are left out and named in the
//            client's `x-gateway-dropped-anthropic-beta` header; an alias Bedrock knows
//            by another name is renamed
//   URL      POST {base}/model/{model id}/invoke, or /invoke-with-response-stream
//   auth     as every Bedrock call (bedrock.cc: SigV4 or the bearer API key)
//   answer   InvokeModel's body is the Anthropic message: relayed untouched; the stream
//            is AWS event stream whose `chunk` events carry the Anthropic events base64'd:
//            each becomes `event: <type>\ndata: <the event's JSON, as sent>\n\n`
//   count_tokens  CountTokens: POST {base}/model/{bare model id}/count-tokens with
//            {"input":{"invokeModel":{"body": base64(the InvokeModel body)}}}; the body gets
//            `max_tokens: 1` when the client sent none (InvokeModel's schema requires it,
//            nothing is generated); a cross-region profile id (`us.anthropic.…`) is counted
//            on its foundation model (`anthropic.…`), which CountTokens requires; Bedrock's
//            {"inputTokens": N} is answered as Anthropic's {"input_tokens": N}
#include <array>
#include <string>

#include "core/base64.h"
#include "core/json_writer.h"
#include "providers/dialects/bedrock.h"
#include "providers/dialects/bedrock_sigv4.h"
#include "stream/chunk_translator.h"

namespace gw::providers {
namespace {

constexpr std::string_view kAnthropicVersion = "bedrock-2023-05-31";

// Verified accepted by Bedrock (Envoy AI Gateway's probe, anthropic_awsanthropic.go).
constexpr std::array<std::string_view, 17> kAcceptedBetas = {
    "computer-use-2024-10-22", "computer-use-2025-01-24", "context-1m-2025-08-07",
    "context-management-2025-06-27", "dev-full-thinking-2025-05-14",
    "fine-grained-tool-streaming-2025-05-14", "interleaved-thinking-2025-05-14",
    "mcp-client-2025-04-04", "mcp-client-2025-11-20", "model-context-window-exceeded-2025-08-26",
    "output-128k-2025-02-19", "pdfs-2024-09-25", "search-results-2025-06-09",
    "token-counting-2024-11-01", "token-efficient-tools-2025-02-19", "tool-search-tool-2025-10-19",
    "web-search-2025-03-05"};

std::string_view bedrockName(std::string_view beta) {
  if (beta == "advanced-tool-use-2025-11-20") return "tool-search-tool-2025-10-19";
  for (std::string_view accepted : kAcceptedBetas) {
    if (beta == accepted) return accepted;
  }
  return {};
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Betas {
  std::vector<std::string_view> sent;
  std::string dropped;  // comma list
};

Betas splitBetas(const Headers& headers) {
  Betas betas;
  for (const auto& [name, value] : headers) {
    if (name != "anthropic-beta") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view beta = trimmed(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      if (beta.empty()) continue;
      if (std::string_view known = bedrockName(beta); !known.empty()) betas.sent.push_back(known);
      else betas.dropped.append(betas.dropped.empty() ? "" : ",").append(beta);
    }
  }
  return betas;
}

bool takesClaude(const TranslateContext& ctx) {
  Outcome<bedrock::Family> family = bedrock::familyOf(ctx.endpoint.model.name);
  return ctx.type == vocab::RouteType::Chat && family && *family == bedrock::Family::Anthropic;
}

std::string invokeBody(JsonRef root, const Betas& betas, bool countTokens) {
  JsonWriter w(256);
  w.beginObject();
  if (countTokens && !root.find("max_tokens").present()) {
    w.key("max_tokens");
    w.integer(1);
  }
  if (!root.find("anthropic_version").present()) {
    w.key("anthropic_version");
    w.string(kAnthropicVersion);
  }
  if (!betas.sent.empty() && !root.find("anthropic_beta").present()) {
    w.key("anthropic_beta");
    w.beginArray();
    for (std::string_view beta : betas.sent) w.string(beta);
    w.endArray();
  }
  for (auto [key, value] : root.members()) {
    if (key.stringEquals("model") || key.stringEquals("stream")) continue;
    w.rawKey(key.raw());
    w.raw(value.raw());
  }
  w.endObject();
  return w.take();
}

// `us.anthropic.claude-…` (a cross-region inference profile) -> `anthropic.claude-…`.
std::string foundationModelOf(const std::string& modelId) {
  const size_t dot = modelId.find('.');
  if (dot == std::string::npos || modelId.compare(0, dot, "anthropic") == 0) return modelId;
  std::string_view rest = std::string_view(modelId).substr(dot + 1);
  return rest.substr(0, 10) == "anthropic." ? std::string(rest) : modelId;
}

// CountTokens' {"inputTokens": N} -> Anthropic's {"input_tokens": N}.
Outcome<std::string> anthropicTokenCount(std::string_view body) {
  GW_TRY(JsonTape answer, JsonTape::scan(body));
  JsonRef count = answer.root().find("inputTokens");
  if (!count.isInteger()) {
    return makeError(ErrorCode::BadGateway, "Bedrock's CountTokens answer has no integer inputTokens.");
  }
  return R"({"input_tokens":)" + std::string(count.raw()) + "}";
}

Outcome<UpstreamPlan> buildInvokeModel(const TranslateContext& ctx, const NativeRequest& in) {
  GW_TRY(bedrock::AwsAuth auth, bedrock::awsAuthOf(ctx));
  GW_TRY(std::string base, bedrock::baseFor(ctx, auth));
  GW_TRY(JsonTape body, JsonTape::scan(in.body));
  Betas betas = splitBetas(in.headers);
  std::string invoke = invokeBody(body.root(), betas, in.countTokens);
  UpstreamPlan plan;
  if (in.countTokens) {
    std::string url = joinUrl(base, "model/" + sigv4::uriEncode(foundationModelOf(ctx.endpoint.model.name)) +
                                        "/count-tokens");
    std::string count = R"({"input":{"invokeModel":{"body":")" + base64Encode(invoke) + R"("}}})";
    plan.requests.push_back(bedrock::requestFor(ctx, auth, url, std::move(count)));
  } else {
    std::string op = ctx.stream ? "invoke-with-response-stream" : "invoke";
    std::string url = joinUrl(base, "model/" + sigv4::uriEncode(ctx.endpoint.model.name) + "/" + op);
    plan.requests.push_back(bedrock::requestFor(ctx, auth, url, std::move(invoke)));
  }
  plan.note = std::move(betas.dropped);
  return plan;
}

Status badChunk(std::string_view why) {
  return stream::streamError(ErrorCode::BadGateway, "The Bedrock stream sent " + std::string(why) + ".");
}

// A `chunk` event {"bytes": base64(Anthropic event JSON)} -> one SSE frame.
Status reframeChunk(const stream::Event& event, std::string& out, std::string& name) {
  if (event.name != "chunk") return badChunk("an event of unknown type '" + std::string(event.name) + "'");
  GW_TRY(JsonTape payload, JsonTape::scan(event.data));
  JsonRef bytes = payload.root().find("bytes");
  if (!bytes.isString()) return badChunk("a chunk without bytes");
  std::string encoded;
  appendDecodedString(bytes.rawString(), encoded);
  std::optional<std::string> json = base64Decode(encoded);
  if (!json) return badChunk("a chunk whose bytes are not base64");
  GW_TRY(JsonTape decoded, JsonTape::scan(*json));
  JsonRef type = decoded.root().find("type");
  if (!type.isString()) return badChunk("a chunk that is not an Anthropic event");
  name = type.string();
  out.append("event: ").append(name).append("\ndata: ").append(*json).append("\n\n");
  return Status{};
}

// Bedrock's stream exceptions (InvokeModelWithResponseStream) as Anthropic error types.
Status anthropicFailure(Status status) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"throttlingException", "rate_limit_error"},
      {"serviceUnavailableException", "overloaded_error"},
      {"modelTimeoutException", "timeout_error"},
      {"validationException", "invalid_request_error"},
      {"internalServerException", "api_error"},
      {"modelStreamErrorException", "api_error"}};
  const Json* type = status.detail ? findMember(*status.detail, "type") : nullptr;
  for (const auto& [aws, anthropic] : kTypes) {
    if (type && type->is_string() && type->get_ref<const std::string&>() == aws) {
      return stream::streamError(status.code, status.message, std::string(anthropic));
    }
  }
  return status;
}

bool forwardsBedrockHeader(std::string_view name) {
  return name == "x-amzn-requestid" || name == "retry-after" ||
         name.starts_with("x-amzn-bedrock-input-") || name.starts_with("x-amzn-bedrock-output-");
}

constexpr NativeLane kLanes[] = {{.dialect = schema::Surface::Anthropic,
                                  .takes = &takesClaude,
                                  .buildRequest = &buildInvokeModel,
                                  .forwardsResponseHeader = &forwardsBedrockHeader,
                                  .lastStreamEvent = "message_stop",
                                  .errorStreamEvent = "error",
                                  .reframeEvent = &reframeChunk,
                                  .upstreamFraming = vocab::StreamFraming::AwsEventStream,
                                  .streamFailure = &anthropicFailure,
                                  .countAnswer = &anthropicTokenCount,
                                  .noteHeader = "x-gateway-dropped-anthropic-beta"}};

}  // namespace

std::span<const NativeLane> bedrock::nativeLanes() { return kLanes; }

}  // namespace gw::providers
