#include "clients/anthropic/mapping.h"

#include <algorithm>

#include "clients/unified_answer.h"

namespace gw::clients::anthropic {
namespace {

int64_t count(const Json& object, std::string_view key) {
  const Json* v = findMember(object, key);
  return v && v->is_number_integer() ? std::max<int64_t>(v->get<int64_t>(), 0) : 0;
}

}  // namespace

std::string messageId(const Json* upstreamId, std::string_view seed) { return prefixedId(upstreamId, seed, "msg_"); }

std::string toolUseId(const Json* upstreamId, std::string_view messageId, size_t position) {
  if (upstreamId && upstreamId->is_string() && !upstreamId->get_ref<const std::string&>().empty()) {
    return safeId(upstreamId->get_ref<const std::string&>());
  }
  std::string_view tail = messageId.rfind("msg_", 0) == 0 ? messageId.substr(4) : messageId;
  return "toolu_" + std::string(tail) + "_" + std::to_string(position);
}

std::string_view stopReason(const Json& finishReason, bool sawToolUse, bool sawRefusal) {
  std::string_view reason = finishReason.is_string()
                                ? std::string_view(finishReason.get_ref<const std::string&>())
                                : std::string_view();
  if (reason == "length") return "max_tokens";
  if (reason == "content_filter") return "refusal";
  if (reason == "tool_calls" || sawToolUse) return "tool_use";
  return sawRefusal ? "refusal" : "end_turn";
}

Usage readUsage(const Json& usage) {
  Usage u;
  const Json* details = findMember(usage, "prompt_tokens_details");
  u.cacheRead = details ? count(*details, "cached_tokens") : 0;
  u.cacheCreation = count(usage, "cache_creation_input_tokens");
  u.input = std::max<int64_t>(count(usage, "prompt_tokens") - u.cacheRead - u.cacheCreation, 0);
  u.output = count(usage, "completion_tokens");
  return u;
}

Json usageJson(const Usage& usage) {
  Json out{{"input_tokens", usage.input}, {"output_tokens", usage.output}};
  if (usage.cacheCreation > 0) out["cache_creation_input_tokens"] = usage.cacheCreation;
  if (usage.cacheRead > 0) out["cache_read_input_tokens"] = usage.cacheRead;
  return out;
}

}  // namespace gw::clients::anthropic
