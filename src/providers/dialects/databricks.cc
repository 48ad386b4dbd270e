// Databricks serving endpoints (`databricks`, `databricks-model-serving`):
// OpenAI-compatible chat and embeddings at `{host}/serving-endpoints`.
// API reference: https://docs.databricks.com/api/workspace/servingendpoints/query
//
// Mostly data (src/providers/registry.cc): `host` is the base-URL key, the table
// appends `serving-endpoints` (and `https://` to a bare host name); `token` is
// sent as `Authorization: Bearer`. Our `api_base` replaces `{host}/serving-endpoints`.
// Chat replies go through MLflow's `DatabricksAdapter._normalize_content`: a
// list content keeps the text / image_url / input_audio parts, all-text lists
// are joined with "\n" (null when empty); other part types (e.g. `reasoning`)
// are filtered out, as in MLflow.
// Deviations (MLflow uses the Databricks SDK's credential chain):
//   * without `host` and `api_base` there is no workspace to call: a 500 naming the keys;
//   * OAuth M2M (`client_id` + `client_secret`, no `token`) needs a token exchange
//     this gateway does not make: a 501 naming the keys (use `token`).
#include "providers/dialects/databricks.h"

#include <algorithm>
#include <array>

namespace gw::providers {
namespace {

bool isDatabricks(const TranslateContext& ctx) { return ctx.spec.databricksWorkspace; }

bool hasKey(const TranslateContext& ctx, std::string_view key) {
  return !configString(ctx.endpoint, key).empty();
}

bool isSupportedPart(const Json& part) {
  static constexpr std::array<std::string_view, 3> kTypes = {"text", "image_url", "input_audio"};
  const Json* type = findMember(part, "type");
  return type && type->is_string() &&
         std::find(kTypes.begin(), kTypes.end(), type->get<std::string>()) != kTypes.end();
}

}  // namespace

Status compatibleConfigError(const TranslateContext& ctx) {
  if (isDatabricks(ctx) && !hasKey(ctx, "token") && hasKey(ctx, "client_id") &&
      hasKey(ctx, "client_secret")) {
    return makeError(ErrorCode::NotImplemented,
                     "Databricks OAuth M2M ('client_id'/'client_secret') needs a token exchange "
                     "this gateway does not make; configure 'token' for endpoint '" +
                         ctx.endpoint.name + "'.");
  }
  if (!baseUrlFor(ctx).empty()) return Status{};
  std::string keys = ctx.spec.baseUrlKey.empty() || ctx.spec.baseUrlKey == "api_base"
                         ? "'api_base'"
                         : "'" + std::string(ctx.spec.baseUrlKey) + "' or 'api_base'";
  return makeError(ErrorCode::Internal, "Endpoint '" + ctx.endpoint.name + "' (provider '" +
                                            std::string(ctx.spec.id) +
                                            "') has no base URL: set " + keys + " in its config.");
}

Json normalizedChatContent(const TranslateContext& ctx, Json content) {
  if (!isDatabricks(ctx) || !content.is_array()) return content;
  Json supported = Json::array();
  bool allText = true;
  for (const Json& part : content) {
    if (!isSupportedPart(part)) continue;
    allText = allText && part["type"] == "text";
    supported.push_back(part);
  }
  if (!allText) return supported;
  std::string text;
  for (size_t i = 0; i < supported.size(); ++i) {
    const Json* t = findMember(supported[i], "text");
    text += (i ? "\n" : "") + (t && t->is_string() ? t->get<std::string>() : std::string());
  }
  return text.empty() ? Json(nullptr) : Json(text);
}

}  // namespace gw::providers
