// `model:` of an endpoint: provider lookup, provider `config:` (known and required keys,
// secrets), then the provider's own rules, which its row names (providers/config_check.h).
#include <algorithm>
#include <cctype>

#include "config/rules.h"
#include "providers/config_check.h"
#include "providers/registry.h"

namespace gw::config::detail {
namespace {

using providers::ProviderSpec;

constexpr std::string_view kModelKeys[] = {"provider", "name", "config"};

const ProviderSpec* parseProvider(const MapView& view, SourcePos modelPos,
                                  const std::string& path, ModelSpec& model, Ctx& ctx) {
  const Entry* entry = view.findSet("provider");
  if (entry == nullptr) {
    ctx.error("A provider must be provided for each gateway route.", modelPos, path);
    return nullptr;
  }
  auto text = requireString(ctx, *entry, path + ".provider");
  if (!text) return nullptr;
  const ProviderSpec* spec = providers::findProvider(*text);
  if (spec == nullptr) {
    ctx.error("The provider " + squote(*text) + " is not supported.", entry->valuePos,
              path + ".provider");
    return nullptr;
  }
  model.provider = std::string(spec->id);
  model.providerAsWritten = *text;
  return spec;
}

void checkRequiredKeys(const ProviderSpec& spec, const Entry& config, const MapView& view,
                       const std::string& path, Ctx& ctx) {
  for (std::string_view key : spec.requiredKeys) {
    const Entry* entry = view.find(key);
    if (entry == nullptr) {
      ctx.error("Missing required config key " + squote(key) + " for provider " +
                    squote(spec.id) + ".",
                config.valuePos, path);
    } else if (entry->value.isNull() && !providers::isSecretKey(key)) {
      typeError(ctx, "a string", *entry, path + "." + entry->key);  // secrets: see secrets.cc
    }
  }
}

// What a provider's own rules see of this `model:` block (providers/config_check.h):
// rules report by key, this places the report (file position, key path).
class ModelBlockCheck final : public providers::ConfigCheck {
 public:
  /// `modelView` is the `model:` map; it outlives the check.
  ModelBlockCheck(const EndpointDraft& draft, const Entry& model, const MapView& modelView, Ctx& ctx)
      : draft_(draft), model_(model), ctx_(ctx), name_(modelView.findSet("name")) {}
  /// The `config:` block while its rules run (the view and JSON live only that long).
  void attachConfig(const Entry& config, const MapView& view, Json& json) {
    config_ = &config;
    view_ = &view;
    json_ = &json;
  }
  void detachConfig() {
    view_ = nullptr;
    json_ = nullptr;
  }
  std::optional<RouteType> routeType() const override {
    return draft_.hasType ? std::optional(draft_.endpoint.type) : std::nullopt;
  }
  // Python renders a missing model name as None.
  std::string modelName() const override {
    return name_ != nullptr ? draft_.endpoint.model.name : "None";
  }
  Json& config() override { return json_ != nullptr ? *json_ : empty_; }
  bool isSet(std::string_view key) const override {
    return view_ != nullptr && view_->findSet(key) != nullptr;
  }
  std::optional<std::string> text(std::string_view key) override {
    const Entry* entry = view_ != nullptr ? view_->findSet(key) : nullptr;
    return entry != nullptr ? requireString(ctx_, *entry, keyPath(key)) : std::nullopt;
  }
  void error(std::string message, std::string_view key) override {
    ctx_.error(std::move(message), posOf(key), keyPath(key));
  }
  void warn(std::string message, std::string_view key) override {
    ctx_.warn(std::move(message), posOf(key), keyPath(key));
  }
  void modelNameError(std::string message) override {
    ctx_.error(std::move(message), name_ != nullptr ? name_->valuePos : model_.valuePos,
               draft_.path + ".model.name");
  }

 private:
  std::string keyPath(std::string_view key) const {
    std::string path = draft_.path + ".model.config";
    return key.empty() ? path : path + "." + std::string(key);
  }
  SourcePos posOf(std::string_view key) const {
    const Entry* entry = key.empty() || view_ == nullptr ? nullptr : view_->find(key);
    if (entry != nullptr) return entry->valuePos;
    return config_ != nullptr ? config_->valuePos : model_.valuePos;
  }

  const EndpointDraft& draft_;
  const Entry& model_;
  Ctx& ctx_;
  const Entry* config_ = nullptr;
  const MapView* view_ = nullptr;
  Json* json_ = nullptr;
  const Entry* name_;
  Json empty_ = Json::object();
};

void applyConfig(const ProviderSpec& spec, const Entry& config, EndpointDraft& draft,
                 ModelBlockCheck& check, Ctx& ctx) {
  const std::string path = draft.path + ".model.config";
  const MapView view(config.value);
  checkKeys(ctx, view, spec.knownKeys, path, spec.id);
  checkRequiredKeys(spec, config, view, path, ctx);
  Json json = convertConfig(config.value, path, draft.disabledBy.empty(), ctx);
  if (spec.configRules != nullptr) {
    check.attachConfig(config, view, json);
    spec.configRules(check);
    check.detachConfig();
  }
  draft.endpoint.model.config = std::move(json);
}

// MLflow only fails per request (501); a warning says so at load time.
void warnUnsupportedType(const ProviderSpec& spec, const EndpointDraft& draft, Ctx& ctx) {
  if (!draft.hasType || (spec.routeTypes & vocab::bitOf(draft.endpoint.type)) != 0) return;
  ctx.warn("Provider " + squote(spec.id) + " does not implement " +
               routeTypeName(draft.endpoint.type) + " in this gateway; requests to " +
               (draft.hasName ? squote(draft.endpoint.name) : draft.path) +
               " will be answered with 501.",
           draft.endpoint.pos, draft.path + ".model.provider");
}

}  // namespace

void parseModel(const Entry& entry, EndpointDraft& draft, Ctx& ctx) {
  const std::string path = draft.path + ".model";
  if (!entry.value.isMap()) {
    typeError(ctx, "a map", entry, path);
    return;
  }
  const MapView view(entry.value);
  checkKeys(ctx, view, kModelKeys, path);
  ModelSpec& model = draft.endpoint.model;
  if (const Entry* name = view.findSet("name")) {
    if (auto text = requireString(ctx, *name, path + ".name")) model.name = *text;
  }
  const ProviderSpec* spec = parseProvider(view, entry.valuePos, path, model, ctx);
  if (spec == nullptr) return;
  const Entry* config = view.findSet("config");
  ModelBlockCheck check(draft, entry, view, ctx);
  if (config == nullptr && !spec->configOptional) {
    ctx.error("A config must be supplied when setting a provider. The provider entry for " +
                  std::string(spec->id) + " is incorrect.",
              entry.valuePos, path);
  } else if (config != nullptr && !config->value.isMap()) {
    typeError(ctx, "a map", *config, path + ".config");
  } else if (config != nullptr) {
    applyConfig(*spec, *config, draft, check, ctx);
  }
  if (spec->modelRules != nullptr) spec->modelRules(check);
  warnUnsupportedType(*spec, draft, ctx);
}

}  // namespace gw::config::detail
