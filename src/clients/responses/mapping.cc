#include "clients/responses/mapping.h"

#include <algorithm>

#include "clients/unified_answer.h"
#include "core/json_writer.h"

namespace gw::clients::responses {
namespace {

int64_t count(const Json* object, std::string_view key) {
  const Json* v = object ? findMember(*object, key) : nullptr;
  return v && v->is_number_integer() ? std::max<int64_t>(v->get<int64_t>(), 0) : 0;
}

std::string_view reasonOf(const Json& finishReason) {
  return finishReason.is_string() ? std::string_view(finishReason.get_ref<const std::string&>())
                                  : std::string_view();
}

}  // namespace

std::string responseId(const Json* upstreamId, std::string_view seed) {
  return prefixedId(upstreamId, seed, "resp_");
}

std::string itemId(std::string_view prefix, std::string_view responseId, size_t position) {
  std::string_view tail = responseId.starts_with("resp_") ? responseId.substr(5) : responseId;
  return std::string(prefix) + "_" + std::string(tail) + "_" + std::to_string(position);
}

std::string_view statusOf(const Json& finishReason) {
  std::string_view reason = reasonOf(finishReason);
  return reason == "length" || reason == "content_filter" ? "incomplete" : "completed";
}

Json incompleteDetails(const Json& finishReason) {
  std::string_view reason = reasonOf(finishReason);
  if (reason == "length") return Json{{"reason", "max_output_tokens"}};
  if (reason == "content_filter") return Json{{"reason", "content_filter"}};
  return Json();
}

Json usageOf(const Json& usage) {
  if (!usage.is_object()) return Json();
  const int64_t input = count(&usage, "prompt_tokens");
  const int64_t output = count(&usage, "completion_tokens");
  const int64_t total = findMember(usage, "total_tokens") ? count(&usage, "total_tokens") : input + output;
  return Json{{"input_tokens", input},
              {"input_tokens_details", Json{{"cached_tokens", count(findMember(usage, "prompt_tokens_details"), "cached_tokens")}}},
              {"output_tokens", output},
              {"output_tokens_details",
               Json{{"reasoning_tokens", count(findMember(usage, "completion_tokens_details"), "reasoning_tokens")}}},
              {"total_tokens", total}};
}

std::string jsonString(std::string_view text) {
  JsonWriter w(text.size() + 8);
  w.string(text);
  return w.take();
}

std::string responseText(const ResponseFields& f) {
  std::string out;
  out.reserve(640 + f.output.size());
  out.append(R"({"id":)").append(jsonString(f.id));
  out.append(R"(,"object":"response","created_at":)").append(std::to_string(f.createdAt));
  out.append(R"(,"status":)").append(jsonString(f.status));
  out.append(R"(,"error":)").append(f.error);
  out.append(R"(,"incomplete_details":)").append(f.incompleteDetails);
  out.append(R"(,"instructions":null,"max_output_tokens":null,"model":)").append(jsonString(f.model));
  out.append(R"(,"output":)").append(f.output);
  out.append(R"(,"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},)"
             R"("store":false,"temperature":null,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],)"
             R"("top_p":null,"truncation":"disabled","usage":)");
  out.append(f.usage).append(R"(,"user":null,"metadata":{}})");
  return out;
}

std::string outputTextPart(std::string_view text) {
  return R"({"type":"output_text","text":)" + jsonString(text) + R"(,"annotations":[],"logprobs":[]})";
}

}  // namespace gw::clients::responses
