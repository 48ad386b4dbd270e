#pragma once
// One streamed response: upstream bytes in (split anywhere), client SSE bytes out.
#include <string>
#include <string_view>

namespace gw::gateway {

/// Translates one upstream stream. The only per-request object a host holds.
class StreamSession {
 public:
  virtual ~StreamSession() = default;
  /// Feeds upstream bytes; returns the SSE bytes to send to the client now.
  virtual std::string push(std::string_view bytes) = 0;
  /// Upstream ended (or failed: `upstreamError` non-empty). Returns the final
  /// bytes, including an error event if the stream was cut short.
  virtual std::string end(std::string_view upstreamError = {}) = 0;
  /// Whether content has been sent to the client (fallback is allowed only before).
  virtual bool started() const = 0;
  /// Whether the stream failed (an error event was emitted).
  virtual bool failed() const = 0;
};

}  // namespace gw::gateway
