#pragma once
// Finishing invocations: the upstream responses of an attempt, mapped to the
// client's reply, or a Retry (retries and fallback are failover.h).
#include <span>

#include "gateway/attempt.h"
#include "gateway/gateway.h"

namespace gw::gateway {

/// Maps the upstream responses of an attempt to the client's reply (or a Retry).
Step finishInvocation(const Gateway& gateway, const Attempt& attempt,
                      std::span<const vocab::UpstreamResponse> responses,
                      const RequestContext& ctx);

}  // namespace gw::gateway
