#pragma once
// Anthropic Messages `system` and `messages` -> unified (OpenAI chat) messages.
//
//   system (string | text blocks)  -> {role: "system", content}, blocks joined with "\n"
//   user / assistant string        -> {role, content: string}
//   text block                     -> {type: "text", text} part
//   image block, base64 source     -> {type: "image_url", image_url: {url: "data:<media_type>;base64,<data>"}}
//   image block, url source        -> {type: "image_url", image_url: {url}}
//   assistant tool_use             -> tool_calls[] {id, type: "function",
//                                     function: {name, arguments: compact JSON of input}}
//   user tool_result               -> {role: "tool", tool_call_id, content}, one per result,
//                                     placed BEFORE the user message holding the
//                                     turn's remaining text/images (OpenAI wants tool
//                                     messages right after the assistant's tool_calls)
// Content that is exactly one text block becomes a string; any other mix stays a
// list of parts (block boundaries are kept). An assistant turn with only tool_use
// blocks has `content: null`.
// tool_result content: a string as is, text blocks joined with "\n", absent -> "";
// `is_error: true` has no OpenAI field, so it is kept in the text: the content is
// prefixed with "Error: ".
//
// Dropped on purpose: `cache_control` on any block (a caching hint with no effect
// on the answer; every peer gateway drops it for non-Anthropic targets), a
// tool_use's `caller: {type: "direct"}` (the default; replayed from responses),
// `citations: null` / `[]` on text blocks (replayed from responses; nothing cited).
// Rejected (400 naming the field): any other block type (`document`,
// `search_result`, `thinking`, `redacted_thinking`, server-tool blocks, ...),
// images in assistant turns or inside tool_result, non-empty `citations`, other
// `caller`s, unknown keys, roles other than user/assistant.
#include "core/status.h"

namespace gw::clients::anthropic {

/// The unified system message for a `system` value, or null for an empty block list.
Outcome<Json> systemMessage(const Json& system);

/// Appends the unified messages for `messages[index]` to `out` (a JSON array).
Status appendMessages(const Json& message, size_t index, Json& out);

}  // namespace gw::clients::anthropic
