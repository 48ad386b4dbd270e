#pragma once
// Anthropic-shaped errors: `{"type":"error","error":{"type":...,"message":...}}`,
// the body of a failed `/v1/messages` call and the data of a stream's `error` event.
// API reference: https://docs.anthropic.com/en/api/errors
#include <string>
#include <string_view>

#include "core/status.h"

namespace gw::clients::anthropic {

/// Anthropic's `error.type` for an HTTP status: 400 invalid_request_error,
/// 401 authentication_error, 402 billing_error, 403 permission_error,
/// 404 not_found_error, 413 request_too_large, 429 rate_limit_error,
/// 504 timeout_error, 529 overloaded_error, other 5xx api_error, other 4xx
/// invalid_request_error (Anthropic uses it for unlisted 4xx), anything else api_error.
std::string_view errorType(int httpStatus);

/// Whether `type` is one of the `error.type` values above.
bool isErrorType(std::string_view type);

/// The `error.type` for a Status: `detail["type"]` when it already names an
/// Anthropic error type (e.g. "overloaded_error" from an Anthropic upstream's
/// stream, see stream::streamError), otherwise `errorType(error.status())`.
std::string_view errorTypeOf(const Status& error);

/// `{"type":"error","error":{"type":<type>,"message":<message>}}`, compact.
std::string errorBody(std::string_view type, std::string_view message);

/// `errorBody(errorType(httpStatus), message)`.
std::string errorBody(int httpStatus, std::string_view message);

}  // namespace gw::clients::anthropic
