#include "gateway/host_error.h"

#include "gateway/reply.h"
#include "gateway/router.h"

namespace gw::gateway {
namespace {

ErrorCode codeOf(HostError error) {
  switch (error) {
    case HostError::RequestTooLarge: return ErrorCode::RequestTooLarge;
    case HostError::ConfigInvalid: return ErrorCode::ConfigInvalid;
    default: return ErrorCode::Internal;
  }
}

std::string messageOf(HostError error, int64_t limitBytes) {
  switch (error) {
    case HostError::RequestTooLarge:
      return "The request body exceeds the gateway's limit of " + std::to_string(limitBytes) +
             " bytes.";
    case HostError::ConfigInvalid:
      return "The gateway configuration is invalid; see the gateway logs.";
    default: return "Internal Server Error";
  }
}

}  // namespace

std::optional<HostError> parseHostError(std::string_view id) {
  for (HostError error : {HostError::RequestTooLarge, HostError::Internal, HostError::ConfigInvalid}) {
    if (id == errorIdOf(codeOf(error))) return error;
  }
  return std::nullopt;
}

Reply hostErrorReply(HostError error, std::string_view target, int64_t limitBytes) {
  // The method does not change a path's surface; matchPath needs one.
  const PathMatch match = matchPath("POST", target);
  return errorReply(makeError(codeOf(error), messageOf(error, limitBytes)),
                    styleOf(surfaceOf(match.kind)));
}

}  // namespace gw::gateway
