#include "gateway/failover.h"

#include <algorithm>

#include "gateway/native_lane.h"
#include "gateway/reply.h"
#include "policy/retry.h"

namespace gw::gateway {
namespace {

// "timeout" / "unreachable" / the status the client would have seen.
std::string outcomeLabel(const Status& failure, const vocab::UpstreamResponse* response) {
  if (response && response->timedOut) return "timeout";
  if (response && response->status == 0) return "unreachable";
  return std::to_string(failure.status());
}

std::string appendHistory(std::string_view history, std::string_view endpoint,
                          std::string_view outcome) {
  std::string out(history);
  if (!out.empty()) out += ',';
  out += std::string(endpoint) + ":" + std::string(outcome);
  return out;
}

// The chain position of the failed attempt, trusting the token only when it agrees
// with the configuration.
policy::ChainPosition positionOf(const config::Config& config, const Attempt& attempt) {
  policy::ChainPosition pos;
  // A relayed raw request means something to its own endpoint only: no fallbacks.
  pos.chain = attempt.lane == Lane::Proxy
                  ? std::vector<std::string>{attempt.endpoint}
                  : fallbackChain(config, attempt.primary.empty() ? attempt.endpoint : attempt.primary);
  pos.index = attempt.chainIndex;
  if (pos.index < 0 || pos.index >= static_cast<int>(pos.chain.size()) ||
      pos.chain[pos.index] != attempt.endpoint) {
    auto it = std::find(pos.chain.begin(), pos.chain.end(), attempt.endpoint);
    pos.index = it == pos.chain.end() ? -1 : static_cast<int>(it - pos.chain.begin());
  }
  pos.attempt = attempt.attempt;
  pos.totalAttempts = attempt.totalAttempts;
  return pos;
}

Step finalError(const Gateway& gw, const Attempt& attempt, const Status& failure,
                const vocab::UpstreamResponse* response, std::string_view outcome) {
  // On the native lane the upstream's own error reaches the client unchanged.
  if (std::optional<Reply> native = nativeError(gw.config(), attempt, response)) {
    addAttemptHeaders(native->headers, attempt, outcome);
    return replyStep(std::move(*native));
  }
  Reply reply = errorReply(failure, styleOf(attempt.surface));
  addAttemptHeaders(reply.headers, attempt, outcome);
  // The upstream's own wait hint is worth passing on to a client that got its 429/503.
  int status = failure.status();
  if (response && (status == 429 || status == 503)) {
    for (const auto& [name, value] : response->headers) {
      if (name == "retry-after") reply.headers.emplace_back(name, value);
    }
  }
  return replyStep(std::move(reply));
}

}  // namespace

std::vector<std::string> fallbackChain(const config::Config& config, std::string_view primary) {
  std::vector<std::string> chain{std::string(primary)};
  if (const vocab::Endpoint* e = config.findEndpoint(primary)) {
    for (const std::string& name : e->fallbacks) {
      if (std::find(chain.begin(), chain.end(), name) == chain.end()) chain.push_back(name);
    }
  }
  return chain;
}

void startChain(const config::Config& config, Attempt& attempt, std::string_view primary,
                const RequestContext& ctx) {
  attempt.primary = std::string(primary);
  attempt.endpoint = attempt.primary;
  attempt.chainIndex = 0;
  if (ctx.breaker.empty()) return;
  std::vector<std::string> chain = fallbackChain(config, primary);
  for (size_t i = 0; i < chain.size(); ++i) {
    if (!policy::isCooling(ctx.breaker, chain[i], ctx.nowMs)) {
      attempt.endpoint = chain[i];
      attempt.chainIndex = static_cast<int>(i);
      return;
    }
  }
}

void addAttemptHeaders(Headers& headers, const Attempt& attempt, std::string_view outcome) {
  headers.emplace_back("x-gateway-endpoint", attempt.endpoint);
  headers.emplace_back("x-gateway-attempts", std::to_string(attempt.totalAttempts));
  headers.emplace_back("x-gateway-attempt-history",
                       appendHistory(attempt.history, attempt.endpoint, outcome));
}

// The endpoint's `circuit_breaker:` or the host's defaults; threshold 0 = never opens.
static policy::BreakerSettings breakerSettings(const Gateway& gw, const vocab::Endpoint* endpoint) {
  if (endpoint == nullptr || !endpoint->breaker) return gw.options().breaker;
  if (!endpoint->breaker->enabled) return policy::BreakerSettings{0, 0};
  return policy::BreakerSettings{endpoint->breaker->failures, endpoint->breaker->coolDownMs};
}

Step failedAttempt(const Gateway& gw, const Attempt& attempt, const Status& failure,
                   const vocab::UpstreamResponse* response, const RequestContext& ctx) {
  const bool timedOut = response && response->timedOut;
  const policy::FailureKind kind = policy::classifyFailure(failure.status(), timedOut);
  const std::optional<int64_t> retryAfter =
      response ? policy::retryAfterFrom(response->headers, ctx.nowMs) : std::nullopt;
  const vocab::Endpoint* endpoint = gw.config().findEndpoint(attempt.endpoint);
  policy::BreakerState breaker = ctx.breaker;
  std::vector<policy::BreakerEntry> updates;
  const policy::BreakerSettings settings = breakerSettings(gw, endpoint);
  if (policy::countsAsOutage(kind) && settings.failureThreshold > 0) {
    updates.push_back(policy::recordFailure(breaker, attempt.endpoint, ctx.nowMs, settings,
                                            retryAfter.value_or(0)));
    policy::applyBreakerEntry(breaker, updates.back());
  }
  const std::string outcome = outcomeLabel(failure, response);
  const policy::ChainPosition pos = positionOf(gw.config(), attempt);
  auto cooling = [&](std::string_view name) { return policy::isCooling(breaker, name, ctx.nowMs); };
  policy::NextAttempt next =
      endpoint ? policy::decideNext(endpoint->retries, pos, kind, retryAfter, cooling)
               : policy::NextAttempt{};
  Step step;
  if (next.action == policy::NextAttempt::Action::Stop) {
    step = finalError(gw, attempt, failure, response, outcome);
  } else {
    Attempt following = attempt;
    following.endpoint = pos.chain[next.chainIndex];
    following.chainIndex = next.chainIndex;
    following.attempt =
        next.action == policy::NextAttempt::Action::RetrySame ? attempt.attempt + 1 : 1;
    following.totalAttempts = attempt.totalAttempts + 1;
    following.history = appendHistory(attempt.history, attempt.endpoint, outcome);
    following.note.clear();
    step.kind = Step::Kind::Retry;
    step.retry = Retry{encodeAttempt(following), next.delayMs};
  }
  step.breaker = std::move(updates);
  return step;
}

std::vector<policy::BreakerEntry> breakerAfterSuccess(const RequestContext& ctx,
                                                     std::string_view endpoint) {
  policy::BreakerEntry current = policy::breakerEntry(ctx.breaker, endpoint);
  if (current.failures == 0 && current.openUntilMs == 0) return {};
  return {policy::recordSuccess(endpoint)};
}

}  // namespace gw::gateway
