// libFuzzer target: request validation and every provider's request translator.
// Byte 0 picks the path, the rest is the request body.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto gateway = gw::fuzz::loadFuzzGateway();
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  gw::gateway::HttpRequest request;
  request.method = data[0] == 0xFF ? "GET" : "POST";
  request.target = gw::fuzz::kTargets[data[0] % gw::fuzz::kTargetCount];
  request.body = body;
  gw::gateway::RequestContext ctx{1700000000000, 0.5, "127.0.0.1"};
  gw::gateway::Step step = gateway->plan(request, ctx);
  if (step.kind == gw::gateway::Step::Kind::Reply && step.reply.status < 100) __builtin_trap();
  return 0;
}
