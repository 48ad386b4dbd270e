#pragma once
// AI21 Labs (Jurassic-2 complete API) translator.
#include "providers/config_check.h"
#include "providers/provider.h"

namespace gw::providers {

/// The AI21 dialect's translator functions.
const DialectOps& ai21Ops();
/// MLflow's AI21Labs rule: the model is one of j2-ultra, j2-mid, j2-light.
void ai21ModelRules(ConfigCheck& check);

}  // namespace gw::providers
