// Cohere v1 streams (NDJSON, one event per line) -> unified chunks.
//   chat:        stream-start (skipped), text-generation {text} -> delta content,
//                stream-end {finish_reason, response{response_id, token_count}}
//                -> final chunk with finish_reason and usage;
//   completions: text-generation {index?, text} -> text, stream-end
//                {finish_reason, response{id, generations[], meta}} -> one final
//                choice per generation with usage.
// Other event types (search/citation events of Cohere connectors) are skipped.
// Deviations from MLflow are listed in cohere.cc.
#include "providers/dialects/cohere.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::cohere {

namespace {

class CohereChunks final : public stream::ChunkTranslator {
 public:
  explicit CohereChunks(const TranslateContext& ctx) : chat_(ctx.type == vocab::RouteType::Chat) {
    header_.created = nowSeconds(ctx);
    header_.model = ctx.endpoint.model.name;
    header_.provider = std::string(ctx.spec.id);
  }

  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    if (stream::isBlankEvent(event)) return Status{};
    Json data = parseJson(event.data);
    if (!data.is_object()) {
      return makeError(ErrorCode::BadGateway, "The Cohere stream sent a line that is not a JSON object.");
    }
    std::string type = stringMember(data, "event_type");
    if (type == "text-generation") {
      out.push_back(textChunk(data));
    } else if (type == "stream-end") {
      return onStreamEnd(data, out);
    }
    return Status{};
  }

  vocab::StreamFraming framing() const override { return vocab::StreamFraming::Ndjson; }

  Status onEnd(std::vector<Json>& /*out*/) override {
    if (ended_) return Status{};
    return makeError(ErrorCode::BadGateway, "The Cohere stream ended before its stream-end event.");
  }

 private:
  Json textChunk(const Json& data) {
    Json text = memberOr(data, "text", "");
    if (!chat_) {
      return header_.completion(Json::array({stream::completionsChoice(indexOf(data, 0), text, nullptr)}));
    }
    return header_.chat(Json::array({stream::chatDeltaChoice(0, role(), text, nullptr, nullptr)}));
  }

  Status onStreamEnd(const Json& data, std::vector<Json>& out) {
    ended_ = true;
    Json reason = memberOr(data, "finish_reason", nullptr);
    const Json response = memberOr(data, "response", Json::object());
    if (reason == "ERROR") {
      return makeError(ErrorCode::BadGateway, "The Cohere stream ended with finish_reason ERROR.");
    }
    header_.id = memberOr(response, chat_ ? "response_id" : "id", nullptr);
    Json usage = cohere::usage(response);
    if (chat_) {
      Json choice = stream::chatDeltaChoice(0, role(), nullptr, nullptr, finishReason(reason));
      out.push_back(header_.chat(Json::array({std::move(choice)}), std::move(usage)));
      return Status{};
    }
    Json choices = Json::array();
    Json generations = memberOr(response, "generations", Json::array());
    for (size_t i = 0; i < generations.size(); ++i) {
      Json own = memberOr(generations[i], "finish_reason", reason);
      choices.push_back(stream::completionsChoice(indexOf(generations[i], i), "", finishReason(own)));
    }
    if (choices.empty()) choices.push_back(stream::completionsChoice(0, "", finishReason(reason)));
    out.push_back(header_.completion(std::move(choices), std::move(usage)));
    return Status{};
  }

  static size_t indexOf(const Json& obj, size_t fallback) {
    const Json* i = findMember(obj, "index");
    return i && i->is_number_unsigned() ? i->get<size_t>() : fallback;
  }

  Json role() {
    bool first = !roleSent_;
    roleSent_ = true;
    return first ? Json("assistant") : Json(nullptr);
  }

  bool chat_;
  StreamHeader header_;
  bool roleSent_ = false;
  bool ended_ = false;
};

}  // namespace

std::unique_ptr<stream::ChunkTranslator> openStream(const TranslateContext& ctx) {
  if (ctx.type == vocab::RouteType::Embeddings) return nullptr;
  return std::make_unique<CohereChunks>(ctx);
}

}  // namespace gw::providers::cohere
