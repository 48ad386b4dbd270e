#include "schema/response.h"

namespace gw::schema {
namespace {
Json optionalInt(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

std::optional<int64_t> readInt(const Json* obj, std::string_view key) {
  const Json* v = obj ? findMember(*obj, key) : nullptr;
  if (v && v->is_number_integer()) return v->get<int64_t>();
  return std::nullopt;
}

Json candidatesMetadata(vocab::RouteType type, const Json& unified, bool embeddings) {
  Usage u = readUsage(findMember(unified, "usage"));
  Json output = embeddings ? Json(0) : optionalInt(u.completionTokens);
  return Json{{"input_tokens", optionalInt(u.promptTokens)},
              {"output_tokens", output},
              {"total_tokens", optionalInt(u.totalTokens)},
              {"model", memberOr(unified, "model")},
              {"route_type", vocab::routeTypeName(type)}};
}
}  // namespace

Json usageJson(const Usage& usage) {
  return Json{{"prompt_tokens", optionalInt(usage.promptTokens)},
              {"completion_tokens", optionalInt(usage.completionTokens)},
              {"total_tokens", optionalInt(usage.totalTokens)}};
}

Json embeddingsUsageJson(const Usage& usage) {
  return Json{{"prompt_tokens", optionalInt(usage.promptTokens)},
              {"total_tokens", optionalInt(usage.totalTokens)}};
}

Usage readUsage(const Json* usage) {
  return Usage{readInt(usage, "prompt_tokens"), readInt(usage, "completion_tokens"),
               readInt(usage, "total_tokens")};
}

Json chatUsageJson(const Json* usage) {
  Json out = usageJson(readUsage(usage));
  for (const char* key : {"prompt_tokens_details", "completion_tokens_details"}) {
    const Json* details = usage ? findMember(*usage, key) : nullptr;
    if (details && details->is_object()) out[key] = *details;
  }
  return out;
}

Json chatChoice(size_t index, Json content, Json toolCalls, Json finishReason, Json refusal) {
  Json message = {{"role", "assistant"},
                  {"content", std::move(content)},
                  {"tool_calls", std::move(toolCalls)},
                  {"refusal", std::move(refusal)}};
  return Json{{"index", index}, {"message", std::move(message)},
              {"finish_reason", std::move(finishReason)}};
}

Json chatResponse(Json id, int64_t created, Json model, Json choices, Json usage,
                  std::string_view provider) {
  return Json{{"id", std::move(id)},         {"object", "chat.completion"},
              {"created", created},          {"model", std::move(model)},
              {"choices", std::move(choices)}, {"usage", std::move(usage)},
              {"provider", std::string(provider)}};
}

Json completionsResponse(Json id, int64_t created, Json model, Json choices, Json usage) {
  return Json{{"id", std::move(id)},         {"object", "text_completion"},
              {"created", created},          {"model", std::move(model)},
              {"choices", std::move(choices)}, {"usage", std::move(usage)}};
}

Json embeddingsResponse(const Json& vectors, Json model, Json usage) {
  Json data = Json::array();
  for (size_t i = 0; i < vectors.size(); ++i) {
    data.push_back(Json{{"object", "embedding"}, {"embedding", vectors[i]}, {"index", i}});
  }
  return Json{{"object", "list"}, {"data", std::move(data)}, {"model", std::move(model)},
              {"usage", std::move(usage)}};
}

Json toCandidatesResponse(vocab::RouteType type, const Json& unified) {
  using vocab::RouteType;
  if (type == RouteType::Embeddings) {
    Json vectors = Json::array();
    if (const Json* data = findMember(unified, "data"); data && data->is_array()) {
      for (const Json& d : *data) vectors.push_back(memberOr(d, "embedding"));
    }
    return Json{{"embeddings", std::move(vectors)},
                {"metadata", candidatesMetadata(type, unified, true)}};
  }
  Json candidates = Json::array();
  if (const Json* choices = findMember(unified, "choices"); choices && choices->is_array()) {
    for (const Json& c : *choices) {
      Json meta = {{"finish_reason", memberOr(c, "finish_reason")}};
      if (type == RouteType::Chat) {
        const Json* m = findMember(c, "message");
        Json message = {{"role", m ? memberOr(*m, "role") : Json("assistant")},
                        {"content", m ? memberOr(*m, "content") : Json(nullptr)}};
        candidates.push_back(Json{{"message", std::move(message)}, {"metadata", std::move(meta)}});
      } else {
        candidates.push_back(Json{{"text", memberOr(c, "text")}, {"metadata", std::move(meta)}});
      }
    }
  }
  return Json{{"candidates", std::move(candidates)},
              {"metadata", candidatesMetadata(type, unified, false)}};
}

}  // namespace gw::schema
