#pragma once
// Gemini `generateContent` request -> the gateway's unified chat request (OpenAI chat
// completions fields), for endpoints whose provider is reached by translation.
// API reference: https://ai.google.dev/api/generate-content#request-body
// Every object's keys may be camelCase or snake_case (fields.h).
//
//   contents, systemInstruction   -> messages (contents.h)
//   (the path's endpoint)         -> model;  the body's own `model`, if any, is ignored
//                                    (the path names the endpoint, as on Gemini)
//   generationConfig
//     temperature (0..2), topP (0..1), topK, seed -> temperature, top_p, top_k, seed
//     maxOutputTokens             -> max_tokens
//     candidateCount              -> n
//     stopSequences               -> stop ([] -> no `stop`)
//     presencePenalty, frequencyPenalty (-2..2) -> presence_penalty, frequency_penalty
//     responseMimeType "application/json" -> response_format {type: "json_object"}, or
//                                    with responseSchema (json_schema.h) / responseJsonSchema
//                                    {type: "json_schema", json_schema: {name: "response",
//                                    schema}}; "text/plain" -> nothing
//     thinkingConfig.thinkingLevel -> reasoning_effort (lower case); thinkingBudget 0 (off)
//                                    or -1 (the model decides) and includeThoughts false
//                                    -> nothing
//     responseModalities ["TEXT"] -> nothing
//   tools[].functionDeclarations  -> function tools {name, description?, parameters}:
//                                    `parameters` converted (json_schema.h),
//                                    `parametersJsonSchema` as is
//   toolConfig.functionCallingConfig.mode AUTO / ANY / NONE / VALIDATED -> tool_choice
//                                    "auto" / "required" / "none" / "auto";
//                                    allowedFunctionNames (ANY, VALIDATED): one name with
//                                    ANY -> {type: "function", function: {name}}, otherwise
//                                    the tools are narrowed to those names
//   safetySettings with threshold BLOCK_NONE / OFF / unspecified -> nothing (no other
//                                    provider runs Gemini's filters, so nothing is blocked)
//   streamGenerateContent (the path) -> stream: true, stream_options {include_usage: true}
// Rejected with a 400 naming the field: built-in tools (googleSearch, codeExecution,
// urlContext, fileSearch, googleMaps, computerUse, ...), `cachedContent`, a safety
// threshold that blocks, a positive thinkingBudget, includeThoughts true, logprobs,
// other response modalities or MIME types, speech/media settings and every unknown field.
#include <string_view>

#include "core/status.h"

namespace gw::clients::gemini {

/// The unified chat request for a Gemini body (which must be an object) addressed to
/// `model`, or a 400 Status naming the first field that is invalid or untranslatable.
Outcome<Json> toChatRequest(const Json& body, std::string_view model, bool stream);

}  // namespace gw::clients::gemini
