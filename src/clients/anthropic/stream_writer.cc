#include "clients/anthropic/stream_writer.h"

#include "clients/anthropic/errors.h"
#include "core/json_writer.h"

namespace gw::clients::anthropic {
namespace {

void appendFrame(std::string& out, std::string_view event, std::string_view data) {
  out.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
}

// content_block_delta {index, delta: {type: <deltaType>, <field>: <text>}}: the hot frame.
void appendDelta(std::string& out, int64_t index, std::string_view deltaType,
                 std::string_view field, std::string_view text) {
  JsonWriter w(96 + text.size());
  w.beginObject();
  w.key("type");
  w.string("content_block_delta");
  w.key("index");
  w.integer(index);
  w.key("delta");
  w.beginObject();
  w.key("type");
  w.string(deltaType);
  w.key(field);
  w.string(text);
  w.endObject();
  w.endObject();
  appendFrame(out, "content_block_delta", w.take());
}

std::string_view stringView(const Json* v) {
  return v && v->is_string() ? std::string_view(v->get_ref<const std::string&>()) : std::string_view();
}

}  // namespace

MessageStreamWriter::MessageStreamWriter(std::string requestedModel)
    : requestedModel_(std::move(requestedModel)) {}

std::string MessageStreamWriter::push(const Json& chunk) {
  std::string out;
  if (closed_ || !chunk.is_object()) return out;
  if (!started_) start(chunk, out);
  if (const Json* usage = findMember(chunk, "usage"); usage && usage->is_object()) {
    usage_ = readUsage(*usage);
  }
  if (const Json* choices = findMember(chunk, "choices"); choices && choices->is_array()) {
    for (const Json& choice : *choices) {
      const Json* index = findMember(choice, "index");
      if (!index || index->is_null() || *index == 0) onChoice(choice, out);
    }
  }
  return out;
}

std::string MessageStreamWriter::finish() {
  std::string out;
  if (closed_) return out;
  if (!started_) start(Json::object(), out);
  closeBlock(out);
  Json delta{{"type", "message_delta"},
             {"delta", Json{{"stop_reason", std::string(stopReason(finishReason_, !toolBlocks_.empty(),
                                                                   sawRefusal_))},
                            {"stop_sequence", nullptr}}},
             {"usage", usageJson(usage_)}};
  appendFrame(out, "message_delta", dumpJson(delta));
  appendFrame(out, "message_stop", R"({"type":"message_stop"})");
  closed_ = true;
  return out;
}

std::string MessageStreamWriter::fail(std::string_view type, std::string_view message) {
  std::string out;
  if (closed_) return out;
  appendFrame(out, "error", errorBody(type, message));
  closed_ = true;
  return out;
}

std::string MessageStreamWriter::fail(int httpStatus, std::string_view message) {
  return fail(errorType(httpStatus), message);
}

std::string MessageStreamWriter::fail(const Status& error) {
  return fail(errorTypeOf(error), error.message);
}

void MessageStreamWriter::start(const Json& chunk, std::string& out) {
  started_ = true;
  messageId_ = messageId(findMember(chunk, "id"), dumpJson(chunk));
  std::string model = stringMember(chunk, "model");
  Json message{{"id", messageId_},
               {"type", "message"},
               {"role", "assistant"},
               {"model", model.empty() ? requestedModel_ : model},
               {"content", Json::array()},
               {"stop_reason", nullptr},
               {"stop_sequence", nullptr},
               {"usage", usageJson(Usage{})}};
  appendFrame(out, "message_start", dumpJson(Json{{"type", "message_start"}, {"message", std::move(message)}}));
}

void MessageStreamWriter::onChoice(const Json& choice, std::string& out) {
  if (const Json* delta = findMember(choice, "delta"); delta && delta->is_object()) {
    onText(stringView(findMember(*delta, "content")), out);
    std::string_view refusal = stringView(findMember(*delta, "refusal"));
    sawRefusal_ = sawRefusal_ || !refusal.empty();
    onText(refusal, out);
    if (const Json* calls = findMember(*delta, "tool_calls"); calls && calls->is_array()) {
      for (size_t i = 0; i < calls->size(); ++i) onToolCall((*calls)[i], i, out);
    }
  }
  if (const Json* reason = findMember(choice, "finish_reason"); reason && !reason->is_null()) {
    finishReason_ = *reason;
  }
}

void MessageStreamWriter::onText(std::string_view text, std::string& out) {
  if (text.empty()) return;
  if (open_ != Block::Text) openBlock(Block::Text, R"({"type":"text","text":""})", out);
  appendDelta(out, openIndex_, "text_delta", "text", text);
}

void MessageStreamWriter::onToolCall(const Json& call, size_t position, std::string& out) {
  const Json* index = findMember(call, "index");
  int64_t key = index && index->is_number_integer() ? index->get<int64_t>() : static_cast<int64_t>(position);
  Json function = memberOr(call, "function", Json::object());
  int64_t block = toolBlock(key);
  if (block < 0) {
    block = nextIndex_;
    toolBlocks_.emplace_back(key, block);
    Json shell{{"type", "tool_use"},
               {"id", toolUseId(findMember(call, "id"), messageId_, static_cast<size_t>(block))},
               {"name", stringMember(function, "name")},
               {"input", Json::object()}};
    openBlock(Block::Tool, dumpJson(shell), out);
  }
  const Json* arguments = findMember(function, "arguments");
  if (arguments && arguments->is_object()) {
    appendDelta(out, block, "input_json_delta", "partial_json", dumpJson(*arguments));
  } else if (!stringView(arguments).empty()) {
    appendDelta(out, block, "input_json_delta", "partial_json", stringView(arguments));
  }
}

int64_t MessageStreamWriter::toolBlock(int64_t openAIIndex) const {
  for (const auto& [key, block] : toolBlocks_) {
    if (key == openAIIndex) return block;
  }
  return -1;
}

void MessageStreamWriter::openBlock(Block kind, std::string_view shellJson, std::string& out) {
  closeBlock(out);
  open_ = kind;
  openIndex_ = nextIndex_++;
  std::string data = R"({"type":"content_block_start","index":)" + std::to_string(openIndex_) +
                     R"(,"content_block":)" + std::string(shellJson) + "}";
  appendFrame(out, "content_block_start", data);
}

void MessageStreamWriter::closeBlock(std::string& out) {
  if (open_ == Block::None) return;
  appendFrame(out, "content_block_stop",
              R"({"type":"content_block_stop","index":)" + std::to_string(openIndex_) + "}");
  open_ = Block::None;
}

}  // namespace gw::clients::anthropic
