#pragma once
// The attempt token: everything finish/openStream/plan-again need, carried by
// the host between calls so the core keeps no per-request state.
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "gateway/gateway.h"
#include "providers/provider.h"
#include "schema/request.h"

namespace gw::gateway {

/// How an attempt's request reaches the provider.
enum class Lane {
  Translated,  ///< client dialect -> unified request -> provider dialect (and back)
  Native,      ///< the client's body as it is but for `model`; the answer's bytes untouched
  NativeCount, ///< the same for a token count (`/v1/messages/count_tokens`)
  Proxy,       ///< `/gateway/proxy/...`: any request relayed as it is, answer relayed as it is
  TranslatedCount, ///< a token count through the provider's own counting API (token_count.h)
};

/// Decoded attempt token.
struct Attempt {
  schema::Surface surface = schema::Surface::Invocations;
  schema::WireSchema schema = schema::WireSchema::OpenAILike;
  vocab::RouteType type = vocab::RouteType::Chat;
  std::string route;      ///< the name the client called
  std::string endpoint;   ///< the endpoint this attempt went to
  std::string primary;    ///< head of the fallback chain: the endpoint named, or the
                          ///< traffic-split destination drawn (its limit applies)
  int attempt = 1;        ///< 1-based attempt number on this endpoint
  int chainIndex = 0;     ///< position in [primary, fallbacks...]
  int totalAttempts = 1;  ///< attempts made so far across the chain
  bool stream = false;
  bool mlflowPath = true; ///< /gateway (true) vs /endpoints (false): 404 wording
  Lane lane = Lane::Translated;  ///< decided per attempt (a fallback may translate)
  std::string history;    ///< "endpoint:status,..." of earlier attempts
  std::string note;       ///< dialect state (last; may contain anything)
};

/// Serialises an attempt ("v1|...").
std::string encodeAttempt(const Attempt& attempt);
/// Parses a token; nullopt when it is not one of ours.
std::optional<Attempt> decodeAttempt(std::string_view token);

/// The Call step that sends `plan` for `attempt` to `endpoint` (token, timeouts, stream flag).
Step callStep(const vocab::Endpoint& endpoint, const Attempt& attempt, providers::UpstreamPlan plan);

/// The destination a traffic route draws for a first attempt (ctx.random), cooling
/// destinations left out while a healthy one remains; null when it has none.
const config::Destination* drawDestination(const config::TrafficRoute& route, const RequestContext& ctx);

}  // namespace gw::gateway
