// Native micro-benchmark of the core: plan + finish for a ~1 KB chat request
// (and a ~100 KB one), the same work bench/core.mjs measures in Wasm.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "gateway/gateway.h"

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A ~100 KB request: the 1 KB one with its user message repeated.
gw::Json bigRequest(gw::Json request) {
  std::string text = request["messages"][1]["content"];
  std::string big;
  while (big.size() < 100 * 1024) big += text + " ";
  request["messages"][1]["content"] = big;
  return request;
}

double microsPerRequest(const gw::gateway::Gateway& gw, const std::string& body,
                        const std::string& upstream, int iterations) {
  gw::gateway::HttpRequest http{"POST", "/endpoints/chat/invocations", {}, body};
  gw::gateway::RequestContext ctx{1700000000000, 0.5, "127.0.0.1"};
  gw::vocab::UpstreamResponse response;
  response.status = 200;
  response.headers = {{"content-type", "application/json"}};
  response.body = upstream;
  size_t sink = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    gw::gateway::Step call = gw.plan(http, ctx);
    gw::gateway::Step done = gw.finish(call.call.token, {&response, 1}, ctx);
    sink += done.reply.body.size() + call.call.requests.front().body.size();
  }
  double elapsed = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (sink == 0) std::puts("unexpected empty output");
  return elapsed / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::string root = GW_SOURCE_DIR;
  gw::config::LoadInputs inputs;
  inputs.env["OPENAI_API_KEY"] = "sk-bench";
  auto loaded = gw::gateway::Gateway::load(readFile(root + "/bench/config.yaml"), inputs);
  if (!loaded.gateway) {
    std::fprintf(stderr, "config failed: %s\n", loaded.errors.front().message.c_str());
    return 1;
  }
  gw::Json fixtures = gw::Json::parse(readFile(root + "/bench/fixtures.json"));
  std::string small = fixtures["request"].dump();
  std::string big = bigRequest(fixtures["request"]).dump();
  std::string upstream = fixtures["upstream_response"].dump();
  microsPerRequest(*loaded.gateway, small, upstream, iterations / 10);  // warm-up
  double smallUs = microsPerRequest(*loaded.gateway, small, upstream, iterations);
  double bigUs = microsPerRequest(*loaded.gateway, big, upstream, std::max(1, iterations / 50));
  std::printf("{\"runtime\":\"native\",\"request_bytes\":%zu,\"us_per_request\":%.2f,"
              "\"big_request_bytes\":%zu,\"big_us_per_request\":%.2f}\n",
              small.size(), smallUs, big.size(), bigUs);
  return 0;
}
