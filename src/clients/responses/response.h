#pragma once
// Unified `chat.completion` -> OpenAI Responses `response` (the `/v1/responses` answer on
// an endpoint reached by translation).
//
//   id, created, model  -> id (mapping.h), created_at, model (the requested one when none)
//   choices[0].message.content (and refusal) -> one `message` output item {id: "msg_...",
//                          status, role: "assistant", content: [{type: "output_text", text,
//                          annotations: [], logprobs: []}]} (no item when there is no text)
//   tool_calls          -> `function_call` items {id: "fc_...", call_id, name, arguments,
//                          status: "completed"} after the message
//   finish_reason       -> status and incomplete_details (mapping.h)
//   usage               -> usage (mapping.h)
// Only choice 0 is read: a Responses request asks for one answer.
#include <string>
#include <string_view>

#include "core/status.h"

namespace gw::clients::responses {

/// The response object (JSON text) for a unified chat response, or a BadGateway Status when
/// `unified` is not an object or its content holds a part that is not text.
Outcome<std::string> fromChatResponse(const Json& unified, std::string_view requestedModel);

}  // namespace gw::clients::responses
