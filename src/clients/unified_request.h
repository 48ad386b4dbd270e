#pragma once
// Building a unified chat request's message content, for the client dialects'
// translators (clients/gemini, clients/responses).
#include "core/json.h"

namespace gw::clients {

/// A unified text part {type: "text", text}.
Json unifiedTextPart(const Json& text);

/// A message's content from its unified parts: text parts only -> one string, the texts
/// concatenated ("" for none); with any other part, the list as it is.
Json unifiedContent(Json parts);

}  // namespace gw::clients
