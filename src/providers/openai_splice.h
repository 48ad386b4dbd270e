#pragma once
// The OpenAI dialect's fast paths: the upstream request spliced from the raw
// bytes of the client's body, and the unified response written straight from
// the scanned upstream body. They produce the same JSON values as the DOM
// translators in openai.cc, which stay in use for the MLflow 2.5–2.8 schema
// and for bodies that repeat a key.
#include "providers/provider.h"

namespace gw::providers {

/// `{"model": name, <body members except model and nulls>, "n": 1 when absent,
/// "stream_options": {"include_usage": true} when streaming and absent}`.
Outcome<UpstreamPlan> buildOpenAIRequestFromTape(const TranslateContext& ctx,
                                                 const JsonTape& body);

/// The unified chat / completions / embeddings response, with explicit nulls.
/// A chat message whose content is neither a string nor null (content parts,
/// which some providers normalise) goes through the DOM translator instead.
Outcome<std::string> parseOpenAIResponseToText(const TranslateContext& ctx,
                                               std::span<const JsonTape> bodies,
                                               std::string_view note);

}  // namespace gw::providers
