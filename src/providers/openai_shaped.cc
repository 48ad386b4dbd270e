#include "providers/openai_shaped.h"

#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers::shaped {

namespace {

int64_t createdOf(const TranslateContext& ctx, const Json& response) {
  const Json* c = findMember(response, "created");
  return c && c->is_number_integer() ? c->get<int64_t>() : nowSeconds(ctx);
}

Json choicesOf(const Json& response) { return memberOr(response, "choices", Json::array()); }

size_t indexOf(const Json& item, size_t position) {
  const Json* i = findMember(item, "index");
  return i && i->is_number_unsigned() ? i->get<size_t>() : position;
}

Json toolCalls(const Json& message) {
  const Json* calls = findMember(message, "tool_calls");
  if (!calls || !calls->is_array() || calls->empty()) return nullptr;
  Json out = Json::array();
  for (const Json& call : *calls) {
    const Json function = memberOr(call, "function", Json::object());
    out.push_back(toolCallJson(memberOr(call, "id", nullptr), memberOr(function, "name", nullptr),
                               argumentsText(memberOr(function, "arguments", nullptr))));
  }
  return out;
}

Json usageOf(const Json& response) { return schema::chatUsageJson(findMember(response, "usage")); }

Json modelOf(const TranslateContext& ctx, const Json& response, ModelName model) {
  if (model == ModelName::Configured) return ctx.endpoint.model.name;
  return memberOr(response, "model", ctx.endpoint.model.name);
}

}  // namespace

Json chatResponse(const TranslateContext& ctx, const Json& response, ModelName model) {
  Json choices = Json::array();
  Json upstream = choicesOf(response);
  for (size_t i = 0; i < upstream.size(); ++i) {
    const Json message = memberOr(upstream[i], "message", Json::object());
    choices.push_back(schema::chatChoice(indexOf(upstream[i], i), memberOr(message, "content", nullptr),
                                         toolCalls(message), memberOr(upstream[i], "finish_reason", nullptr),
                                         memberOr(message, "refusal", nullptr)));
  }
  return schema::chatResponse(memberOr(response, "id", nullptr), createdOf(ctx, response),
                              modelOf(ctx, response, model), std::move(choices), usageOf(response),
                              ctx.spec.id);
}

Json completionsFromChat(const TranslateContext& ctx, const Json& response) {
  Json choices = Json::array();
  Json upstream = choicesOf(response);
  for (size_t i = 0; i < upstream.size(); ++i) {
    const Json content = memberOr(memberOr(upstream[i], "message", Json::object()), "content", nullptr);
    Json text = content.is_string() ? content : memberOr(upstream[i], "text", "");
    choices.push_back(Json{{"index", indexOf(upstream[i], i)}, {"text", std::move(text)},
                           {"finish_reason", memberOr(upstream[i], "finish_reason", nullptr)}});
  }
  return schema::completionsResponse(memberOr(response, "id", nullptr), createdOf(ctx, response),
                                     ctx.endpoint.model.name, std::move(choices),
                                     schema::usageJson(schema::readUsage(findMember(response, "usage"))));
}

Json completionsResponse(const TranslateContext& ctx, const Json& response) {
  Json choices = Json::array();
  Json upstream = choicesOf(response);
  for (size_t i = 0; i < upstream.size(); ++i) {
    choices.push_back(Json{{"index", indexOf(upstream[i], i)},
                           {"text", memberOr(upstream[i], "text", "")},
                           {"finish_reason", memberOr(upstream[i], "finish_reason", nullptr)}});
  }
  return schema::completionsResponse(memberOr(response, "id", nullptr), createdOf(ctx, response),
                                     ctx.endpoint.model.name, std::move(choices),
                                     schema::usageJson(schema::readUsage(findMember(response, "usage"))));
}

Json embeddingsResponse(const TranslateContext& ctx, const Json& response) {
  Json data = Json::array();
  Json upstream = memberOr(response, "data", Json::array());
  for (size_t i = 0; i < upstream.size(); ++i) {
    data.push_back(Json{{"object", "embedding"},
                        {"embedding", memberOr(upstream[i], "embedding", Json::array())},
                        {"index", indexOf(upstream[i], i)}});
  }
  return Json{{"object", "list"}, {"data", std::move(data)}, {"model", ctx.endpoint.model.name},
              {"usage", schema::embeddingsUsageJson(schema::readUsage(findMember(response, "usage")))}};
}

}  // namespace gw::providers::shaped
