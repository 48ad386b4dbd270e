#pragma once
// Reading a unified answer for a client dialect's writer (clients/anthropic,
// clients/gemini): its text and its tool calls' arguments.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gw::clients {

/// A tool call's `arguments` (a JSON string, or an object some providers send) as the
/// object a client dialect carries (Anthropic's tool_use `input`, Gemini's functionCall
/// `args`): the parsed object; `{}` when it does not parse to an object.
Json argumentsObject(const Json& arguments);

/// The texts of a message's `content`: a non-empty string as one text, each text part
/// of a list (empty ones too), none for null or "". A part that is not text is a
/// BadGateway naming `dialect` ("Anthropic block", "Gemini part"), which has no place for it.
Outcome<std::vector<std::string>> answerTexts(const Json& content, std::string_view dialect);

}  // namespace gw::clients
