#pragma once
// MosaicML inference API translator (deprecated in MLflow 3.5).
#include <string>

#include "providers/config_check.h"
#include "providers/provider.h"

namespace gw::providers {

/// The MosaicML dialect's translator functions.
const DialectOps& mosaicMLOps();
/// MLflow's MosaicML rule: a chat endpoint's model starts with "llama2".
void mosaicMLModelRules(ConfigCheck& check);

/// MLflow's Llama-2 chat prompt for `messages` (exposed for tests), or a 422.
Outcome<std::string> llama2Prompt(const Json& messages);

}  // namespace gw::providers
