#pragma once
// Google-shaped errors for Gemini clients (MLflow 3's /gateway/gemini/... paths):
// `{"error":{"code":<HTTP status>,"message":...,"status":"INVALID_ARGUMENT"}}`, the body
// of a failed generateContent call and the data of a stream's failing event.
// API reference: https://ai.google.dev/gemini-api/docs/troubleshooting (error codes),
// https://cloud.google.com/apis/design/errors (the google.rpc.Status JSON form).
#include <string>
#include <string_view>

namespace gw::clients::gemini {

/// The canonical `status` for an HTTP status: 400 INVALID_ARGUMENT, 401 UNAUTHENTICATED,
/// 403 PERMISSION_DENIED, 404 NOT_FOUND, 405/501 UNIMPLEMENTED, 409 ABORTED,
/// 413/422 INVALID_ARGUMENT, 429 RESOURCE_EXHAUSTED, 499 CANCELLED, 502/503 UNAVAILABLE,
/// 504 DEADLINE_EXCEEDED, other 4xx FAILED_PRECONDITION, anything else INTERNAL.
std::string_view statusName(int httpStatus);

/// `{"error":{"code":httpStatus,"message":message,"status":statusName(httpStatus)}}`, compact.
std::string errorBody(int httpStatus, std::string_view message);

/// One SSE frame carrying that body (`data: {...}\n\n`): how a Gemini stream fails.
std::string errorFrame(int httpStatus, std::string_view message);

}  // namespace gw::clients::gemini
