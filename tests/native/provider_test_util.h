#pragma once
// Helpers for the vendor translator tests (anthropic, gemini, cohere, mistral,
// togetherai): a TranslateContext for a provider, and driving a ChunkTranslator
// with framed events directly (no framing parser involved).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "providers/provider.h"
#include "stream/chunk_translator.h"

namespace gw::testing {

/// An endpoint, its provider row and a context for one route type.
struct ProviderFixture {
  vocab::Endpoint endpoint;
  const providers::ProviderSpec* spec = nullptr;

  ProviderFixture(std::string_view provider, std::string model, Json config = Json::object()) {
    spec = providers::findProvider(provider);
    endpoint.name = "test";
    endpoint.model.provider = std::string(provider);
    endpoint.model.name = std::move(model);
    endpoint.model.config = std::move(config);
  }

  providers::TranslateContext ctx(vocab::RouteType type, bool stream = false) const {
    return providers::TranslateContext{endpoint, *spec, type, stream, 1700000000000};
  }

  const providers::DialectOps& ops() const { return *providers::opsOf(*spec); }
};

/// The result of feeding events to a translator.
struct StreamRun {
  std::vector<Json> chunks;
  Status error;  ///< the first error (from onEvent or onEnd), ok otherwise
};

/// Feeds `(name, data)` events, then ends the stream.
inline StreamRun runEvents(stream::ChunkTranslator& translator,
                           const std::vector<std::pair<std::string, std::string>>& events) {
  StreamRun run;
  for (const auto& [name, data] : events) {
    run.error = translator.onEvent(stream::Event{name, data}, run.chunks);
    if (!run.error.ok()) return run;
  }
  run.error = translator.onEnd(run.chunks);
  return run;
}

/// Compact JSON of a value, for readable expectations.
inline std::string compact(const Json& value) { return dumpJson(value); }

}  // namespace gw::testing
