#pragma once
// Google PaLM API (v1beta3) translator (deprecated in MLflow 3.5).
#include "providers/provider.h"

namespace gw::providers {

/// The PaLM dialect's translator functions.
const DialectOps& palmOps();

}  // namespace gw::providers
