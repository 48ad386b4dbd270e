#pragma once
// What a unified answer and an OpenAI Responses `response` share, for the answer and
// the stream writer alike: ids, status, usage and the response object's shell.
// API reference: https://platform.openai.com/docs/api-reference/responses/object
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.h"

namespace gw::clients::responses {

/// The response id: prefixedId(upstream id, seed, "resp_") (clients/unified_answer.h).
std::string responseId(const Json* upstreamId, std::string_view seed);

/// An output item's id: `prefix` ("msg", "fc") + "_" + the response id's tail + "_" + position.
std::string itemId(std::string_view prefix, std::string_view responseId, size_t position);

/// `status` for a unified `finish_reason`: length and content_filter -> "incomplete",
/// anything else -> "completed".
std::string_view statusOf(const Json& finishReason);

/// `incomplete_details` for a finish reason: {reason: "max_output_tokens" | "content_filter"}
/// when incomplete, null otherwise.
Json incompleteDetails(const Json& finishReason);

/// A unified `usage` as Responses usage: input_tokens (= prompt_tokens, cached included),
/// input_tokens_details.cached_tokens, output_tokens (reasoning included),
/// output_tokens_details.reasoning_tokens, total_tokens — every count present (0 when
/// unknown), as Codex requires. Null when `usage` is not an object.
Json usageOf(const Json& usage);

/// What a response object says beyond the fields that never change here; every member
/// but the strings is JSON text, copied as is.
struct ResponseFields {
  std::string id;
  int64_t createdAt = 0;
  std::string model;
  std::string_view status;
  std::string output = "[]";              ///< the output items, a JSON array
  std::string usage = "null";             ///< usageOf's object, or null
  std::string error = "null";             ///< {code, message} of a failed response
  std::string incompleteDetails = "null";
};

/// The response object with every field OpenAI's schema requires, written as JSON text;
/// the request settings it echoes are the defaults (the gateway does not keep the
/// request) and `store` is false (nothing is stored).
std::string responseText(const ResponseFields& fields);

/// `text` as a JSON string token (quotes included, escaped).
std::string jsonString(std::string_view text);

/// An `output_text` part {type, text, annotations: [], logprobs: []}, as JSON text.
std::string outputTextPart(std::string_view text);

}  // namespace gw::clients::responses
