#pragma once
// The few Databricks (and OpenAI-compatible-family) rules the OpenAI dialect
// cannot express as provider-table data. See databricks.cc.
#include "providers/provider.h"

namespace gw::providers {

/// An error when an OpenAI-dialect endpoint cannot be called as configured
/// (no base URL; Databricks OAuth M2M, which needs a token exchange); ok otherwise.
Status compatibleConfigError(const TranslateContext& ctx);

/// A chat reply's `message.content` as the provider's adapter maps it: for
/// Databricks, MLflow's `DatabricksAdapter._normalize_content`; others unchanged.
Json normalizedChatContent(const TranslateContext& ctx, Json content);

}  // namespace gw::providers
