// libFuzzer target: every provider's response translator and the upstream
// error mapping. Byte 0 picks the endpoint, byte 1 the upstream status class,
// the rest is the upstream body (sent as application/json).
#include "fuzz_common.h"

namespace {
// A valid request per route type, so that plan reaches the provider.
const char* requestFor(const char* target) {
  std::string_view t(target);
  if (t.find("embeddings") != std::string_view::npos) return R"({"input": ["a", "b"]})";
  if (t.find("completions") != std::string_view::npos) return R"({"prompt": "hi", "max_tokens": 5})";
  return R"({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 5})";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto gateway = gw::fuzz::loadFuzzGateway();
  if (size < 2) return 0;
  const char* target = gw::fuzz::kTargets[data[0] % (gw::fuzz::kTargetCount - 3)];
  gw::gateway::HttpRequest request{"POST", target, {}, requestFor(target)};
  gw::gateway::RequestContext ctx{1700000000000, 0.5, "127.0.0.1"};
  gw::gateway::Step step = gateway->plan(request, ctx);
  if (step.kind != gw::gateway::Step::Kind::Call) return 0;
  static const int kStatuses[] = {200, 200, 400, 429, 500, 503, 0};
  std::vector<gw::vocab::UpstreamResponse> responses(step.call.requests.size());
  for (auto& r : responses) {
    r.status = kStatuses[data[1] % 7];
    r.headers = {{"content-type", data[1] & 0x80 ? "text/plain" : "application/json"}};
    r.body = std::string_view(reinterpret_cast<const char*>(data + 2), size - 2);
  }
  gw::gateway::Step done = gateway->finish(step.call.token, responses, ctx);
  if (done.kind == gw::gateway::Step::Kind::Reply && done.reply.status < 100) __builtin_trap();
  return 0;
}
