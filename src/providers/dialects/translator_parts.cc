#include "providers/dialects/translator_parts.h"

#include "providers/dialects/python_json.h"

namespace gw::providers {

using params::unprocessable;

Outcome<std::string> contentText(const Json& content, const std::string& where,
                                 std::string_view provider) {
  if (content.is_null()) return std::string();
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array()) {
    return unprocessable(where + " must be a string or a list of content parts.", where);
  }
  std::string text;
  for (size_t i = 0; i < content.size(); ++i) {
    const Json& part = content[i];
    const Json* type = findMember(part, "type");
    const Json* partText = findMember(part, "text");
    if (!type || *type != "text" || !partText || !partText->is_string()) {
      std::string name = type && type->is_string() ? type->get<std::string>() : "unknown";
      return unprocessable("Content part type '" + name + "' in " + at(where, i) +
                               " is not supported by the " + std::string(provider) + " provider.",
                           at(where, i));
    }
    text += partText->get<std::string>();
  }
  return text;
}

Outcome<Json> toolFunction(const Json& tools, size_t index) {
  const std::string type = stringMember(tools[index], "type");
  if (type != "function") {
    return params::unprocessable(
        "Only function calling tool is supported, but received tool type " + type,
        at("tools", index) + ".type");
  }
  return memberOr(tools[index], "function", Json::object());
}

Outcome<Json> toolArguments(const Json& toolCall, const std::string& where) {
  const Json* function = findMember(toolCall, "function");
  const Json* args = function ? findMember(*function, "arguments") : nullptr;
  if (!args || args->is_null()) return Json::object();
  if (!args->is_string()) return *args;
  Json parsed = parseJson(args->get<std::string>());
  if (parsed.is_discarded()) {
    return unprocessable("The arguments of " + where + " are not valid JSON.",
                         where + ".function.arguments");
  }
  return parsed;
}

Json toolCallJson(Json id, Json name, std::string arguments) {
  return Json{{"id", std::move(id)},
              {"type", "function"},
              {"function", Json{{"name", std::move(name)}, {"arguments", std::move(arguments)}}}};
}

Json toolCallDelta(size_t index, Json id, Json name, Json arguments) {
  Json type = id.is_null() ? Json(nullptr) : Json("function");
  return Json{{"index", index},
              {"id", std::move(id)},
              {"type", std::move(type)},
              {"function", Json{{"name", std::move(name)}, {"arguments", std::move(arguments)}}}};
}

std::string argumentsText(const Json& arguments) {
  if (arguments.is_string()) return arguments.get<std::string>();
  return pythonJsonDumps(arguments.is_null() ? Json::object() : arguments);
}

int64_t nowSeconds(const TranslateContext& ctx) { return ctx.nowMs / 1000; }

Headers jsonHeaders(const TranslateContext& ctx) {
  Headers headers;
  auto auth = authHeaderFor(ctx);
  if (!auth.first.empty()) headers.push_back(std::move(auth));
  headers.emplace_back("content-type", "application/json");
  return headers;
}

UpstreamPlan onePost(std::string url, Headers headers, const Json& body, StreamFraming framing,
                     std::string note) {
  UpstreamRequest request;
  request.url = std::move(url);
  request.headers = std::move(headers);
  request.body = dumpJson(body);
  request.framing = framing;
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  plan.note = std::move(note);
  return plan;
}

std::string at(std::string_view field, size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

Outcome<const Json*> upstreamObject(std::span<const Json> bodies, std::string_view provider) {
  if (bodies.empty() || !bodies.front().is_object()) {
    return makeError(ErrorCode::BadGateway,
                     "The " + std::string(provider) + " response is not a JSON object.");
  }
  return &bodies.front();
}

}  // namespace gw::providers
