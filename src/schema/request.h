#pragma once
// Request validation for the three route types, in both wire schemas.
//
// MLflow 2.5–2.8 ("G1"): prompt/messages/text, candidate_count 1..5, temperature 0..1.
// MLflow 2.9+ ("G2", OpenAI-like): n >= 1, temperature 0..2, `input` for embeddings.
// Both validate to one *unified request*: a G2-shaped JSON object that every
// provider translator consumes. Unknown keys pass through untouched.
#include "config/config.h"
#include "core/status.h"

namespace gw::schema {

/// Which request/response schema the client speaks.
enum class WireSchema {
  Candidates,  ///< MLflow 2.5–2.8 `candidates` + `metadata`
  OpenAILike,  ///< MLflow 2.9+ `choices` + `usage`
};

/// Where the request came in; decides the `model` rule and the error shape.
enum class Surface {
  Invocations,  ///< /gateway/{name}/invocations, /endpoints/{name}/invocations
  OpenAI,       ///< /v1/chat/completions, /v1/completions, /v1/embeddings
};

/// Validates `body` (already parsed) and returns the unified request. On failure
/// the Status is a 422 whose `detail` is a FastAPI-style list naming each field.
Outcome<Json> validateRequest(config::RouteType type, WireSchema schema, Surface surface,
                              Json body);

/// Whether the unified request asks for a stream.
bool wantsStream(const Json& unified);

}  // namespace gw::schema
