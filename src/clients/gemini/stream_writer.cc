#include "clients/gemini/stream_writer.h"

#include "clients/gemini/errors.h"
#include "clients/gemini/mapping.h"

namespace gw::clients::gemini {
namespace {

std::string stringOf(const Json* v) {
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t indexOf(const Json& choice) {
  const Json* index = findMember(choice, "index");
  return index && index->is_number_integer() ? index->get<int64_t>() : 0;
}

}  // namespace

GenerateStreamWriter::GenerateStreamWriter(std::string requestedModel)
    : requestedModel_(std::move(requestedModel)) {}

std::string GenerateStreamWriter::push(const Json& chunk) {
  if (closed_ || !chunk.is_object()) return {};
  if (model_.empty()) model_ = stringMember(chunk, "model");
  if (responseId_.empty()) responseId_ = stringMember(chunk, "id");
  if (const Json* usage = findMember(chunk, "usage"); usage && usage->is_object()) usage_ = *usage;
  Json candidates = Json::array();
  const Json* list = findMember(chunk, "choices");
  for (size_t i = 0; list && list->is_array() && i < list->size(); ++i) {
    const Json& raw = (*list)[i];
    Choice& c = choice(indexOf(raw));
    const Json delta = memberOr(raw, "delta", Json::object());
    std::string text = stringOf(findMember(delta, "content")) + stringOf(findMember(delta, "refusal"));
    if (const Json* calls = findMember(delta, "tool_calls"); calls && calls->is_array()) {
      for (size_t k = 0; k < calls->size(); ++k) onToolCall(c, (*calls)[k], k);
    }
    if (const Json* reason = findMember(raw, "finish_reason"); reason && !reason->is_null()) {
      c.finishReason = *reason;
    }
    if (text.empty()) continue;
    candidates.push_back(Json{{"content", Json{{"parts", Json::array({Json{{"text", std::move(text)}}})},
                                               {"role", "model"}}},
                              {"index", c.index}});
  }
  if (candidates.empty()) return {};
  started_ = true;
  return frame(std::move(candidates), Json());
}

std::string GenerateStreamWriter::finish() {
  if (closed_) return {};
  if (choices_.empty()) choice(0);
  Json candidates = Json::array();
  for (const Choice& c : choices_) {
    Json parts = Json::array();
    for (const ToolCall& call : c.calls) parts.push_back(functionCallPart(call.id, call.name, Json(call.arguments)));
    if (parts.empty()) parts.push_back(Json{{"text", ""}});
    candidates.push_back(Json{{"content", Json{{"parts", std::move(parts)}, {"role", "model"}}},
                              {"finishReason", std::string(finishReasonOf(c.finishReason))},
                              {"index", c.index}});
  }
  std::string out = frame(std::move(candidates), usageMetadata(usage_));
  started_ = closed_ = true;
  return out;
}

std::string GenerateStreamWriter::fail(const Status& error) {
  if (closed_) return {};
  closed_ = true;
  std::string message = error.message.empty() ? "The upstream stream failed." : error.message;
  // An upstream's in-band error carries no HTTP status: Gemini's own cut streams say 502.
  return errorFrame(error.status() >= 400 ? error.status() : 502, message);
}

GenerateStreamWriter::Choice& GenerateStreamWriter::choice(int64_t index) {
  for (Choice& c : choices_) {
    if (c.index == index) return c;
  }
  choices_.push_back(Choice{index, {}, Json()});
  return choices_.back();
}

void GenerateStreamWriter::onToolCall(Choice& c, const Json& call, size_t position) {
  const Json* index = findMember(call, "index");
  int64_t key = index && index->is_number_integer() ? index->get<int64_t>() : static_cast<int64_t>(position);
  ToolCall* slot = nullptr;
  for (ToolCall& existing : c.calls) {
    if (existing.key == key) slot = &existing;
  }
  if (!slot) {
    c.calls.push_back(ToolCall{key, {}, {}, {}});
    slot = &c.calls.back();
  }
  if (std::string id = stringMember(call, "id"); !id.empty()) slot->id = std::move(id);
  Json function = memberOr(call, "function", Json::object());
  if (std::string name = stringMember(function, "name"); !name.empty()) slot->name = std::move(name);
  const Json* arguments = findMember(function, "arguments");
  if (arguments && arguments->is_object()) {
    slot->arguments = dumpJson(*arguments);
  } else {
    slot->arguments += stringOf(arguments);
  }
}

std::string GenerateStreamWriter::frame(Json candidates, Json usage) const {
  Json response{{"candidates", std::move(candidates)}};
  if (!usage.is_null()) response["usageMetadata"] = std::move(usage);
  response["modelVersion"] = model_.empty() ? requestedModel_ : model_;
  if (!responseId_.empty()) response["responseId"] = responseId_;
  return "data: " + dumpJson(response) + "\r\n\r\n";
}

}  // namespace gw::clients::gemini
