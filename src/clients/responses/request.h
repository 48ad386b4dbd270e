#pragma once
// OpenAI Responses request (`POST /v1/responses` body) -> the gateway's unified chat
// request, for endpoints reached by translation (OpenAI endpoints take it natively).
// API reference: https://platform.openai.com/docs/api-reference/responses/create
//
//   model                        -> model (the endpoint or traffic route)
//   instructions, input          -> messages (input_items.h)
//   max_output_tokens            -> max_tokens (a provider that needs one, Anthropic, uses
//                                   its documented default when it is absent)
//   temperature, top_p, user, parallel_tool_calls, service_tier -> same names
//   safety_identifier            -> user, when `user` is absent
//   reasoning.effort             -> reasoning_effort (a provider without it refuses it);
//                                   reasoning.summary: nothing (no reasoning summary is made)
//   text.format text / json_object / json_schema {name, schema, strict, description}
//                                -> response_format (none / json_object / json_schema)
//   text.verbosity               -> verbosity
//   tools (function, flat)       -> {type: "function", function: {name, description?,
//                                   parameters?, strict?}}
//   tool_choice auto / none / required / {type: function, name} / {type: allowed_tools,
//                                   mode, tools} -> auto / none / required /
//                                   {type: function, function: {name}} / the tools narrowed
//                                   to the allowed ones with the mode
//   stream                       -> stream + stream_options {include_usage: true}
// Accepted, changing nothing here: `store` (nothing is stored yet: the answer says
// `store: false`), `include: ["reasoning.encrypted_content"]` (no reasoning is made),
// `truncation: "disabled"`, `metadata` (echoed by OpenAI, not model input),
// `prompt_cache_key`, `client_metadata` and `stream_options.include_obfuscation`.
// Rejected with a 400 naming the field: `previous_response_id`, `conversation`,
// `background: true`, `prompt`, built-in, custom and shell tools (`web_search`,
// `file_search`, `code_interpreter`, `custom`, `local_shell`, ...), other `include`
// values, `truncation: "auto"`, `top_logprobs`, `max_tool_calls` and unknown fields.
#include <string_view>

#include "core/status.h"

namespace gw::clients::responses {

/// The unified chat request for a Responses body (which must be an object), or a 400
/// Status naming the first field that is invalid or cannot be translated.
Outcome<Json> toChatRequest(const Json& body);

}  // namespace gw::clients::responses
