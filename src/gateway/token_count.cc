#include "gateway/token_count.h"

#include <string>

#include "clients/anthropic/token_estimate.h"
#include "clients/gemini/token_estimate.h"
#include "clients/responses/token_estimate.h"
#include "gateway/failover.h"
#include "gateway/reply.h"

namespace gw::gateway {
namespace {

Reply countReply(const Attempt& attempt, int64_t tokens, std::string_view source) {
  const char* field = attempt.surface == schema::Surface::Gemini      ? "{\"totalTokens\":"
                      : attempt.surface == schema::Surface::Responses ? "{\"object\":\"response.input_tokens\",\"input_tokens\":"
                                                                      : "{\"input_tokens\":";
  Reply reply = rawJsonReply(200, field + std::to_string(tokens) + "}");
  reply.headers.emplace_back("x-gateway-token-count", std::string(source));
  addAttemptHeaders(reply.headers, attempt, source == "estimate" ? "estimate" : "200");
  return reply;
}

}  // namespace

Json countableBody(schema::Surface surface, Json body) {
  if (!body.is_object()) return body;
  if (surface == schema::Surface::Anthropic && !body.contains("max_tokens")) body["max_tokens"] = 1;
  if (surface != schema::Surface::Gemini) return body;
  for (const char* key : {"generateContentRequest", "generate_content_request"}) {
    const Json* request = findMember(body, key);
    if (request == nullptr || !request->is_object()) continue;
    Json inner = *request;
    inner.erase("model");  // the path names the endpoint
    return inner;
  }
  return body;
}

Step estimateTokenCount(const Attempt& attempt, JsonRef body) {
  Outcome<int64_t> tokens = attempt.surface == schema::Surface::Gemini ? clients::gemini::estimateTotalTokens(body)
                            : attempt.surface == schema::Surface::Responses
                                ? clients::responses::estimateInputTokens(body)
                                : clients::anthropic::estimateInputTokens(body);
  if (!tokens) return replyStep(errorReply(tokens.error(), styleOf(attempt.surface)));
  return replyStep(countReply(attempt, *tokens, "estimate"));
}

Outcome<Reply> providerCountReply(const providers::TokenCounter& counter, const Attempt& attempt,
                                  std::string_view answer) {
  Json body = parseJson(answer);
  if (!body.is_object()) return makeError(ErrorCode::BadGateway, "The provider's token count is not JSON.");
  GW_TRY(int64_t tokens, counter.readCount(body));
  return countReply(attempt, tokens, "provider");
}

}  // namespace gw::gateway
