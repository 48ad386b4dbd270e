#pragma once
// Unified `chat.completion` -> Anthropic `message` (the `/v1/messages` answer).
//
//   id            -> messageId (mapping.h): "msg_" + the upstream id made safe, or a
//                    deterministic hash of the answer when it has none
//   model         -> the upstream model, else the requested one
//   choices[0].message.content   -> a text block (a list content: one per text part;
//                                   an empty string: no block)
//   choices[0].message.refusal   -> a text block with the refusal text, and
//                                   stop_reason "refusal" (nothing is dropped)
//   choices[0].message.tool_calls -> tool_use blocks {id, name, input} after the text
//                                   (input parsed from `arguments`; {} when it does not parse)
//   finish_reason -> stop_reason (mapping.h), stop_sequence null (OpenAI-style answers
//                    do not say which stop sequence matched)
//   usage         -> {input_tokens, output_tokens, cache_*_input_tokens when > 0}
// Only choice 0 is read: a translated request never asks for `n` > 1.
#include <string_view>

#include "core/status.h"

namespace gw::clients::anthropic {

/// The Anthropic message for a unified chat response, or a BadGateway Status when
/// `unified` is not an object or its content holds a part that is not text.
Outcome<Json> fromChatResponse(const Json& unified, std::string_view requestedModel);

}  // namespace gw::clients::anthropic
