#pragma once
// OpenAI / Azure OpenAI / OpenAI-compatible translator.
#include "providers/provider.h"

namespace gw::providers {

/// The OpenAI dialect's translator functions.
const DialectOps& openAIOps();

}  // namespace gw::providers
