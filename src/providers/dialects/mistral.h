#pragma once
// Mistral AI: OpenAI-shaped chat and embeddings; completions through chat.
#include "providers/provider.h"

namespace gw::providers {

/// The Mistral dialect's translator functions.
const DialectOps& mistralOps();

}  // namespace gw::providers
