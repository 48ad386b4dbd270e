#include "clients/gemini/errors.h"

#include "core/json_writer.h"

namespace gw::clients::gemini {

std::string_view statusName(int httpStatus) {
  switch (httpStatus) {
    case 400:
    case 413:
    case 422: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 405:
    case 501: return "UNIMPLEMENTED";
    case 409: return "ABORTED";
    case 429: return "RESOURCE_EXHAUSTED";
    case 499: return "CANCELLED";
    case 502:
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: break;
  }
  return httpStatus >= 400 && httpStatus < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
}

std::string errorBody(int httpStatus, std::string_view message) {
  JsonWriter w(64 + message.size());
  w.beginObject();
  w.key("error");
  w.beginObject();
  w.key("code");
  w.integer(httpStatus);
  w.key("message");
  w.string(message);
  w.key("status");
  w.string(statusName(httpStatus));
  w.endObject();
  w.endObject();
  return w.take();
}

std::string errorFrame(int httpStatus, std::string_view message) {
  return "data: " + errorBody(httpStatus, message) + "\n\n";
}

}  // namespace gw::clients::gemini
