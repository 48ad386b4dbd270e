// Dialect -> translator functions.
#include "providers/ai21.h"
#include "providers/anthropic.h"
#include "providers/bedrock.h"
#include "providers/cohere.h"
#include "providers/gemini.h"
#include "providers/mistral.h"
#include "providers/mlflow_serving.h"
#include "providers/mock.h"
#include "providers/mosaicml.h"
#include "providers/openai.h"
#include "providers/palm.h"
#include "providers/provider.h"
#include "providers/tgi.h"
#include "providers/togetherai.h"

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
