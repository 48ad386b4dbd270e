// libFuzzer target: the YAML config loader must never crash, hang or leak on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view yaml(reinterpret_cast<const char*>(data), size);
  gw::config::LoadInputs inputs;
  inputs.env["OPENAI_API_KEY"] = "sk-fuzz";
  inputs.env["ANTHROPIC_API_KEY"] = "sk-ant-fuzz";
  gw::config::LoadResult result = gw::config::loadConfig(yaml, inputs);
  (void)gw::config::keyFileCandidates(yaml);
  // A config without errors must exist; with errors it must not.
  if (result.errors.empty() != (result.config != nullptr)) __builtin_trap();
  return 0;
}
