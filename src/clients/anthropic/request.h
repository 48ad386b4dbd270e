#pragma once
// Anthropic Messages request (`POST /v1/messages` body) -> the gateway's unified
// chat request (OpenAI chat-completions fields), for endpoints whose provider is
// reached by translation. API reference: https://docs.anthropic.com/en/api/messages
//
//   model                        -> model (required string)
//   max_tokens                   -> max_tokens (required, integer >= 1)
//   system                       -> first {role: "system"} message (content.h)
//   messages                     -> messages (content.h: text, image, tool_use, tool_result)
//   temperature, top_p           -> copied (validated 0..1, Anthropic's ranges; not rescaled)
//   top_k                        -> top_k (a provider that cannot take it rejects it)
//   stop_sequences               -> stop ([] -> no `stop`)
//   stream                       -> stream, plus stream_options {include_usage: true} when true
//   metadata.user_id             -> user
//   tools (custom)               -> {type: "function", function: {name, description?,
//                                   parameters: input_schema, strict?}}
//   tool_choice auto/any/tool/none -> "auto" / "required" / {type: "function",
//                                   function: {name}} / "none"; without tools, auto and
//                                   none are omitted (same meaning) and any/tool are a 400
//   disable_parallel_tool_use: true -> parallel_tool_calls: false
//   thinking {type: "disabled"}  -> nothing (the unified request never thinks)
//
// Dropped on purpose (hints with no effect on the answer): `cache_control`
// (top level, on blocks and tools), a tool's `eager_input_streaming` (stream
// granularity), `defer_loading: false` and `allowed_callers: ["direct"]` (the defaults).
// Rejected with a 400 naming the field (ErrorCode::BadRequest, `param` = its dotted
// path): `thinking` enabled/adaptive, server tools (`web_search_*`, `bash_*`, ...),
// other tool fields (`input_examples`, ...), `service_tier`, `output_config`,
// `container`, `context_management`, `mcp_servers` and every other unknown field.
#include "core/status.h"

namespace gw::clients::anthropic {

/// The unified chat request for an Anthropic Messages body (which must be an object),
/// or a 400 Status naming the first field that is invalid or cannot be translated.
Outcome<Json> toChatRequest(const Json& body);

}  // namespace gw::clients::anthropic
