#pragma once
// Gemini `systemInstruction` and `contents` -> unified (OpenAI chat) messages.
// API reference: https://ai.google.dev/api/caching#Content
//
//   systemInstruction {parts: text} -> {role: "system", content}, the texts concatenated
//   role "user" (or absent, or "function") -> user;  role "model" -> assistant
//   text part                        -> a text part; a content of text parts only becomes
//                                       one string, the texts concatenated (Gemini splits a
//                                       text into parts anywhere); with images, a list
//   inlineData {mimeType image/*, data} -> {type: "image_url", image_url: {url:
//                                       "data:<mimeType>;base64,<data>"}} (user turns)
//   fileData {fileUri http(s), mimeType image/* or none} -> image_url {url: fileUri}
//   model functionCall {name, args, id?} -> tool_calls[] {id, type: "function",
//                                       function: {name, arguments: compact JSON of args}}
//                                       id: the call's own, else "call_<turn>_<part>"
//   user functionResponse {name, response, id?} -> {role: "tool", tool_call_id, content:
//                                       compact JSON of response}, one per part, before the
//                                       turn's remaining text/images; it answers the call of
//                                       the previous model turn with its id, else the first
//                                       unanswered one with its name
// Left out on purpose: a part's `thoughtSignature` (Gemini's opaque reasoning state, which
// no other provider reads; translated answers never carry one), `thought: false`.
// Rejected (400 naming the field, e.g. `contents[2].parts[0].executableCode`): thought
// parts (`thought: true`), `executableCode`, `codeExecutionResult`, `videoMetadata`,
// inline or file data that is not an image (audio, video, PDF) or not at an http(s) URL
// (`gs://`, Files API names), images in model turns, functionCall in user turns,
// functionResponse in model turns or answering no call, multimodal function responses,
// unknown keys, roles other than user/model/function.
#include "core/status.h"

namespace gw::clients::gemini {

/// The unified system message for a `systemInstruction` (a Content), or null when it
/// holds no text.
Outcome<Json> systemMessage(const Json& instruction);

/// The unified messages for `contents` (a non-empty list of Content), appended to `out`.
Status appendContents(const Json& contents, Json& out);

}  // namespace gw::clients::gemini
