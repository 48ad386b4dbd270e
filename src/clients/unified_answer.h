#pragma once
// Reading a unified answer for a client dialect's writer (clients/anthropic,
// clients/gemini): its text and its tool calls' arguments.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gw::clients {

/// `id` with every character outside [A-Za-z0-9_-] replaced by '_' (the pattern the
/// Anthropic and OpenAI clients expect of ids).
std::string safeId(std::string_view id);

/// An answer's id in a client dialect: `prefix` + safeId(upstream id), not prefixed again
/// when it already starts with `prefix`; without a string id, `prefix` + 16 hex digits of
/// fnv1a64(`seed`) (deterministic: the core draws no random numbers).
std::string prefixedId(const Json* upstreamId, std::string_view seed, std::string_view prefix);

/// A tool call's `arguments` (a JSON string, or an object some providers send) as the
/// object a client dialect carries (Anthropic's tool_use `input`, Gemini's functionCall
/// `args`): the parsed object; `{}` when it does not parse to an object.
Json argumentsObject(const Json& arguments);

/// The texts of a message's `content`: a non-empty string as one text, each text part
/// of a list (empty ones too), none for null or "". A part that is not text is a
/// BadGateway naming `dialect` ("Anthropic block", "Gemini part"), which has no place for it.
Outcome<std::vector<std::string>> answerTexts(const Json& content, std::string_view dialect);

}  // namespace gw::clients
