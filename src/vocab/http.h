#pragma once
// The upstream HTTP exchange as the core describes it to the host: the requests
// it asks the host to send and the responses the host hands back. Shared by
// stream/ (framing), providers/ (translators) and gateway/ (the step machine).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"

namespace gw::vocab {

/// Header list; names are lower-case.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// How an upstream streaming body is framed.
enum class StreamFraming { None, Sse, Ndjson, AwsEventStream };

/// One HTTP request for the host to send.
struct UpstreamRequest {
  std::string method = "POST";
  std::string url;
  Headers headers;
  std::string body;
  StreamFraming framing = StreamFraming::None;
  /// AWS SigV4 parameters ({region, service, access_key_id, secret_access_key,
  /// session_token?}) when the host must sign this request; null otherwise.
  Json signing;
};

/// One upstream HTTP response handed back by the host.
struct UpstreamResponse {
  int status = 0;      ///< 0 = no response (network error / timeout)
  Headers headers;
  std::string_view body;
  bool timedOut = false;
  bool firstByteTimedOut = false;  ///< (with timedOut) the first-byte timeout fired, not the total
};

}  // namespace gw::vocab
