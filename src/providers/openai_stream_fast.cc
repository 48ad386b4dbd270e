#include "providers/openai_stream_fast.h"

#include "stream/json_cursor.h"

namespace gw::providers::openai_fast {
namespace {

using stream::JsonCursor;
using stream::RawJson;
using Kind = RawJson::Kind;

// Iterates the object at the cursor; `member(key)` consumes each value (false:
// decline). Escaped keys are declined (the DOM path compares decoded keys).
template <typename Member>
bool eachMember(JsonCursor& cursor, Member&& member) {
  if (!cursor.enterObject()) return false;
  std::string_view key;
  bool escaped = false;
  while (cursor.nextMember(key, escaped)) {
    if (escaped || !member(key)) return false;
  }
  return !cursor.failed();
}

// Reads a wanted value once (a duplicate key declines: the DOM keeps the last one).
bool take(JsonCursor& cursor, RawJson& slot) {
  if (slot.kind != Kind::None) return false;
  return cursor.value(slot);
}

bool skip(JsonCursor& cursor) {
  RawJson ignored;
  return cursor.value(ignored);
}

// Appends a copied value: "null" when absent or null; declines non-canonical bytes.
bool copy(const RawJson& value, std::string& out) {
  if (!value.present()) {
    out += "null";
    return true;
  }
  if (!value.canonical) return false;
  out += value.text;
  return true;
}

bool isInteger(const RawJson& value) { return value.kind == Kind::Number && value.canonical; }

struct Delta {
  RawJson role, content, toolCalls, refusal;
  bool seen = false;  // a `delta` key was present (completions: text comes from it)
};

// `delta`: an object is walked; null or absent leaves every field null.
bool readDelta(JsonCursor& cursor, Delta& d) {
  if (d.seen) return false;
  d.seen = true;
  if (cursor.peek() != '{') {
    RawJson value;
    return cursor.value(value) && value.kind == Kind::Null;
  }
  return eachMember(cursor, [&](std::string_view key) {
    if (key == "role") return take(cursor, d.role);
    if (key == "content") return take(cursor, d.content);
    if (key == "tool_calls") return take(cursor, d.toolCalls);
    if (key == "refusal") return take(cursor, d.refusal);
    return skip(cursor);
  });
}

bool appendDelta(const Delta& d, std::string& out) {
  out += "{\"role\":";
  if (!copy(d.role, out)) return false;
  out += ",\"content\":";
  if (!copy(d.content, out)) return false;
  out += ",\"tool_calls\":";
  if (!copy(d.toolCalls, out)) return false;
  if (d.refusal.present()) {
    out += ",\"refusal\":";
    if (!copy(d.refusal, out)) return false;
  }
  out += '}';
  return true;
}

bool appendChoice(JsonCursor& cursor, size_t position, bool chat, std::string& out,
                  bool& sawFinish) {
  RawJson index, finishReason, text;
  Delta delta;
  bool ok = eachMember(cursor, [&](std::string_view key) {
    if (key == "index") return take(cursor, index);
    if (key == "finish_reason") return take(cursor, finishReason);
    if (key == "delta") return readDelta(cursor, delta);
    if (key == "text" && !chat) return take(cursor, text);
    return skip(cursor);
  });
  if (!ok) return false;
  out += "{\"index\":";
  if (index.present() && !isInteger(index)) return false;
  if (index.present()) out += index.text;
  else out += std::to_string(position);
  out += ",\"finish_reason\":";
  if (!copy(finishReason, out)) return false;
  sawFinish = sawFinish || finishReason.present();
  if (chat) {
    out += ",\"delta\":";
    if (!appendDelta(delta, out)) return false;
  } else {
    out += ",\"text\":";  // delta.content when the choice has a `delta`, else `text`
    if (!copy(delta.seen ? delta.content : text, out)) return false;
  }
  out += '}';
  return true;
}

// `choices` into `out` as the unified array: an array is walked; null gives [].
bool appendChoices(JsonCursor& cursor, bool chat, std::string& out, bool& sawFinish) {
  if (cursor.peek() != '[') {
    RawJson value;
    if (!cursor.value(value) || value.kind != Kind::Null) return false;
    out += "[]";
    return true;
  }
  if (!cursor.enterArray()) return false;
  out += '[';
  for (size_t i = 0; cursor.nextElement(); ++i) {
    if (cursor.peek() != '{') return false;
    if (i > 0) out += ',';
    if (!appendChoice(cursor, i, chat, out, sawFinish)) return false;
  }
  out += ']';
  return !cursor.failed();
}

struct Chunk {
  RawJson id, created, model, usage, error;
  bool choices = false;
};

}  // namespace

bool appendChunk(std::string_view data, const ChunkContext& ctx, std::string& scratch,
                 std::string& json, bool& sawFinish) {
  // Upstream members come in any order, ours in a fixed one: render choices aside.
  std::string& choices = scratch;
  choices.clear();
  bool finish = false;
  Chunk k;
  JsonCursor cursor(data);
  bool ok = eachMember(cursor, [&](std::string_view key) {
    if (key == "id") return take(cursor, k.id);
    if (key == "created") return take(cursor, k.created);
    if (key == "model") return take(cursor, k.model);
    if (key == "usage") return take(cursor, k.usage);
    if (key == "error") return take(cursor, k.error);
    if (key != "choices") return skip(cursor);
    if (k.choices) return false;
    k.choices = true;
    return appendChoices(cursor, ctx.chat, choices, finish);
  });
  // Usage and error chunks are rare and need the DOM path's rules.
  if (!ok || !cursor.atEnd() || k.usage.present() || k.error.present()) return false;
  if (k.created.present() && !isInteger(k.created)) return false;
  json += "{\"id\":";
  if (!copy(k.id, json)) return false;
  json += ctx.chat ? ",\"object\":\"chat.completion.chunk\",\"created\":"
                   : ",\"object\":\"text_completion_chunk\",\"created\":";
  if (k.created.present()) json += k.created.text;
  else json += std::to_string(ctx.createdFallback);
  json += ",\"model\":";
  if (!k.model.present()) json += ctx.modelJson;
  else if (!copy(k.model, json)) return false;
  json += ",\"choices\":";
  json += k.choices ? choices : "[]";
  json += ",\"usage\":null";
  if (ctx.chat) {
    json += ",\"provider\":";
    json += ctx.providerJson;
  }
  json += '}';
  sawFinish = finish;
  return true;
}

}  // namespace gw::providers::openai_fast
