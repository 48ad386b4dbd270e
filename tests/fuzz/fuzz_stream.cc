// libFuzzer target: stream framing (SSE, NDJSON, AWS event stream) and every
// dialect's chunk translator, with the input split at fuzzer-chosen points.
// Byte 0 picks the streaming endpoint, byte 1 the split stride.
#include "fuzz_common.h"
#include "gateway/stream_session.h"

namespace {
const char* const kStreamTargets[] = {
    "/endpoints/openai-chat/invocations", "/gateway/openai-completions/invocations",
    "/endpoints/anthropic-chat/invocations", "/endpoints/gemini-chat/invocations",
    "/endpoints/cohere-chat/invocations", "/endpoints/bedrock-chat/invocations",
    "/endpoints/mistral-chat/invocations", "/endpoints/togetherai-completions/invocations",
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto gateway = gw::fuzz::loadFuzzGateway();
  if (size < 2) return 0;
  std::string target = kStreamTargets[data[0] % 8];
  std::string body = target.find("completions") != std::string::npos
                         ? R"({"prompt": "hi", "max_tokens": 5, "stream": true})"
                         : R"({"messages": [{"role": "user", "content": "hi"}], "stream": true})";
  gw::gateway::HttpRequest request{"POST", target, {}, body};
  gw::gateway::RequestContext ctx{1700000000000, 0.5, "127.0.0.1"};
  gw::gateway::Step step = gateway->plan(request, ctx);
  if (step.kind != gw::gateway::Step::Kind::Call) return 0;
  auto session = gateway->openStream(step.call.token, ctx);
  if (!session) return 0;
  size_t stride = 1 + data[1] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
  for (size_t pos = 0; pos < bytes.size(); pos += stride) (void)(*session)->push(bytes.substr(pos, stride));
  (void)(*session)->end();
  return 0;
}
