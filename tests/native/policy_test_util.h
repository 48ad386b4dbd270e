#pragma once
// Helpers for the policy tests: a gateway from inline YAML, requests, and
// scripted upstream responses. Time and randomness are always explicit.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "gateway/gateway.h"

namespace gw::testing {

/// Loads a gateway or fails the test.
inline std::shared_ptr<const gateway::Gateway> policyGateway(const std::string& yaml,
                                                             gateway::GatewayOptions options = {}) {
  auto loaded = gateway::Gateway::load(yaml, {}, options);
  if (!loaded.gateway) {
    ADD_FAILURE() << "config did not load: "
                  << (loaded.errors.empty() ? "" : loaded.errors.front().message);
  }
  return loaded.gateway;
}

/// An OpenAI endpoint served from a fake base URL (no key from the environment).
inline std::string openaiEndpoint(const std::string& name, const std::string& extra = "",
                                  const std::string& type = "llm/v1/chat") {
  return "  - name: " + name + "\n    endpoint_type: " + type +
         "\n    model:\n      provider: openai\n      name: gpt-4o-mini\n      config:\n"
         "        openai_api_key: sk-test\n        openai_api_base: https://" + name +
         ".example/v1\n" + extra;
}

/// A request whose views point into the strings it owns.
struct TestRequest {
  std::string method = "POST";
  std::string target;
  std::string body;
  vocab::Headers headers;

  gateway::HttpRequest http() const { return {method, target, headers, body}; }
};

inline TestRequest chatRequest(const std::string& target, const std::string& model = "",
                               bool stream = false) {
  TestRequest r;
  r.target = target;
  r.body = std::string("{") + (model.empty() ? "" : "\"model\": \"" + model + "\", ") +
           (stream ? "\"stream\": true, " : "") +
           "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
  return r;
}

inline gateway::RequestContext context(int64_t nowMs = 1700000000000, double random = 0.5,
                                       std::string clientKey = "10.0.0.1") {
  gateway::RequestContext ctx;
  ctx.nowMs = nowMs;
  ctx.random = random;
  ctx.clientKey = std::move(clientKey);
  return ctx;
}

/// An upstream response that keeps its body alive.
struct Upstream {
  int status = 200;
  std::string body;
  vocab::Headers headers{{"content-type", "application/json"}};
  bool timedOut = false;

  vocab::UpstreamResponse view() const {
    vocab::UpstreamResponse r;
    r.status = status;
    r.headers = headers;
    r.body = body;
    r.timedOut = timedOut;
    return r;
  }
};

inline Upstream chatOk() {
  return Upstream{200, R"({"id": "c1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hello"},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})"};
}

inline Upstream failure(int status, vocab::Headers extra = {}) {
  Upstream u{status, R"({"error": {"message": "upstream says no", "type": "server_error"}})"};
  for (auto& h : extra) u.headers.push_back(std::move(h));
  return u;
}

inline Upstream timeout() { return Upstream{0, "", {}, true}; }

/// finish() with one response.
inline gateway::Step finishWith(const gateway::Gateway& gw, const std::string& token,
                                const Upstream& upstream, const gateway::RequestContext& ctx) {
  vocab::UpstreamResponse r = upstream.view();
  return gw.finish(token, std::span(&r, 1), ctx);
}

/// A header's value ("" when absent).
inline std::string header(const vocab::Headers& headers, const std::string& name) {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace gw::testing
