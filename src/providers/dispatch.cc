// Dialect -> translator functions.
#include "providers/openai.h"
#include "providers/provider.h"

namespace gw::providers {

const DialectOps* opsFor(Dialect dialect) {
  switch (dialect) {
    case Dialect::OpenAI: return &openAIOps();
    default: return nullptr;
  }
}

}  // namespace gw::providers
