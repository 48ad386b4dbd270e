// Dialect -> translator functions.
#include "providers/dialects/ai21.h"
#include "providers/dialects/anthropic.h"
#include "providers/dialects/bedrock.h"
#include "providers/dialects/cohere.h"
#include "providers/dialects/gemini.h"
#include "providers/dialects/mistral.h"
#include "providers/dialects/mlflow_serving.h"
#include "providers/mock/mock.h"
#include "providers/dialects/mosaicml.h"
#include "providers/openai.h"
#include "providers/dialects/palm.h"
#include "providers/provider.h"
#include "providers/dialects/tgi.h"
#include "providers/dialects/togetherai.h"

namespace gw::providers {

const DialectOps* opsFor(Dialect dialect) {
  switch (dialect) {
    case Dialect::OpenAI: return &openAIOps();
    case Dialect::Anthropic: return &anthropicOps();
    case Dialect::Gemini: return &geminiOps();
    case Dialect::Cohere: return &cohereOps();
    case Dialect::Mistral: return &mistralOps();
    case Dialect::TogetherAI: return &togetherAIOps();
    case Dialect::Mock: return &mockOps();
    case Dialect::AI21: return &ai21Ops();
    case Dialect::MosaicML: return &mosaicMLOps();
    case Dialect::PaLM: return &palmOps();
    case Dialect::HuggingFaceTGI: return &tgiOps();
    case Dialect::MlflowServing: return &mlflowServingOps();
    case Dialect::Bedrock: return &bedrockOps();
    default: return nullptr;
  }
}

}  // namespace gw::providers
