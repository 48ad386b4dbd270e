#pragma once
// Unified `chat.completion` -> Gemini `GenerateContentResponse` (the answer of
// `:generateContent` on an endpoint reached by translation).
//
//   choices[i]      -> candidates[i] {content: {role: "model", parts}, finishReason, index}
//     message.content (string or text parts) -> text parts (an empty string: none)
//     message.refusal -> a text part with the refusal text
//     message.tool_calls -> functionCall parts {id, name, args} after the text (args
//                        parsed from `arguments`; {} when they do not parse)
//     finish_reason  -> finishReason (mapping.h)
//   usage           -> usageMetadata (mapping.h), left out when the answer has none
//   model           -> modelVersion (the endpoint's name when the answer names none)
//   id              -> responseId
// A candidate with no parts gets one empty text part, as Gemini's own answers do.
#include <string_view>

#include "core/status.h"

namespace gw::clients::gemini {

/// The Gemini answer for a unified chat response, or a BadGateway Status when
/// `unified` is not an object or its content holds a part that is not text.
Outcome<Json> fromChatResponse(const Json& unified, std::string_view requestedModel);

}  // namespace gw::clients::gemini
