#include "gateway/token_count.h"

#include "clients/anthropic/token_estimate.h"
#include "clients/gemini/token_estimate.h"
#include "gateway/failover.h"
#include "gateway/reply.h"

namespace gw::gateway {

Step estimateTokenCount(const Attempt& attempt, JsonRef body) {
  const bool gemini = attempt.surface == schema::Surface::Gemini;
  Outcome<int64_t> tokens = gemini ? clients::gemini::estimateTotalTokens(body)
                                   : clients::anthropic::estimateInputTokens(body);
  if (!tokens) return replyStep(errorReply(tokens.error(), styleOf(attempt.surface)));
  const char* field = gemini ? "{\"totalTokens\":" : "{\"input_tokens\":";
  Reply reply = rawJsonReply(200, field + std::to_string(*tokens) + "}");
  reply.headers.emplace_back("x-gateway-token-count", "estimate");
  addAttemptHeaders(reply.headers, attempt, "estimate");
  return replyStep(std::move(reply));
}

}  // namespace gw::gateway
