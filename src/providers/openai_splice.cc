// OpenAI fast paths (see openai_splice.h). Each writer mirrors one DOM function
// of openai.cc / schema/response.cc field for field; the conformance fixtures
// and tests/native/openai_splice_test.cc hold the two to the same output.
#include "providers/openai_splice.h"

#include "core/json_writer.h"
#include "providers/openai.h"

namespace gw::providers {
namespace {

using vocab::RouteType;

// A member spliced as is when present and not null; `fallback` otherwise.
void writeOr(JsonWriter& w, JsonRef value, std::string_view fallbackString) {
  if (value.present()) w.raw(value.raw());
  else w.string(fallbackString);
}

void writeOrNull(JsonWriter& w, JsonRef value) {
  if (value.present()) w.raw(value.raw());
  else w.null();
}

// An integer as the DOM reads it (readUsage / createdOf), null otherwise.
void writeIntegerOrNull(JsonWriter& w, JsonRef value) {
  if (std::optional<int64_t> i = value.integer()) w.integer(*i);
  else w.null();
}

// The prompt of a completions call sent to chat/completions.
void writePromptAsMessages(JsonWriter& w, JsonRef prompt) {
  w.key("messages");
  w.beginArray();
  w.beginObject();
  w.key("role");
  w.string("user");
  w.key("content");
  writeOrNull(w, prompt);
  w.endObject();
  w.endArray();
}

// {"id", "object", "created", "model"}: the head every unified response starts with.
void writeHead(JsonWriter& w, const TranslateContext& ctx, JsonRef upstream, const char* object) {
  w.key("id");
  writeOrNull(w, upstream.find("id"));
  w.key("object");
  w.string(object);
  w.key("created");
  std::optional<int64_t> created = upstream.find("created").integer();
  w.integer(created ? *created : ctx.nowMs / 1000);
  w.key("model");
  writeOr(w, upstream.find("model"), ctx.endpoint.model.name);
}

// schema::usageJson (+ prompt_tokens_details for chat) / embeddingsUsageJson.
void writeUsage(JsonWriter& w, JsonRef usage, RouteType type) {
  w.key("usage");
  w.beginObject();
  w.key("prompt_tokens");
  writeIntegerOrNull(w, usage.find("prompt_tokens"));
  if (type != RouteType::Embeddings) {
    w.key("completion_tokens");
    writeIntegerOrNull(w, usage.find("completion_tokens"));
  }
  w.key("total_tokens");
  writeIntegerOrNull(w, usage.find("total_tokens"));
  if (JsonRef details = usage.find("prompt_tokens_details");
      type == RouteType::Chat && details.isObject()) {
    w.key("prompt_tokens_details");
    w.raw(details.raw());
  }
  w.endObject();
}

// schema::chatChoice with the upstream role.
void writeChatChoice(JsonWriter& w, JsonRef choice, int64_t index) {
  JsonRef message = choice.find("message");
  w.beginObject();
  w.key("index");
  w.integer(index);
  w.key("message");
  w.beginObject();
  w.key("role");
  writeOr(w, message.find("role"), "assistant");
  for (const char* key : {"content", "tool_calls", "refusal"}) {
    w.key(key);
    writeOrNull(w, message.find(key));
  }
  w.endObject();
  w.key("finish_reason");
  writeOrNull(w, choice.find("finish_reason"));
  w.endObject();
}

void writeCompletionsChoice(JsonWriter& w, JsonRef choice, int64_t index) {
  w.beginObject();
  w.key("index");
  w.integer(index);
  w.key("text");
  JsonRef content = choice.find("message").find("content");
  if (content.isString()) w.raw(content.raw());
  else writeOr(w, choice.find("text"), "");
  w.key("finish_reason");
  writeOrNull(w, choice.find("finish_reason"));
  w.endObject();
}

void writeChoices(JsonWriter& w, JsonRef upstream, RouteType type) {
  w.key("choices");
  w.beginArray();
  int64_t index = 0;
  for (JsonRef choice : upstream.find("choices").elements()) {
    if (type == RouteType::Chat) writeChatChoice(w, choice, index++);
    else writeCompletionsChoice(w, choice, index++);
  }
  w.endArray();
}

void writeEmbeddings(JsonWriter& w, const TranslateContext& ctx, JsonRef upstream) {
  w.key("object");
  w.string("list");
  w.key("data");
  w.beginArray();
  int64_t index = 0;
  for (JsonRef item : upstream.find("data").elements()) {
    w.beginObject();
    w.key("object");
    w.string("embedding");
    w.key("embedding");
    JsonRef vector = item.find("embedding");
    w.raw(vector.present() ? vector.raw() : "[]");
    w.key("index");
    w.integer(index++);
    w.endObject();
  }
  w.endArray();
  w.key("model");
  writeOr(w, upstream.find("model"), ctx.endpoint.model.name);
  writeUsage(w, upstream.find("usage"), RouteType::Embeddings);
}

// Whether every chat message content is a string or null (what the writer
// splices as is); anything else takes the DOM translator and its rules.
bool plainChatContents(JsonRef upstream) {
  for (JsonRef choice : upstream.find("choices").elements()) {
    JsonRef content = choice.find("message").find("content");
    if (content && !content.isString() && !content.isNull()) return false;
  }
  return true;
}

Outcome<std::string> viaDom(const TranslateContext& ctx, std::span<const JsonTape> bodies,
                            std::string_view note) {
  std::vector<Json> doms;
  doms.reserve(bodies.size());
  for (const JsonTape& body : bodies) doms.push_back(body.root().toJson());
  GW_TRY(Json unified, openAIOps().parseResponse(ctx, doms, note));
  return dumpJson(unified);
}

}  // namespace

Outcome<UpstreamPlan> buildOpenAIRequestFromTape(const TranslateContext& ctx,
                                                 const JsonTape& body) {
  GW_TRY(OpenAIRequestShape shape, openAIRequestShape(ctx));
  JsonWriter w(body.text().size() + 128);
  w.beginObject();
  if (shape.sendsModel) {
    w.key("model");
    w.string(ctx.endpoint.model.name);
  }
  bool hasN = false, hasStreamOptions = false;
  JsonRef prompt;
  for (auto [key, value] : body.root().members()) {
    if (value.isNull() || key.stringEquals("model")) continue;  // nulls are not sent
    if (shape.completionsViaChat && key.stringEquals("prompt")) prompt = value;
    if (shape.completionsViaChat && (key.stringEquals("prompt") || key.stringEquals("messages"))) {
      continue;  // replaced by the prompt as a user message
    }
    hasN = hasN || key.stringEquals("n");
    hasStreamOptions = hasStreamOptions || key.stringEquals("stream_options");
    w.rawKey(key.raw());
    w.raw(value.raw());
  }
  if (shape.completionsViaChat) writePromptAsMessages(w, prompt);
  if (ctx.type != RouteType::Embeddings && !hasN) {
    w.key("n");
    w.integer(1);
  }
  if (ctx.stream && !hasStreamOptions) {
    w.key("stream_options");
    w.raw(R"({"include_usage":true})");
  }
  w.endObject();
  shape.request.body = w.take();
  UpstreamPlan plan;
  plan.requests.push_back(std::move(shape.request));
  return plan;
}

Outcome<std::string> parseOpenAIResponseToText(const TranslateContext& ctx,
                                               std::span<const JsonTape> bodies,
                                               std::string_view note) {
  JsonRef upstream = bodies.front().root();
  if (!upstream.isObject()) {
    return makeError(ErrorCode::BadGateway, "The upstream response is not a JSON object.");
  }
  if (ctx.type == RouteType::Chat && !plainChatContents(upstream)) return viaDom(ctx, bodies, note);
  JsonWriter w(bodies.front().text().size() + 256);
  w.beginObject();
  if (ctx.type == RouteType::Embeddings) {
    writeEmbeddings(w, ctx, upstream);
  } else {
    bool chat = ctx.type == RouteType::Chat;
    writeHead(w, ctx, upstream, chat ? "chat.completion" : "text_completion");
    writeChoices(w, upstream, ctx.type);
    writeUsage(w, upstream.find("usage"), ctx.type);
    if (chat) {
      w.key("provider");
      w.string(ctx.spec.id);
    }
  }
  w.endObject();
  return w.take();
}

}  // namespace gw::providers
