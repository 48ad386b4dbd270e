#include "clients/gemini/mapping.h"

#include <algorithm>
#include <cstdint>

#include "clients/unified_answer.h"

namespace gw::clients::gemini {
namespace {

int64_t count(const Json* object, std::string_view key) {
  const Json* v = object ? findMember(*object, key) : nullptr;
  return v && v->is_number_integer() ? std::max<int64_t>(v->get<int64_t>(), 0) : 0;
}

}  // namespace

std::string_view finishReasonOf(const Json& finishReason) {
  if (!finishReason.is_string()) return "STOP";
  const std::string& reason = finishReason.get_ref<const std::string&>();
  if (reason == "stop" || reason == "tool_calls" || reason == "function_call") return "STOP";
  if (reason == "length") return "MAX_TOKENS";
  if (reason == "content_filter") return "SAFETY";
  return "OTHER";
}

Json usageMetadata(const Json& usage) {
  if (!usage.is_object()) return Json();
  const int64_t prompt = count(&usage, "prompt_tokens");
  const int64_t completion = count(&usage, "completion_tokens");
  const int64_t reasoning = count(findMember(usage, "completion_tokens_details"), "reasoning_tokens");
  const int64_t cached = count(findMember(usage, "prompt_tokens_details"), "cached_tokens");
  const int64_t total = findMember(usage, "total_tokens") ? count(&usage, "total_tokens") : prompt + completion;
  Json out{{"promptTokenCount", prompt}, {"candidatesTokenCount", std::max<int64_t>(completion - reasoning, 0)}};
  if (cached > 0) out["cachedContentTokenCount"] = cached;
  if (reasoning > 0) out["thoughtsTokenCount"] = reasoning;
  out["totalTokenCount"] = total;
  return out;
}

Json functionCallPart(std::string_view id, std::string_view name, const Json& arguments) {
  Json call{{"name", std::string(name)}, {"args", argumentsObject(arguments)}};
  if (!id.empty()) call["id"] = std::string(id);
  return Json{{"functionCall", std::move(call)}};
}

}  // namespace gw::clients::gemini
