#pragma once
// Unified responses (MLflow 2.9+ OpenAI-like shape) and their conversion to the
// MLflow 2.5–2.8 `candidates` + `metadata` shape.
#include <optional>
#include <string>

#include "vocab/route_type.h"
#include "core/json.h"

namespace gw::schema {

/// Token counts; absent values are emitted as JSON null.
struct Usage {
  std::optional<int64_t> promptTokens;
  std::optional<int64_t> completionTokens;
  std::optional<int64_t> totalTokens;
};

/// `{"prompt_tokens", "completion_tokens", "total_tokens"}` with explicit nulls.
Json usageJson(const Usage& usage);
/// Embeddings usage: `{"prompt_tokens", "total_tokens"}`.
Json embeddingsUsageJson(const Usage& usage);
/// Reads a usage object back (missing/non-integer fields stay empty).
Usage readUsage(const Json* usage);
/// An OpenAI-style chat `usage` as the unified answer carries it: usageJson(readUsage)
/// plus `prompt_tokens_details` (cached tokens) and `completion_tokens_details`
/// (reasoning tokens) when they are objects.
Json chatUsageJson(const Json* usage);

/// A chat choice: {index, message: {role, content, tool_calls, refusal}, finish_reason}.
Json chatChoice(size_t index, Json content, Json toolCalls, Json finishReason,
                Json refusal = nullptr);

/// The chat response envelope (object "chat.completion").
Json chatResponse(Json id, int64_t created, Json model, Json choices, Json usage,
                  std::string_view provider);
/// The completions response envelope (object "text_completion").
Json completionsResponse(Json id, int64_t created, Json model, Json choices, Json usage);
/// The embeddings response envelope (object "list"); `vectors` is a list of vectors.
Json embeddingsResponse(const Json& vectors, Json model, Json usage);

/// Converts a unified response to MLflow 2.5–2.8's `candidates` shape.
Json toCandidatesResponse(vocab::RouteType type, const Json& unified);

}  // namespace gw::schema
