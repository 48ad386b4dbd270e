#pragma once
// TogetherAI: OpenAI-shaped chat, completions (max_tokens required) and
// embeddings.
#include "providers/provider.h"

namespace gw::providers {

/// The TogetherAI dialect's translator functions.
const DialectOps& togetherAIOps();

}  // namespace gw::providers
