#pragma once
// Building blocks the translators share beyond parameter rules (those are in
// param_rules.h): the one-POST plan, message content, tool calls, stream chunk
// headers, error locations. Pure functions.
#include <optional>
#include <string>
#include <string_view>

#include "providers/dialects/param_rules.h"
#include "providers/provider.h"
#include "stream/chunks.h"

namespace gw::providers {

/// The text of a message `content`: a string, or the `text` of every
/// `{"type": "text"}` part joined with "". Other part types -> 422 naming
/// `where` and the provider.
Outcome<std::string> contentText(const Json& content, const std::string& where,
                                 std::string_view provider);

/// The `function` of request tool `tools[index]` (an empty object when absent); MLflow's
/// 422 naming `tools[index].type` when the tool is not a function tool.
Outcome<Json> toolFunction(const Json& tools, size_t index);

/// A tool call's `function.arguments` (a JSON string) parsed; 422 when it is not JSON.
Outcome<Json> toolArguments(const Json& toolCall, const std::string& where);

/// A unified tool call: {id, type: "function", function: {name, arguments}}.
Json toolCallJson(Json id, Json name, std::string arguments);

/// `arguments` as a string: kept when already a string, else Python `json.dumps`.
std::string argumentsText(const Json& arguments);

/// `created` for responses without one: the context time in seconds.
int64_t nowSeconds(const TranslateContext& ctx);

/// The auth header of the provider's key field plus content-type JSON.
Headers jsonHeaders(const TranslateContext& ctx);

/// A plan of one JSON POST.
UpstreamPlan onePost(std::string url, Headers headers, const Json& body,
                     StreamFraming framing = StreamFraming::None, std::string note = {});

/// The fields every chunk of one stream shares, and the unified chunk builders
/// (stream/chunks.h) bound to them.
struct StreamHeader {
  Json id;               ///< upstream id (null when the vendor has none yet)
  int64_t created = 0;   ///< seconds
  Json model;            ///< upstream model, else the configured name
  std::string provider;  ///< provider id (chat chunks only)

  Json chat(Json choices, Json usage = nullptr) const {
    return stream::chatChunk(id, created, model, std::move(choices), std::move(usage), provider);
  }
  Json completion(Json choices, Json usage = nullptr) const {
    return stream::completionsChunk(id, created, model, std::move(choices), std::move(usage));
  }
};

/// One streamed tool-call delta: {index, id, type, function: {name, arguments}};
/// `type` is "function" on the delta that opens a call (it has an id), else null.
Json toolCallDelta(size_t index, Json id, Json name, Json arguments);

/// "messages[3]" style location strings for error messages.
std::string at(std::string_view field, size_t index);

/// The upstream body as an object, or a 502 naming the provider.
Outcome<const Json*> upstreamObject(std::span<const Json> bodies, std::string_view provider);

}  // namespace gw::providers
