#pragma once
// Hugging Face Text Generation Inference translator.
#include "providers/provider.h"

namespace gw::providers {

/// The HuggingFaceTGI dialect's translator functions.
const DialectOps& tgiOps();

}  // namespace gw::providers
