// OpenAI streaming (https://platform.openai.com/docs/api-reference/chat-streaming):
// one `data: <chunk json>` SSE event per chunk, then `data: [DONE]`. With
// `stream_options.include_usage` (openai.cc asks for it) the last chunk before
// [DONE] has `choices: []` and the usage.
//
// Each upstream chunk becomes one unified chunk (reference 3.5):
//   chat:        delta.role / content / tool_calls copied (tool-call deltas verbatim,
//                a non-null `refusal` kept), finish_reason, the choice's own index;
//   completions: text = delta.content (chat upstream, MLflow 2.9–2.21 style) or
//                choice.text (`/completions` upstream).
// `usage` is null except on the usage chunk, where it is built exactly as the
// non-streamed response builds it. An `{"error": ...}` event (or `event: error`)
// ends the stream with an error event; `[DONE]` itself is not forwarded (the
// session writes its own on /v1). A stream that ends without [DONE] and without
// both a finish_reason and usage was cut off: error, never a silent truncation.
#include "providers/openai_stream.h"

#include "providers/openai_stream_fast.h"
#include "schema/response.h"
#include "stream/chunks.h"

namespace gw::providers {
namespace {

using vocab::RouteType;

bool isDone(std::string_view data) {
  size_t start = data.find_first_not_of(" \t\r\n");
  size_t end = data.find_last_not_of(" \t\r\n");
  return start != std::string_view::npos && data.substr(start, end - start + 1) == "[DONE]";
}

Status upstreamErrorOf(const Json& error) {
  const Json* message = findMember(error, "message");
  const Json* type = findMember(error, "type");
  std::string text = message && message->is_string() ? message->get<std::string>()
                     : error.is_string()             ? error.get<std::string>()
                                                     : dumpJson(error);
  return stream::streamError(ErrorCode::Upstream, text,
                             type && type->is_string() ? type->get<std::string>() : "upstream_error");
}

class OpenAIChunkTranslator final : public stream::ChunkTranslator {
 public:
  explicit OpenAIChunkTranslator(const TranslateContext& ctx)
      : ctx_(ctx),
        fast_{ctx.type == RouteType::Chat, dumpJson(Json(ctx.endpoint.model.name)),
              dumpJson(Json(std::string(ctx.spec.id))), ctx.nowMs / 1000} {}

  // Common content chunks without a DOM (openai_stream_fast.cc); the rest below.
  bool appendChunkJson(const stream::Event& event, std::string& json) override {
    if (done_ || event.name == "error") return false;
    bool finish = false;
    if (!openai_fast::appendChunk(event.data, fast_, scratch_, json, finish)) return false;
    sawFinish_ = sawFinish_ || finish;
    return true;
  }

  Status onEvent(const stream::Event& event, std::vector<Json>& out) override {
    if (done_ || stream::isBlankEvent(event)) return Status{};
    if (isDone(event.data)) {
      done_ = true;
      return Status{};
    }
    Outcome<Json> parsed = stream::parseEventJson(event);
    if (!parsed) {
      if (event.name == "error") return upstreamErrorOf(Json(std::string(event.data)));
      return parsed.error();
    }
    const Json& chunk = *parsed;
    if (const Json* error = findMember(chunk, "error"); error && !error->is_null()) {
      return upstreamErrorOf(*error);
    }
    if (event.name == "error") return upstreamErrorOf(chunk);
    if (!chunk.is_object()) {
      return makeError(ErrorCode::BadGateway, "The upstream stream sent a chunk that is not a JSON object.");
    }
    out.push_back(ctx_.type == RouteType::Chat ? chatChunk(chunk) : completionsChunk(chunk));
    return Status{};
  }

  Status onEnd(std::vector<Json>& /*out*/) override {
    if (done_ || (sawFinish_ && sawUsage_)) return Status{};
    return makeError(ErrorCode::BadGateway,
                     "The upstream stream ended before the provider finished the response.");
  }

 private:
  int64_t created(const Json& chunk) const {
    const Json* c = findMember(chunk, "created");
    return c && c->is_number_integer() ? c->get<int64_t>() : ctx_.nowMs / 1000;
  }

  Json model(const Json& chunk) const { return memberOr(chunk, "model", ctx_.endpoint.model.name); }

  // The usage object exactly as the non-streamed response reports it; null when absent.
  Json usage(const Json& chunk, bool details) {
    const Json* u = findMember(chunk, "usage");
    if (!u || !u->is_object()) return nullptr;
    sawUsage_ = true;
    Json usage = schema::usageJson(schema::readUsage(u));
    if (const Json* d = findMember(*u, "prompt_tokens_details"); details && d && d->is_object()) {
      usage["prompt_tokens_details"] = *d;
    }
    return usage;
  }

  // The choice's own index (chunks of n > 1 choices interleave), else its position.
  static int64_t indexOf(const Json& choice, size_t position) {
    const Json* i = findMember(choice, "index");
    return i && i->is_number_integer() ? i->get<int64_t>() : static_cast<int64_t>(position);
  }

  Json finishReason(const Json& choice) {
    Json reason = memberOr(choice, "finish_reason");
    if (!reason.is_null()) sawFinish_ = true;
    return reason;
  }

  Json chatChunk(const Json& chunk) {
    Json choices = Json::array();
    if (const Json* list = findMember(chunk, "choices"); list && list->is_array()) {
      for (size_t i = 0; i < list->size(); ++i) {
        const Json& c = (*list)[i];
        Json delta = memberOr(c, "delta", Json::object());
        choices.push_back(stream::chatDeltaChoice(
            indexOf(c, i), memberOr(delta, "role"), memberOr(delta, "content"),
            memberOr(delta, "tool_calls"), finishReason(c), memberOr(delta, "refusal")));
      }
    }
    return stream::chatChunk(memberOr(chunk, "id"), created(chunk), model(chunk),
                             std::move(choices), usage(chunk, true), ctx_.spec.id);
  }

  Json completionsChunk(const Json& chunk) {
    Json choices = Json::array();
    if (const Json* list = findMember(chunk, "choices"); list && list->is_array()) {
      for (size_t i = 0; i < list->size(); ++i) {
        const Json& c = (*list)[i];
        const Json* delta = findMember(c, "delta");
        Json text = delta ? memberOr(*delta, "content") : memberOr(c, "text");
        choices.push_back(stream::completionsChoice(indexOf(c, i), std::move(text), finishReason(c)));
      }
    }
    return stream::completionsChunk(memberOr(chunk, "id"), created(chunk), model(chunk),
                                    std::move(choices), usage(chunk, false));
  }

  TranslateContext ctx_;
  openai_fast::ChunkContext fast_;
  std::string scratch_;  // the fast path's working memory
  bool done_ = false;
  bool sawFinish_ = false;
  bool sawUsage_ = false;
};

}  // namespace

std::unique_ptr<stream::ChunkTranslator> openOpenAIStream(const TranslateContext& ctx) {
  if (ctx.type == RouteType::Embeddings) return nullptr;
  return std::make_unique<OpenAIChunkTranslator>(ctx);
}

}  // namespace gw::providers
