#pragma once
// The native lane (docs/DIALECTS.md): when an attempt's endpoint speaks the
// client's dialect itself, the client's body goes upstream as it was sent but for
// `model` (and the auth headers), and the answer — JSON, stream or error — comes
// back byte for byte. Decided per attempt: a fallback to another provider translates.
#include <memory>

#include "core/json_tape.h"
#include "gateway/attempt.h"
#include "gateway/gateway.h"
#include "gateway/stream_session.h"
#include "providers/provider.h"

namespace gw::gateway {

/// The native lane the attempt's endpoint offers its client dialect, or null.
const providers::NativeLane* nativeLaneOf(const config::Config& config, const Attempt& attempt);

/// The Call forwarding `body` (scanned from `request.body`) on `lane` (sets
/// `attempt.stream`); a 400 in the client's dialect when `stream` is not a boolean.
Step planNativeCall(const Gateway& gateway, Attempt& attempt, const providers::NativeLane& lane,
                    const JsonTape& body, const HttpRequest& request, const RequestContext& ctx);

/// Adds the lane's `noteHeader` with the attempt's note (what the lane did not forward).
void addLaneNote(Headers& headers, const providers::NativeLane& lane, const Attempt& attempt);

/// The client's answer to a native 2xx (`lane` names the forwarded headers): the
/// upstream status, content type and bytes, plus the attempt headers.
Reply nativeSuccess(const config::Config& config, const Attempt& attempt,
                    const vocab::UpstreamResponse& response);

/// A native upstream error, status and body unchanged (the client's SDK and agent
/// read its text), plus the forwarded headers. Null `response`: not an HTTP error.
std::optional<Reply> nativeError(const config::Config& config, const Attempt& attempt,
                                 const vocab::UpstreamResponse* response);

/// The session relaying a native stream: bytes out as they came in, watched for the
/// dialect's terminal event so that a cut-off stream still ends with an error event.
std::unique_ptr<StreamSession> openNativeStream(const providers::NativeLane& lane,
                                                const Attempt& attempt);

}  // namespace gw::gateway
