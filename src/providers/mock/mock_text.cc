// The mock provider's chat and completions output: an echo of the request with
// a stable hash-derived suffix (clearly not a model), `stop` and `max_tokens`
// applied as a model would, realistic usage, and the same text streamed as
// unified chunks (built with stream/chunks.h, like every dialect's stream).
#include "providers/mock/mock_text.h"

#include <algorithm>
#include <cstdio>

#include "schema/response.h"
#include "stream/chunks.h"

namespace gw::providers::mock {
namespace {

using vocab::RouteType;

constexpr size_t kEchoBytes = 240;  // longer inputs are echoed clipped, with "..."
constexpr std::string_view kPrefix = "[mock] ";

std::string hexOf(uint64_t value, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return std::string(buffer + 16 - digits);
}

// A message's text: a string, or the `text` parts of a content list.
std::string contentText(const Json* content) {
  if (content == nullptr) return {};
  if (content->is_string()) return content->get<std::string>();
  std::string out;
  if (!content->is_array()) return out;
  for (const Json& part : *content) {
    const Json* text = findMember(part, "text");
    if (text == nullptr || !text->is_string()) continue;
    if (!out.empty()) out += ' ';
    out += text->get<std::string>();
  }
  return out;
}

const Json& messagesOf(const Json& unified) {
  static const Json kEmpty = Json::array();
  const Json* m = findMember(unified, "messages");
  return m && m->is_array() ? *m : kEmpty;
}

// Chat: the last user message (else the last message); completions: the prompt.
std::string sourceText(const Request& request) {
  if (request.type != RouteType::Chat) {
    const Json* prompt = findMember(request.unified, "prompt");
    return prompt && prompt->is_string() ? prompt->get<std::string>() : std::string();
  }
  const Json& messages = messagesOf(request.unified);
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    const Json* role = findMember(*it, "role");
    if (role && role->is_string() && role->get<std::string>() == "user") {
      return contentText(findMember(*it, "content"));
    }
  }
  return messages.empty() ? std::string() : contentText(findMember(messages.back(), "content"));
}

// The request content every output derives from (not sampling parameters, not `stream`,
// so a streamed answer has the same text as the plain one).
std::string canonical(const Request& request) {
  const Json* prompt = findMember(request.unified, "prompt");
  return std::string(vocab::routeTypeName(request.type)) + "\n" +
         (request.type == RouteType::Chat ? dumpJson(messagesOf(request.unified))
                                          : (prompt ? dumpJson(*prompt) : std::string()));
}

// Cuts `text` to at most `maxBytes` bytes on a UTF-8 boundary.
std::string_view utf8Prefix(std::string_view text, size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return text.substr(0, end);
}

// Cuts `text` to its first `codePoints` Unicode code points.
std::string_view codePointPrefix(std::string_view text, int64_t codePoints) {
  int64_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;  // continuation byte
    if (seen == codePoints) return text.substr(0, i);
    ++seen;
  }
  return text;
}

std::string baseText(const Settings& settings, const Request& request, size_t index) {
  if (settings.reply) return std::string(kPrefix) + *settings.reply;
  std::string source = sourceText(request);
  std::string echo(utf8Prefix(source, kEchoBytes));
  if (echo.size() < source.size()) echo += "...";
  uint64_t hash = mixBits(fnv1a64(canonical(request) + "\n" + std::to_string(index)));
  return std::string(kPrefix) + "echo: " + echo + " #" + hexOf(hash, 8);
}

std::vector<std::string> stopSequences(const Json& unified) {
  const Json* stop = findMember(unified, "stop");
  std::vector<std::string> out;
  if (stop && stop->is_string()) out.push_back(stop->get<std::string>());
  if (stop && stop->is_array()) {
    for (const Json& s : *stop) {
      if (s.is_string() && !s.get_ref<const std::string&>().empty()) out.push_back(s.get<std::string>());
    }
  }
  return out;
}

// The smaller of `max_tokens` / `max_completion_tokens`; 0 when neither is set.
int64_t maxTokens(const Json& unified) {
  int64_t limit = 0;
  for (const char* key : {"max_tokens", "max_completion_tokens"}) {
    const Json* v = findMember(unified, key);
    if (v && v->is_number_integer() && v->get<int64_t>() > 0) {
      limit = limit == 0 ? v->get<int64_t>() : std::min(limit, v->get<int64_t>());
    }
  }
  return limit;
}

// A model stops at the first stop sequence, then at its token budget.
Generated finish(std::string text, const Json& unified) {
  Generated out{std::move(text), "stop"};
  size_t cut = std::string::npos;
  for (const std::string& s : stopSequences(unified)) cut = std::min(cut, out.text.find(s));
  if (cut != std::string::npos) out.text.resize(cut);
  const int64_t limit = maxTokens(unified);
  if (limit > 0 && estimateTokens(out.text) > limit) {
    out.text = std::string(codePointPrefix(out.text, limit * 4));
    out.finishReason = "length";
  }
  return out;
}

Outcome<size_t> choiceCount(const Json& unified) {
  const Json* n = findMember(unified, "n");
  if (n == nullptr || !n->is_number_integer()) return size_t{1};
  if (n->get<int64_t>() < 1 || n->get<int64_t>() > kMaxChoices) {
    return makeError(ErrorCode::Unprocessable,
                     "The mock provider answers 1 to " + std::to_string(kMaxChoices) +
                         " choices; 'n' was " + dumpJson(*n) + ".",
                     "n");
  }
  return static_cast<size_t>(n->get<int64_t>());
}

std::string modelOf(const Request& request) {
  return request.model.empty() ? std::string("mock") : std::string(request.model);
}

std::string idOf(const Request& request) {
  const char* prefix = request.type == RouteType::Chat ? "chatcmpl-mock-" : "cmpl-mock-";
  return prefix + hexOf(mixBits(fnv1a64(canonical(request))), 16);
}

Json usageOf(const Request& request, const std::vector<Generated>& choices) {
  int64_t completion = 0;
  for (const Generated& g : choices) completion += estimateTokens(g.text);
  const int64_t prompt = promptTokens(request);
  return schema::usageJson({prompt, completion, prompt + completion});
}

// Stream pieces: words with their following space ("[mock] ", "echo: ", ...).
std::vector<std::string_view> pieces(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t end = text.find(' ');
    end = end == std::string_view::npos ? text.size() : end + 1;
    out.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  if (out.empty()) out.emplace_back();
  return out;
}

Json chunkChoice(const Request& request, size_t index, std::string_view piece, bool first,
                 Json finishReason) {
  const auto i = static_cast<int64_t>(index);
  if (request.type != RouteType::Chat) {
    return stream::completionsChoice(i, std::string(piece), std::move(finishReason));
  }
  return stream::chatDeltaChoice(i, first ? Json("assistant") : Json(nullptr), std::string(piece),
                                 nullptr, std::move(finishReason));
}

Json chunkEnvelope(const Request& request, Json choice) {
  Json choices = Json::array({std::move(choice)});
  const int64_t created = request.nowMs / 1000;
  if (request.type == RouteType::Chat) {
    return stream::chatChunk(idOf(request), created, modelOf(request), std::move(choices), nullptr,
                             "mock");
  }
  return stream::completionsChunk(idOf(request), created, modelOf(request), std::move(choices),
                                  nullptr);
}

}  // namespace

Outcome<std::vector<Generated>> generate(const Settings& settings, const Request& request) {
  GW_TRY(size_t count, choiceCount(request.unified));
  std::vector<Generated> out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back(finish(baseText(settings, request, i), request.unified));
  }
  return out;
}

int64_t promptTokens(const Request& request) {
  if (request.type != RouteType::Chat) return estimateTokens(sourceText(request));
  int64_t tokens = 3;  // OpenAI's reply priming
  for (const Json& m : messagesOf(request.unified)) {
    tokens += 3 + estimateTokens(contentText(findMember(m, "content")));
  }
  return tokens;
}

Json textResponse(const Request& request, const std::vector<Generated>& choices) {
  Json list = Json::array();
  for (size_t i = 0; i < choices.size(); ++i) {
    if (request.type == RouteType::Chat) {
      list.push_back(schema::chatChoice(i, choices[i].text, nullptr, choices[i].finishReason));
    } else {
      list.push_back(Json{{"index", i}, {"text", choices[i].text},
                          {"finish_reason", choices[i].finishReason}});
    }
  }
  const int64_t created = request.nowMs / 1000;
  if (request.type == RouteType::Chat) {
    return schema::chatResponse(idOf(request), created, modelOf(request), std::move(list),
                                usageOf(request, choices), "mock");
  }
  return schema::completionsResponse(idOf(request), created, modelOf(request), std::move(list),
                                     usageOf(request, choices));
}

std::vector<Json> textChunks(const Request& request, const std::vector<Generated>& choices) {
  std::vector<Json> chunks;
  for (size_t i = 0; i < choices.size(); ++i) {
    std::vector<std::string_view> parts = pieces(choices[i].text);
    for (size_t k = 0; k < parts.size(); ++k) {
      const bool last = k + 1 == parts.size();
      Json reason = last ? Json(choices[i].finishReason) : Json(nullptr);
      chunks.push_back(chunkEnvelope(request, chunkChoice(request, i, parts[k], k == 0,
                                                          std::move(reason))));
    }
  }
  chunks.back()["usage"] = usageOf(request, choices);
  return chunks;
}

}  // namespace gw::providers::mock
