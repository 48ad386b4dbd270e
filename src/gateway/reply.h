#pragma once
// Rendering replies: JSON bodies and errors in the shape of the API surface.
#include "core/status.h"
#include "gateway/gateway.h"
#include "schema/request.h"

namespace gw::gateway {

/// Error body shapes: MLflow's `{"detail": ...}`, OpenAI's `{"error": {...}}` or
/// Anthropic's `{"type": "error", "error": {"type", "message"}}`.
enum class ErrorStyle { Mlflow, OpenAI, Anthropic, Gemini };

/// A JSON reply with `content-type: application/json`.
Reply jsonReply(int status, const Json& body);
/// A reply whose body is already serialised JSON.
Reply rawJsonReply(int status, std::string body);
/// An error reply in the given style, status from the Status.
Reply errorReply(const Status& status, ErrorStyle style);

/// The error style of a surface (see surfaceOf in gateway/router.h).
ErrorStyle styleOf(schema::Surface surface);

/// A Reply wrapped as a Step.
Step replyStep(Reply reply);

}  // namespace gw::gateway
