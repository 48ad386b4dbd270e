#pragma once
// Request validation for the three route types, in both wire schemas.
//
// MLflow 2.5–2.8 ("G1"): prompt/messages/text, candidate_count 1..5, temperature 0..1.
// MLflow 2.9+ ("G2", OpenAI-like): n >= 1, temperature 0..2, `input` for embeddings.
// Both validate to one *unified request*: a G2-shaped JSON object that every
// provider translator consumes. Unknown keys pass through untouched.
#include "vocab/route_type.h"
#include "core/json_tape.h"
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
  Anthropic,    ///< /v1/messages (translated to the unified chat request first, clients/anthropic)
  Gemini,       ///< /gateway/gemini/v1beta/models/{name}:generateContent (clients/gemini)
  Responses,    ///< /v1/responses (OpenAI Responses; clients/responses, native on OpenAI)
};

/// A request body that passed validation. It keeps the scanned body (a view of
/// the request bytes, which must outlive it); the unified request is built as a
/// DOM only when a translator asks for one.
class ValidatedRequest {
 public:
  ValidatedRequest(JsonTape body, vocab::RouteType type, WireSchema schema)
      : body_(std::move(body)), type_(type), schema_(schema) {}

  /// Whether the client asked for a stream (`"stream": true`).
  bool stream() const;
  /// The unified request as a DOM: the body without `model`; MLflow 2.5–2.8
  /// bodies converted (candidate_count -> n, temperature x2, text -> input).
  Json unified() const;
  /// The scanned body when the unified request is exactly its root object minus
  /// the `model` member (MLflow 2.9+ schema, no repeated keys), for translators
  /// that splice raw bytes; null when only `unified()` describes the request.
  const JsonTape* spliceableBody() const;

 private:
  JsonTape body_;
  vocab::RouteType type_;
  WireSchema schema_;
};

/// Validates a scanned body. On failure the Status is a 422 whose `detail` is a
/// FastAPI-style list naming each field.
Outcome<ValidatedRequest> validateRequest(vocab::RouteType type, WireSchema schema,
                                          Surface surface, JsonTape body);

}  // namespace gw::schema
