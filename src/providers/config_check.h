#pragma once
// A provider's own load-time rules: MLflow's per-provider validators (OpenAI/Azure
// cross-field rules, AI21 model names, MosaicML chat models) and the gateway's (the
// mock's settings, an inline provider's API keys). A row names its rules
// (`ProviderSpec::configRules`, `modelRules`); config/ runs them through this
// interface and places what they report (file position, key path), so a rule is
// written beside its provider and never sees YAML.
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "vocab/route_type.h"

namespace gw::providers {

/// One endpoint's `model:` block, as a rule sees it.
class ConfigCheck {
 public:
  virtual ~ConfigCheck() = default;
  /// The endpoint's route type; nullopt when the entry states none.
  virtual std::optional<vocab::RouteType> routeType() const = 0;
  /// The model name as MLflow renders it ("None" when it is missing).
  virtual std::string modelName() const = 0;
  /// The converted `config:` (secrets resolved). A rule may normalise values in it.
  virtual Json& config() = 0;
  /// Whether `key` is written in `config:` with a non-null value.
  virtual bool isSet(std::string_view key) const = 0;
  /// The text of `key` when it is set and a scalar; reports a type error at the key
  /// ("a string") and returns nullopt when it is set but not a scalar; nullopt when unset.
  virtual std::optional<std::string> text(std::string_view key) = 0;
  /// Reports an error at `key` of `config:` (empty: at the `config:` block itself).
  virtual void error(std::string message, std::string_view key = {}) = 0;
  /// Reports a warning at `key` of `config:` (empty: at the `config:` block itself).
  virtual void warn(std::string message, std::string_view key = {}) = 0;
  /// Reports an error at the model name (or the `model:` block when it has none).
  virtual void modelNameError(std::string message) = 0;
};

}  // namespace gw::providers
