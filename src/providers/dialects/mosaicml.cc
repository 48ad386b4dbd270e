// MosaicML hosted inference: `POST {base}/{model}/v1/predict`.
// API reference: https://docs.mosaicml.com/en/latest/inference.html
//
// As MLflow's `mosaicml.py`: `Authorization: {mosaicml_api_key}` (no scheme);
// base `mosaicml_api_base` (or our `api_base`), default
// https://models.hosted-on.mosaicml.hosting. Nulls dropped, `max_tokens` →
// `max_new_tokens` (sending `max_new_tokens` is MLflow's 422), MLflow's default
// `n: 1` is sent as a parameter, every other key passes through.
//   completions: {"inputs": [prompt], "parameters": {...}}
//   chat (llama2* models, checked at load): the Llama-2 prompt of MLflow's
//         `_parse_chat_messages_to_prompt` as the single input; a role other than
//         system/user/assistant is MLflow's 422.
//   embeddings: {"inputs": [input...], ...other keys}
// Response: `outputs[i]` → choices / vectors; finish_reason, usage and id null.
// MLflow 2.5–2.8 (`candidates`) clients get MLflow 2.8's parameters:
// temperature in 0–1 and `candidate_count` instead of `n`.
// An upstream 500 whose message starts with "Error: max output tokens is limited
// to" or "Error: prompt token count" is a client error: 422 with the same detail.
// Deviation: a message whose content is not a string (content parts, null) is a
// 422 naming `messages[i].content` (MLflow fails with a 500 TypeError).
#include "providers/dialects/mosaicml.h"

#include <cctype>

#include "core/ascii.h"
#include "providers/dialects/translator_parts.h"
#include "schema/response.h"

namespace gw::providers {
namespace {

using namespace params;  // NOLINT: the parameter-rule vocabulary

using vocab::RouteType;

constexpr Rule kMaxTokens[] = {rejectNative("max_new_tokens", "max_tokens"),
                               rename("max_tokens", "max_new_tokens")};
constexpr Rule kInput[] = {rejectNative("inputs", "input"), rename("input", "inputs")};

Status invalidStructure(const std::string& why, std::string param) {
  return unprocessable("An invalid request structure was submitted. " + why, std::move(param));
}

Status appendMessage(std::string& prompt, const Json& m, size_t index) {
  std::string at = "messages[" + std::to_string(index) + "]";
  const Json* roleValue = findMember(m, "role");
  std::string role = roleValue && roleValue->is_string() ? roleValue->get<std::string>() : "";
  if (role != "system" && role != "user" && role != "assistant") {
    return invalidStructure("Invalid role " + role + " inputted. Must be one of 'system', "
                            "'user', or 'assistant'.", at + ".role");
  }
  const Json* content = findMember(m, "content");
  if (!content || !content->is_string()) {
    return invalidStructure("MosaicML chat takes text only: " + at + ".content must be a string.",
                            at + ".content");
  }
  std::string text = content->get<std::string>();
  if (role == "assistant") {
    prompt += " " + text + " </s><s>";
    return Status{};
  }
  std::string inst = role == "system" ? "<<SYS>> " + text + " <</SYS>>" : text;
  inst += " [/INST]";
  if (prompt.ends_with("[/INST]")) prompt.resize(prompt.size() - 7);
  else inst = "[INST] " + inst;
  prompt += inst;
  return Status{};
}

Outcome<Json> textPayload(const TranslateContext& ctx, Json payload) {
  GW_CHECK(applyRules(payload, kMaxTokens));
  if (!payload.contains("n")) payload["n"] = 1;  // MLflow's pydantic default
  toCandidatesUnits(ctx, payload, "candidate_count");
  Json input;
  if (ctx.type == RouteType::Chat) {
    GW_TRY(std::string prompt, llama2Prompt(takeMember(payload, "messages")));
    input = std::move(prompt);
  } else {
    input = takeMember(payload, "prompt");
  }
  return Json{{"inputs", Json::array({std::move(input)})},
              {"parameters", std::move(payload)}};
}

Outcome<Json> embeddingsPayload(Json payload) {
  GW_TRY(Json body, appliedRules(std::move(payload), kInput));
  if (body["inputs"].is_string()) body["inputs"] = Json::array({body["inputs"]});
  return body;
}

Outcome<UpstreamPlan> buildMosaicRequest(const TranslateContext& ctx, const Json& unified) {
  Json payload = withoutNulls(unified);
  Outcome<Json> body = ctx.type == RouteType::Embeddings ? embeddingsPayload(std::move(payload))
                                                         : textPayload(ctx, std::move(payload));
  if (!body) return body.error();
  UpstreamRequest request;
  request.url = joinUrl(baseUrlFor(ctx), ctx.endpoint.model.name + "/v1/predict");
  request.headers = jsonHeaders(ctx);
  request.body = dumpJson(*body);
  UpstreamPlan plan;
  plan.requests.push_back(std::move(request));
  return plan;
}

Json choicesFrom(const TranslateContext& ctx, const Json& outputs) {
  Json choices = Json::array();
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (ctx.type == RouteType::Chat) {
      choices.push_back(schema::chatChoice(i, outputs[i], nullptr, nullptr));
    } else {
      choices.push_back(Json{{"index", i}, {"text", outputs[i]}, {"finish_reason", nullptr}});
    }
  }
  return choices;
}

Outcome<Json> parseMosaicResponse(const TranslateContext& ctx, std::span<const Json> bodies,
                                  std::string_view /*note*/) {
  const Json* outputs = findMember(bodies.front(), "outputs");
  if (!outputs || !outputs->is_array()) {
    return makeError(ErrorCode::BadGateway, "The MosaicML response has no 'outputs' list.");
  }
  const Json& model = ctx.endpoint.model.name;
  int64_t created = ctx.nowMs / 1000;
  switch (ctx.type) {
    case RouteType::Chat:
      return schema::chatResponse(nullptr, created, model, choicesFrom(ctx, *outputs),
                                  schema::usageJson({}), ctx.spec.id);
    case RouteType::Completions:
      return schema::completionsResponse(nullptr, created, model, choicesFrom(ctx, *outputs),
                                         schema::usageJson({}));
    case RouteType::Embeddings:
      return schema::embeddingsResponse(*outputs, model, schema::embeddingsUsageJson({}));
  }
  return makeError(ErrorCode::Internal, "unknown route type");
}

// MLflow's `custom_token_allowance_exceeded_handling`.
Status mapMosaicError(const TranslateContext& /*ctx*/, Status status) {
  if (status.status() != 500 || !status.detail || !status.detail->is_object()) return status;
  const Json* message = findMember(*status.detail, "message");
  if (!message || !message->is_string()) return status;
  const std::string& text = message->get_ref<const std::string&>();
  if (text.starts_with("Error: max output tokens is limited to") ||
      text.starts_with("Error: prompt token count")) {
    status.httpStatus = 422;
  }
  return status;
}

}  // namespace

Outcome<std::string> llama2Prompt(const Json& messages) {
  std::string prompt = "<s>";
  if (!messages.is_array()) return invalidStructure("'messages' must be a list.", "messages");
  for (size_t i = 0; i < messages.size(); ++i) {
    GW_CHECK(appendMessage(prompt, messages[i], i));
  }
  if (prompt.ends_with("</s><s>")) prompt.resize(prompt.size() - 7);
  return prompt;
}

const DialectOps& mosaicMLOps() {
  static constexpr DialectOps kOps{&buildMosaicRequest, &parseMosaicResponse, nullptr,
                                   &mapMosaicError};
  return kOps;
}

void mosaicMLModelRules(ConfigCheck& check) {
  if (check.routeType() != vocab::RouteType::Chat) return;
  const std::string name = check.modelName();
  if (lowerAscii(name).starts_with("llama2")) return;
  check.modelNameError("An invalid model has been specified for the chat route. '" + name +
                       "'. Ensure the model selected starts with one of: ['llama2']");
}

}  // namespace gw::providers
