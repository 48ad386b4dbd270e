#pragma once
// Invocations of `mock` endpoints, answered inside the core (no upstream call).
// The provider itself is providers/mock.h; this file connects it to the
// gateway's attempt machinery.
#include <string>

#include "gateway/attempt.h"
#include "gateway/gateway.h"

namespace gw::gateway {

/// Answers an attempt on a `mock` endpoint. The mock's answer is run through
/// finishInvocation exactly like an upstream response, so error mapping,
/// retries, fallback and the MLflow 2.5–2.8 `candidates` shape behave as for a
/// real provider; a successful stream runs through a stream session like an
/// upstream stream (gateway/stream_session.h) and becomes a Reply whose `chunks`
/// are the SSE events it rendered (`data: [DONE]` last on /v1 only). The endpoint's `latency_ms` is added to the delay of
/// the resulting Reply or Retry.
Step answerWithMock(const Gateway& gateway, const Attempt& attempt,
                    const vocab::Endpoint& endpoint, const providers::ProviderSpec& spec,
                    const Json& unified, const RequestContext& ctx);

/// The uniform value in [0, 1) that the mock compares with `fail_rate`.
///
/// It is `random` itself, except on the first attempt of a traffic-split route:
/// there `random` already chose the destination, so it is rescaled within the
/// chosen destination's share (still uniform, but independent of the choice).
/// Otherwise a 50/50 split onto a mock with fail_rate 0.5 would always fail.
double mockFailureDraw(const config::Config& config, const Attempt& attempt, double random);

}  // namespace gw::gateway
