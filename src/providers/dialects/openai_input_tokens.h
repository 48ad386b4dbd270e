#pragma once
// A unified chat request -> the body of OpenAI's `POST /v1/responses/input_tokens`
// (the Responses API's token count: `{"object":"response.input_tokens","input_tokens":N}`),
// how a client dialect's count call is answered on an OpenAI endpoint.
// API reference: https://platform.openai.com/docs/api-reference/responses/input-tokens
//
//   model                         -> model (the endpoint's)
//   messages[] system/developer/user/assistant with text -> input items
//                                    {role, content: string} (EasyInputMessage)
//   user content parts text / image_url -> {role, content: [{type: "input_text", text},
//                                    {type: "input_image", image_url: url, detail?}]}
//   assistant tool_calls          -> {type: "function_call", call_id, name, arguments}
//   tool messages                 -> {type: "function_call_output", call_id, output}
//   tools (function)              -> {type: "function", name, description?, parameters?, strict?}
//   tool_choice                   -> "auto"/"none"/"required", {type: "function", name}
//   parallel_tool_calls           -> copied
// Sampling and output settings (max_tokens, temperature, stop, ...) do not change the
// count and are not sent.
#include <string_view>

#include "core/status.h"

namespace gw::providers {

/// The input_tokens body for `unified` addressed to `model`, or a 400 naming the first
/// message part it has no Responses form for.
Outcome<Json> inputTokensBody(const Json& unified, std::string_view model);

}  // namespace gw::providers
