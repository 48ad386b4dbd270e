// Anthropic chat stream -> unified chat chunks.
// Events (https://docs.anthropic.com/en/api/messages-streaming):
//   message_start        id, model, input/cache usage      -> no chunk
//   content_block_start  text -> content ""; tool_use -> tool call (id, name, "")
//   content_block_delta  text_delta -> content; input_json_delta -> arguments
//   message_delta        stop_reason, output usage          -> final chunk
//   message_stop         the stream is complete
//   ping, content_block_stop, unknown types                 -> ignored
//   error                                                   -> stream error
// Deviations from MLflow are listed in anthropic.cc.
#include <map>

#include "providers/dialects/anthropic.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::anthropic {

namespace {

class AnthropicChunks final : public stream::ChunkTranslator {
 public:
  explicit AnthropicChunks(const TranslateContext& ctx) {
    header_.created = nowSeconds(ctx);
    header_.model = ctx.endpoint.model.name;
    header_.provider = std::string(ctx.spec.id);
  }

  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    if (stream::isBlankEvent(event)) return Status{};
    Json data = parseJson(event.data);
    if (!data.is_object()) {
      return makeError(ErrorCode::BadGateway,
                       "The Anthropic stream sent an event that is not a JSON object.");
    }
    std::string type = stringMember(data, "type", event.name);
    if (type == "message_start") return onMessageStart(data);
    if (type == "content_block_start") return onBlockStart(data, out);
    if (type == "content_block_delta") return onBlockDelta(data, out);
    if (type == "message_delta") return onMessageDelta(data, out);
    if (type == "message_stop") stopped_ = true;
    if (type == "error") return upstreamError(data);
    return Status{};
  }

  Status onEnd(std::vector<Json>& /*out*/) override {
    if (stopped_) return Status{};
    return makeError(ErrorCode::BadGateway,
                     "The Anthropic stream ended before its message_stop event.");
  }

 private:
  Status onMessageStart(const Json& data) {
    const Json message = memberOr(data, "message", Json::object());
    header_.id = memberOr(message, "id", nullptr);
    header_.model = memberOr(message, "model", header_.model);
    mergeUsage(memberOr(message, "usage", Json::object()));
    return Status{};
  }

  Status onBlockStart(const Json& data, std::vector<Json>& out) {
    const Json block = memberOr(data, "content_block", Json::object());
    std::string type = stringMember(block, "type");
    if (type == "text") {
      emit(out, memberOr(block, "text", ""), nullptr);
    } else if (type == "tool_use") {
      size_t ordinal = toolIndex_.size();
      toolIndex_[blockIndex(data)] = ordinal;
      emit(out, nullptr,
           Json::array({toolCallDelta(ordinal, memberOr(block, "id", nullptr),
                                      memberOr(block, "name", nullptr), "")}));
    }
    return Status{};
  }

  Status onBlockDelta(const Json& data, std::vector<Json>& out) {
    const Json delta = memberOr(data, "delta", Json::object());
    std::string type = stringMember(delta, "type");
    if (type == "text_delta") {
      emit(out, memberOr(delta, "text", ""), nullptr);
    } else if (type == "input_json_delta") {
      auto it = toolIndex_.find(blockIndex(data));
      if (it == toolIndex_.end()) {
        return makeError(ErrorCode::BadGateway,
                         "The Anthropic stream sent tool input for a block that is not a tool_use.");
      }
      emit(out, nullptr,
           Json::array({toolCallDelta(it->second, nullptr, nullptr,
                                      memberOr(delta, "partial_json", ""))}));
    }
    return Status{};
  }

  Status onMessageDelta(const Json& data, std::vector<Json>& out) {
    mergeUsage(memberOr(data, "usage", Json::object()));
    Json reason = finishReason(memberOr(memberOr(data, "delta", Json::object()), "stop_reason",
                                        nullptr));
    Json choice = stream::chatDeltaChoice(0, role(), nullptr, nullptr, std::move(reason));
    out.push_back(header_.chat(Json::array({std::move(choice)}), usage(usage_)));
    return Status{};
  }

  static Status upstreamError(const Json& data) {
    const Json error = memberOr(data, "error", Json::object());
    return stream::streamError(ErrorCode::Upstream, stringMember(error, "message", dumpJson(data)),
                               stringMember(error, "type", "upstream_error"));
  }

  void emit(std::vector<Json>& out, Json content, Json toolCalls) {
    Json choice = stream::chatDeltaChoice(0, role(), std::move(content), std::move(toolCalls), nullptr);
    out.push_back(header_.chat(Json::array({std::move(choice)})));
  }

  // "assistant" on the first chunk, null after.
  Json role() {
    bool first = !roleSent_;
    roleSent_ = true;
    return first ? Json("assistant") : Json(nullptr);
  }

  void mergeUsage(const Json& usage) {
    for (auto it = usage.begin(); it != usage.end(); ++it) {
      if (!it.value().is_null()) usage_[it.key()] = it.value();
    }
  }

  static int64_t blockIndex(const Json& data) {
    const Json* index = findMember(data, "index");
    return index && index->is_number_integer() ? index->get<int64_t>() : -1;
  }

  StreamHeader header_;
  Json usage_ = Json::object();
  std::map<int64_t, size_t> toolIndex_;  // content-block index -> tool-call ordinal
  bool roleSent_ = false;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx) {
  return std::make_unique<AnthropicChunks>(ctx);
}

}  // namespace gw::providers::anthropic
