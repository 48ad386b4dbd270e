// `model:` of an endpoint: provider lookup, provider `config:` and the
// provider-specific rules MLflow checks at load time (OpenAI/Azure cross-field
// rules, AI21 model names, MosaicML chat models).
#include <algorithm>
#include <cctype>

#include "config/rules.h"
#include "providers/inline_compat.h"
#include "providers/mock/mock.h"
#include "providers/registry.h"

namespace gw::config::detail {
namespace {

using providers::ProviderSpec;

constexpr std::string_view kModelKeys[] = {"provider", "name", "config"};
constexpr std::string_view kAI21Models[] = {"j2-ultra", "j2-mid", "j2-light"};
constexpr std::string_view kOpenAIDefaultBase = "https://api.openai.com/v1";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Python renders a missing model name as None.
std::string pythonName(const ModelSpec& model, bool hasName) {
  return hasName ? model.name : "None";
}

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
    } else if (entry->value.IsNull() && !providers::isSecretKey(key)) {
      typeError(ctx, "a string", *entry, path + "." + entry->key);  // secrets: see secrets.cc
    }
  }
}

// Type "openai": no deployment name; default base URL (unless our `api_base` is set).
void openAITypeRules(const ProviderSpec& spec, const MapView& view, SourcePos configPos,
                     const std::string& path, Json& json, Ctx& ctx) {
  if (const Entry* deployment = view.findSet("openai_deployment_name")) {
    ctx.error("OpenAI route configuration can only specify a value for "
              "'openai_deployment_name' if 'openai_api_type' is 'azure' or 'azuread'. "
              "Found type: 'openai'",
              deployment->valuePos, path + ".openai_deployment_name");
  }
  if (!view.findSet("openai_api_base") && !view.findSet("api_base")) {
    json["openai_api_base"] = kOpenAIDefaultBase;
  }
  if (spec.id == "azure") {
    ctx.warn("Provider 'azure' is used with openai_api_type 'openai'; set openai_api_type to "
             "'azure' or 'azuread' for Azure OpenAI.",
             configPos, path);
  }
}

void azureTypeRules(const MapView& view, SourcePos configPos, const std::string& path,
                    Ctx& ctx) {
  if (const Entry* organization = view.findSet("openai_organization")) {
    ctx.error("OpenAI route configuration can only specify a value for 'openai_organization' "
              "if 'openai_api_type' is 'openai'",
              organization->valuePos, path + ".openai_organization");
  }
  if (!view.findSet("openai_api_base") || !view.findSet("openai_deployment_name") ||
      !view.findSet("openai_api_version")) {
    ctx.error("OpenAI route configuration must specify 'openai_api_base', "
              "'openai_deployment_name', and 'openai_api_version' if 'openai_api_type' is "
              "'azure' or 'azuread'.",
              configPos, path);
  }
}

// MLflow's OpenAIConfig._validate_field_compatibility; the type is stored lower-cased.
void openAIRules(const ProviderSpec& spec, const MapView& view, SourcePos configPos,
                 const std::string& path, Json& json, Ctx& ctx) {
  std::string type = "openai";
  SourcePos typePos = configPos;
  if (const Entry* entry = view.findSet("openai_api_type")) {
    auto text = requireString(ctx, *entry, path + ".openai_api_type");
    if (!text) return;
    type = lower(*text);
    typePos = entry->valuePos;
  }
  if (type == "openai") {
    openAITypeRules(spec, view, configPos, path, json, ctx);
  } else if (type == "azure" || type == "azuread") {
    azureTypeRules(view, configPos, path, ctx);
  } else {
    ctx.error("Invalid OpenAI API type " + squote(type), typePos, path + ".openai_api_type");
    return;
  }
  json["openai_api_type"] = type;
}

// The mock provider's settings are checked one by one (each error at its key) with the
// same reader the requests use (providers/mock.cc), so a bad value is a load error.
void mockSettingRules(const MapView& view, const Json& json, const std::string& path, Ctx& ctx) {
  for (const Entry& entry : view.entries()) {
    const Json* value = findMember(json, entry.key);
    if (value == nullptr || view.find(entry.key) != &entry) continue;
    Outcome<providers::mock::Settings> read = providers::mock::readSettings(Json{{entry.key, *value}});
    if (!read) ctx.error(read.error().message, entry.valuePos, path + "." + entry.key);
  }
}

void applyConfig(const ProviderSpec& spec, const Entry& config, EndpointDraft& draft,
                 Ctx& ctx) {
  const std::string path = draft.path + ".model.config";
  const MapView view(config.value);
  checkKeys(ctx, view, spec.knownKeys, path, spec.id);
  checkRequiredKeys(spec, config, view, path, ctx);
  Json json = convertConfig(config.value, path, draft.disabledBy.empty(), ctx);
  if (spec.id == "openai" || spec.id == "azure") {
    openAIRules(spec, view, config.valuePos, path, json, ctx);
  }
  if (providers::isInlineProvider(spec)) inlineProviderRules(view, json, path, draft, ctx);
  if (spec.id == "mock") mockSettingRules(view, json, path, ctx);
  draft.endpoint.model.config = std::move(json);
}

void checkModelName(const ProviderSpec& spec, const MapView& view, const Entry& model,
                    const EndpointDraft& draft, Ctx& ctx) {
  const Entry* nameEntry = view.findSet("name");
  const SourcePos pos = nameEntry != nullptr ? nameEntry->valuePos : model.valuePos;
  const std::string path = draft.path + ".model.name";
  const std::string name = pythonName(draft.endpoint.model, nameEntry != nullptr);
  if (spec.id == "ai21labs" &&
      std::find(std::begin(kAI21Models), std::end(kAI21Models), name) == std::end(kAI21Models)) {
    ctx.error("An Unsupported AI21Labs model has been specified: " + squote(name) +
                  ". Please see documentation for supported models.",
              pos, path);
  }
  if (spec.id == "mosaicml" && draft.hasType && draft.endpoint.type == RouteType::Chat &&
      !lower(name).starts_with("llama2")) {
    ctx.error("An invalid model has been specified for the chat route. " + squote(name) +
                  ". Ensure the model selected starts with one of: ['llama2']",
              pos, path);
  }
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
  if (!entry.value.IsMap()) {
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
  if (config == nullptr && spec->id != "mock") {
    ctx.error("A config must be supplied when setting a provider. The provider entry for " +
                  std::string(spec->id) + " is incorrect.",
              entry.valuePos, path);
  } else if (config != nullptr && !config->value.IsMap()) {
    typeError(ctx, "a map", *config, path + ".config");
  } else if (config != nullptr) {
    applyConfig(*spec, *config, draft, ctx);
  }
  checkModelName(*spec, view, entry, draft, ctx);
  warnUnsupportedType(*spec, draft, ctx);
}

}  // namespace gw::config::detail
