#pragma once
// MLflow Model Serving (`/invocations`) translator.
#include "providers/provider.h"

namespace gw::providers {

/// The MlflowServing dialect's translator functions.
const DialectOps& mlflowServingOps();

}  // namespace gw::providers
