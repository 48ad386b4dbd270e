#pragma once
// AI21 Labs (Jurassic-2 complete API) translator.
#include "providers/provider.h"

namespace gw::providers {

/// The AI21 dialect's translator functions.
const DialectOps& ai21Ops();

}  // namespace gw::providers
