#include "clients/anthropic/errors.h"

#include "core/json_writer.h"

namespace gw::clients::anthropic {
namespace {

constexpr std::string_view kErrorTypes[] = {
    "invalid_request_error", "authentication_error", "billing_error",    "permission_error",
    "not_found_error",       "request_too_large",    "rate_limit_error", "api_error",
    "timeout_error",         "overloaded_error",
};

// The table's own view of `type` (static storage), or empty when it is not an error type.
std::string_view knownType(std::string_view type) {
  for (std::string_view known : kErrorTypes) {
    if (type == known) return known;
  }
  return {};
}

}  // namespace

std::string_view errorType(int httpStatus) {
  switch (httpStatus) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 402: return "billing_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 504: return "timeout_error";
    case 529: return "overloaded_error";
    default: break;
  }
  if (httpStatus >= 400 && httpStatus < 500) return "invalid_request_error";
  return "api_error";
}

bool isErrorType(std::string_view type) { return !knownType(type).empty(); }

std::string_view errorTypeOf(const Status& error) {
  const Json* type = error.detail ? findMember(*error.detail, "type") : nullptr;
  std::string_view known =
      type && type->is_string() ? knownType(type->get_ref<const std::string&>()) : std::string_view();
  return known.empty() ? errorType(error.status()) : known;
}

std::string errorBody(std::string_view type, std::string_view message) {
  JsonWriter w(64 + type.size() + message.size());
  w.beginObject();
  w.key("type");
  w.string("error");
  w.key("error");
  w.beginObject();
  w.key("type");
  w.string(type);
  w.key("message");
  w.string(message);
  w.endObject();
  w.endObject();
  return w.take();
}

std::string errorBody(int httpStatus, std::string_view message) {
  return errorBody(errorType(httpStatus), message);
}

}  // namespace gw::clients::anthropic
