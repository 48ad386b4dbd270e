#pragma once
// OpenAI Responses `instructions` and `input` -> unified (OpenAI chat) messages.
// API reference: https://platform.openai.com/docs/api-reference/responses/create
//
//   instructions                    -> first {role: "system"} message
//   input (a string)                -> one user message
//   message items (with or without `type: "message"`), roles user / assistant / system /
//   developer (developer -> system: every provider has system)
//     content string                -> content string
//     input_text / output_text parts -> text; parts of text only become one string
//     input_image {image_url, detail?} -> image_url part {url, detail?} (user turns)
//     refusal (assistant)           -> its text
//   function_call {call_id, name, arguments} -> tool_calls[] of the assistant message
//                                      before it (consecutive calls and the text before
//                                      them are one assistant turn), else a new one
//   function_call_output {call_id, output} -> {role: "tool", tool_call_id, content}
//                                      (text parts of an output list are joined)
// An assistant message's `id`, `status`, `phase` and output_text `annotations`/`logprobs`
// (replayed from earlier answers) are left out: they do not change the next answer.
// Rejected (400 naming the item, e.g. `input[3].type`): `item_reference` (stored items are
// not kept yet), `reasoning` items, custom and built-in tool calls and their outputs,
// `input_file`, images by `file_id`, images in assistant turns or tool outputs, other roles.
#include "core/status.h"

namespace gw::clients::responses {

/// The unified messages for a Responses request's `instructions` and `input`.
Outcome<Json> chatMessages(const Json& body);

}  // namespace gw::clients::responses
