#include "clients/responses/stream_writer.h"

#include "clients/responses/mapping.h"

namespace gw::clients::responses {
namespace {

std::string_view stringView(const Json* v) {
  return v && v->is_string() ? std::string_view(v->get_ref<const std::string&>()) : std::string_view();
}

// `,"item_id":...,"output_index":N` (and `,"content_index":0` for message parts).
std::string itemFields(const std::string& id, size_t index, bool part) {
  std::string out = R"(,"item_id":)" + jsonString(id) + R"(,"output_index":)" + std::to_string(index);
  if (part) out += R"(,"content_index":0)";
  return out;
}

}  // namespace

ResponseStreamWriter::ResponseStreamWriter(std::string requestedModel) : requestedModel_(std::move(requestedModel)) {}

void ResponseStreamWriter::emit(std::string_view type, const std::string& members, std::string& out) {
  out.append("event: ").append(type).append("\ndata: {\"type\":").append(jsonString(type)).append(members);
  out.append(",\"sequence_number\":").append(std::to_string(sequence_++)).append("}\n\n");
}

std::string ResponseStreamWriter::itemText(const Item& item) const {
  if (item.call) {
    return R"({"id":)" + jsonString(item.id) + R"(,"type":"function_call","status":)" + jsonString(item.status) +
           R"(,"arguments":)" + jsonString(item.text) + R"(,"call_id":)" + jsonString(item.callId) + R"(,"name":)" +
           jsonString(item.name) + "}";
  }
  std::string content = item.status == "in_progress" ? "[]" : "[" + outputTextPart(item.text) + "]";
  return R"({"id":)" + jsonString(item.id) + R"(,"type":"message","status":)" + jsonString(item.status) +
         R"(,"role":"assistant","content":)" + content + "}";
}

std::string ResponseStreamWriter::snapshot(std::string_view status, std::string usage, std::string error,
                                           std::string incomplete) const {
  ResponseFields f{id_, created_, model_, status};
  f.output = "[";
  size_t closedItems = 0;
  for (const Item& item : items_) {
    if (item.status == "in_progress") continue;
    f.output.append(closedItems++ ? "," : "").append(itemText(item));
  }
  f.output += "]";
  f.usage = std::move(usage);
  f.error = std::move(error);
  f.incompleteDetails = std::move(incomplete);
  return responseText(f);
}

void ResponseStreamWriter::start(const Json& chunk, std::string& out) {
  started_ = true;
  id_ = responseId(findMember(chunk, "id"), dumpJson(chunk));
  model_ = stringMember(chunk, "model");
  if (model_.empty()) model_ = requestedModel_;
  const Json* created = findMember(chunk, "created");
  created_ = created && created->is_number_integer() ? created->get<int64_t>() : 0;
  const std::string response = R"(,"response":)" + snapshot("in_progress", "null", "null", "null");
  emit("response.created", response, out);
  emit("response.in_progress", response, out);
}

std::string ResponseStreamWriter::push(const Json& chunk) {
  std::string out;
  if (closed_ || !chunk.is_object()) return out;
  if (!started_) start(chunk, out);
  if (const Json* usage = findMember(chunk, "usage"); usage && usage->is_object()) usage_ = *usage;
  const Json* choices = findMember(chunk, "choices");
  for (size_t i = 0; choices && choices->is_array() && i < choices->size(); ++i) {
    const Json& choice = (*choices)[i];
    const Json* index = findMember(choice, "index");
    if (index && !index->is_null() && *index != 0) continue;  // one answer is asked for
    if (const Json* delta = findMember(choice, "delta"); delta && delta->is_object()) {
      onText(stringView(findMember(*delta, "content")), out);
      onText(stringView(findMember(*delta, "refusal")), out);
      if (const Json* calls = findMember(*delta, "tool_calls"); calls && calls->is_array()) {
        for (size_t k = 0; k < calls->size(); ++k) onToolCall((*calls)[k], k, out);
      }
    }
    if (const Json* reason = findMember(choice, "finish_reason"); reason && !reason->is_null()) finishReason_ = *reason;
  }
  return out;
}

void ResponseStreamWriter::onText(std::string_view text, std::string& out) {
  if (text.empty()) return;
  if (!isOpen() || items_.back().call) {
    closeOpen(out);
    items_.push_back(Item{false, itemId("msg", id_, items_.size())});
    const size_t index = items_.size() - 1;
    emit("response.output_item.added", R"(,"output_index":)" + std::to_string(index) + R"(,"item":)" + itemText(items_.back()), out);
    emit("response.content_part.added", itemFields(items_.back().id, index, true) + R"(,"part":)" + outputTextPart(""), out);
  }
  Item& item = items_.back();
  item.text.append(text);
  emit("response.output_text.delta",
       itemFields(item.id, items_.size() - 1, true) + R"(,"delta":)" + jsonString(text) + R"(,"logprobs":[])", out);
}

void ResponseStreamWriter::onToolCall(const Json& call, size_t position, std::string& out) {
  const Json* index = findMember(call, "index");
  const int64_t key = index && index->is_number_integer() ? index->get<int64_t>() : static_cast<int64_t>(position);
  const Json function = memberOr(call, "function", Json::object());
  const Json* raw = findMember(function, "arguments");
  const std::string fragment = raw && raw->is_object() ? dumpJson(*raw) : std::string(stringView(raw));
  size_t at = items_.size();
  for (const auto& [k, item] : calls_) {
    if (k == key) at = item;
  }
  if (at < items_.size() && !(isOpen() && at == items_.size() - 1)) {
    items_[at].text += fragment;  // a late fragment of a closed call (see the header)
    return;
  }
  if (at == items_.size()) {
    closeOpen(out);
    calls_.emplace_back(key, items_.size());
    items_.push_back(Item{true, itemId("fc", id_, items_.size()), "", stringMember(call, "id"), stringMember(function, "name")});
    emit("response.output_item.added",
         R"(,"output_index":)" + std::to_string(items_.size() - 1) + R"(,"item":)" + itemText(items_.back()), out);
  }
  if (fragment.empty()) return;
  Item& item = items_.back();
  item.text += fragment;
  emit("response.function_call_arguments.delta", itemFields(item.id, items_.size() - 1, false) + R"(,"delta":)" + jsonString(fragment), out);
}

void ResponseStreamWriter::closeOpen(std::string& out) {
  if (!isOpen()) return;
  Item& item = items_.back();
  const size_t index = items_.size() - 1;
  if (item.call) {
    emit("response.function_call_arguments.done",
         itemFields(item.id, index, false) + R"(,"name":)" + jsonString(item.name) + R"(,"arguments":)" + jsonString(item.text), out);
    item.status = "completed";
  } else {
    emit("response.output_text.done",
         itemFields(item.id, index, true) + R"(,"text":)" + jsonString(item.text) + R"(,"logprobs":[])", out);
    emit("response.content_part.done", itemFields(item.id, index, true) + R"(,"part":)" + outputTextPart(item.text), out);
    item.status = std::string(statusOf(finishReason_));
  }
  emit("response.output_item.done", R"(,"output_index":)" + std::to_string(index) + R"(,"item":)" + itemText(item), out);
}

std::string ResponseStreamWriter::finish() {
  std::string out;
  if (closed_) return out;
  if (!started_) start(Json::object(), out);
  closeOpen(out);
  const std::string_view status = statusOf(finishReason_);
  Json usage = usageOf(usage_);
  const std::string response = snapshot(status, dumpJson(usage.is_null() ? usageOf(Json::object()) : usage), "null",
                                        dumpJson(incompleteDetails(finishReason_)));
  emit(status == "completed" ? "response.completed" : "response.incomplete", R"(,"response":)" + response, out);
  closed_ = true;
  return out;
}

std::string ResponseStreamWriter::fail(const Status& error) {
  std::string out;
  if (closed_) return out;
  if (!started_) start(Json::object(), out);
  const std::string message = jsonString(error.message.empty() ? "The upstream stream failed." : error.message);
  const std::string code = jsonString(error.status() == 429 ? "rate_limit_exceeded" : "server_error");
  emit("error", R"(,"code":)" + code + R"(,"message":)" + message + R"(,"param":null)", out);
  const std::string failure = R"({"code":)" + code + R"(,"message":)" + message + "}";
  emit("response.failed", R"(,"response":)" + snapshot("failed", "null", failure, "null"), out);
  closed_ = true;
  return out;
}

}  // namespace gw::clients::responses
