#pragma once
// Answers for failures the host detects before or around the core: the request
// body cap (413), a failure inside the host (500) and a configuration that does
// not load (500). Their bodies come from the error table (core/errors.def) in the
// shape of the surface the request target belongs to (surfaceOf, gateway/router.h),
// like every answer of the core. Upstream transport failures are not here: the
// host reports them to `finish` (status 0), which answers the 502.
#include <cstdint>
#include <optional>
#include <string_view>

#include "gateway/gateway.h"

namespace gw::gateway {

enum class HostError {
  RequestTooLarge,  ///< the body is over the host's cap (`limitBytes`)
  Internal,         ///< the host failed (never carries the error's text)
  ConfigInvalid,    ///< the configuration does not load (the details go to the host's log)
};

/// Parses a wire id ("request_too_large", "internal_error", "invalid_configuration").
std::optional<HostError> parseHostError(std::string_view id);

/// The reply for `error` on a request for `target` ("/path?query").
Reply hostErrorReply(HostError error, std::string_view target, int64_t limitBytes = 0);

}  // namespace gw::gateway
