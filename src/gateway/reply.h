#pragma once
// Rendering replies: JSON bodies and errors in the shape of the API surface.
#include "core/status.h"
#include "gateway/gateway.h"

namespace gw::gateway {

/// Error body shapes: MLflow's `{"detail": ...}` or OpenAI's `{"error": {...}}`.
enum class ErrorStyle { Mlflow, OpenAI };

/// A JSON reply with `content-type: application/json`.
Reply jsonReply(int status, const Json& body);
/// A reply whose body is already serialised JSON.
Reply rawJsonReply(int status, std::string body);
/// An error reply in the given style, status from the Status.
Reply errorReply(const Status& status, ErrorStyle style);

}  // namespace gw::gateway
