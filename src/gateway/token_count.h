#pragma once
// `POST /v1/messages/count_tokens` on an endpoint without a native lane (one whose
// provider has no token-counting API the gateway can reach): the documented
// estimate (clients/anthropic/token_estimate.h), marked `x-gateway-token-count:
// estimate`. With a native lane the provider counts (gateway/native_lane.h) and
// the header says `provider`.
#include "core/json_tape.h"
#include "gateway/attempt.h"
#include "gateway/gateway.h"

namespace gw::gateway {

/// `{"input_tokens": N}` estimated from `body`, or a 400 naming the bad field.
Step estimateTokenCount(const Attempt& attempt, JsonRef body);

}  // namespace gw::gateway
