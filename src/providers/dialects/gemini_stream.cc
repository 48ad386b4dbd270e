// Gemini stream (streamGenerateContent?alt=sse) -> unified chunks.
// Each SSE `data:` is a whole GenerateContentResponse holding the next piece of
// every candidate: text parts -> delta content, functionCall parts (always
// complete in Gemini streams) -> tool-call deltas, finishReason -> finish_reason
// (with usageMetadata on that chunk). An `{"error": ...}` event or a stream that
// ends before any finishReason is a stream error. Deviations from MLflow are
// listed in gemini.cc.
#include <map>
#include <set>

#include "providers/dialects/gemini.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::gemini {

namespace {

class GeminiChunks final : public stream::ChunkTranslator {
 public:
  explicit GeminiChunks(const TranslateContext& ctx) : chat_(ctx.type == vocab::RouteType::Chat) {
    header_.created = nowSeconds(ctx);
    header_.id = (chat_ ? "gemini-chat-stream-" : "gemini-completions-stream-") +
                 std::to_string(header_.created);
    header_.model = ctx.endpoint.model.name;
    header_.provider = std::string(ctx.spec.id);
  }

  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    if (stream::isBlankEvent(event) || event.data == "[DONE]") {
      return Status{};
    }
    Json data = parseJson(event.data);
    if (!data.is_object()) {
      return makeError(ErrorCode::BadGateway, "The Gemini stream sent an event that is not a JSON object.");
    }
    if (const Json* error = findMember(data, "error")) {
      return stream::streamError(ErrorCode::Upstream, stringMember(*error, "message", dumpJson(*error)),
                                 stringMember(*error, "status", "upstream_error"));
    }
    if (const Json* u = findMember(data, "usageMetadata")) usage_ = *u;
    Json choices = Json::array();
    bool finishing = false;
    Json candidates = memberOr(data, "candidates", Json::array());
    for (size_t i = 0; i < candidates.size(); ++i) {
      choices.push_back(choice(candidates[i], i, finishing));
    }
    if (candidates.empty() && findMember(memberOr(data, "promptFeedback", Json::object()), "blockReason")) {
      choices.push_back(blockedChoice());
      finishing = true;
    }
    if (choices.empty() && !(finished_ && findMember(data, "usageMetadata"))) return Status{};
    finished_ = finished_ || finishing;
    Json usage = finishing || choices.empty() ? gemini::usage(usage_) : Json(nullptr);
    out.push_back(chat_ ? header_.chat(std::move(choices), std::move(usage))
                        : header_.completion(std::move(choices), std::move(usage)));
    return Status{};
  }

  Status onEnd(std::vector<Json>& /*out*/) override {
    if (finished_) return Status{};
    return makeError(ErrorCode::BadGateway, "The Gemini stream ended before a finishReason.");
  }

 private:
  Json choice(const Json& candidate, size_t position, bool& finishing) {
    const Json* i = findMember(candidate, "index");
    size_t index = i && i->is_number_unsigned() ? i->get<size_t>() : position;
    Json parts = memberOr(memberOr(candidate, "content", Json::object()), "parts", Json::array());
    Json text = partsText(parts);
    Json calls = chat_ ? toolCalls(parts) : Json::array();
    if (!calls.empty()) called_.insert(index);
    Json reason = finishReason(memberOr(candidate, "finishReason", nullptr), called_.count(index) > 0);
    finishing = finishing || !reason.is_null();
    if (!chat_) return stream::completionsChoice(index, text.is_null() ? Json("") : text, reason);
    Json deltas = Json::array();
    for (Json& call : calls) {
      deltas.push_back(toolCallDelta(toolCount_[index]++, call["id"], call["function"]["name"],
                                     call["function"]["arguments"]));
    }
    bool first = roleSent_.insert(index).second;
    Json content = !text.is_null() ? text : calls.empty() ? Json("") : Json(nullptr);
    return stream::chatDeltaChoice(index, first ? Json("assistant") : Json(nullptr), std::move(content),
                                   deltas.empty() ? Json(nullptr) : deltas, std::move(reason));
  }

  Json blockedChoice() {
    if (!chat_) return stream::completionsChoice(0, "", "content_filter");
    bool first = roleSent_.insert(0).second;
    return stream::chatDeltaChoice(0, first ? Json("assistant") : Json(nullptr), nullptr, nullptr,
                                   "content_filter");
  }

  bool chat_;
  StreamHeader header_;
  Json usage_ = Json::object();
  std::set<size_t> roleSent_;
  std::set<size_t> called_;
  std::map<size_t, size_t> toolCount_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx) {
  if (ctx.type == vocab::RouteType::Embeddings) return nullptr;
  return std::make_unique<GeminiChunks>(ctx);
}

}  // namespace gw::providers::gemini
