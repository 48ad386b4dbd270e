#pragma once
// Shared by the request/response/stream fuzz targets: one gateway with an
// endpoint per provider dialect, loaded from tests/fuzz/gateway.yaml.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "gateway/gateway.h"

namespace gw::fuzz {

inline std::shared_ptr<const gateway::Gateway> loadFuzzGateway() {
  std::ifstream in(std::string(GW_SOURCE_DIR) + "/tests/fuzz/gateway.yaml");
  std::ostringstream text;
  text << in.rdbuf();
  config::LoadInputs inputs;
  std::ifstream envFile(std::string(GW_SOURCE_DIR) + "/tests/conformance/env.json");
  std::ostringstream envText;
  envText << envFile.rdbuf();
  Json env = Json::parse(envText.str());
  for (auto it = env.begin(); it != env.end(); ++it) inputs.env[it.key()] = it.value();
  auto loaded = gateway::Gateway::load(text.str(), inputs);
  if (!loaded.gateway) __builtin_trap();
  return loaded.gateway;
}

/// The invocation targets the fuzzers pick from with their first byte.
inline const char* const kTargets[] = {
    "/endpoints/openai-chat/invocations",    "/gateway/openai-completions/invocations",
    "/endpoints/openai-embeddings/invocations", "/endpoints/anthropic-chat/invocations",
    "/endpoints/anthropic-completions/invocations", "/endpoints/gemini-chat/invocations",
    "/endpoints/gemini-embeddings/invocations", "/endpoints/cohere-chat/invocations",
    "/endpoints/bedrock-chat/invocations",   "/endpoints/bedrock-completions/invocations",
    "/endpoints/bedrock-embeddings/invocations", "/endpoints/mistral-chat/invocations",
    "/endpoints/togetherai-completions/invocations", "/endpoints/palm-chat/invocations",
    "/endpoints/mosaicml-chat/invocations",  "/endpoints/tgi-completions/invocations",
    "/endpoints/serving-chat/invocations",   "/endpoints/ai21-completions/invocations",
    "/endpoints/mock-chat/invocations",      "/v1/chat/completions",
    "/v1/embeddings",                        "/api/2.0/endpoints/",
};
inline constexpr size_t kTargetCount = sizeof(kTargets) / sizeof(kTargets[0]);

}  // namespace gw::fuzz
