#include "policy/retry.h"

#include <algorithm>

namespace gw::policy {

FailureKind classifyFailure(int status, bool timedOut) {
  if (timedOut) return FailureKind::Timeout;
  if (status == 429) return FailureKind::RateLimited;
  if (status >= 500 && status <= 599) return FailureKind::ServerError;
  return FailureKind::ClientError;
}

bool countsAsOutage(FailureKind kind) { return kind != FailureKind::ClientError; }

bool retriesOn(const vocab::RetryPolicy& policy, FailureKind kind) {
  switch (kind) {
    case FailureKind::RateLimited: return policy.onRateLimit;
    case FailureKind::ServerError: return policy.onServerError;
    case FailureKind::Timeout: return policy.onTimeout;
    default: return false;
  }
}

int64_t backoffDelay(const vocab::RetryPolicy& policy, int retry) {
  if (policy.backoffMs <= 0) return 0;
  int64_t delay = policy.backoffMs;
  for (int i = 1; i < retry && delay < policy.maxBackoffMs; ++i) delay *= 2;
  return std::min(delay, policy.maxBackoffMs);
}

NextAttempt decideNext(const vocab::RetryPolicy& policy, const ChainPosition& pos,
                       FailureKind kind, std::optional<int64_t> retryAfterMs,
                       const std::function<bool(std::string_view)>& cooling) {
  NextAttempt next;
  if (kind == FailureKind::ClientError || pos.totalAttempts >= kMaxTotalAttempts) return next;
  if (pos.index < 0 || pos.index >= static_cast<int>(pos.chain.size())) return next;
  auto isCooling = [&](std::string_view name) { return cooling && cooling(name); };
  bool waitTooLong = retryAfterMs && *retryAfterMs > policy.maxBackoffMs;
  if (pos.attempt < policy.attempts && retriesOn(policy, kind) && !waitTooLong &&
      !isCooling(pos.chain[pos.index])) {
    next.action = NextAttempt::Action::RetrySame;
    next.chainIndex = pos.index;
    next.delayMs = std::max(backoffDelay(policy, pos.attempt), retryAfterMs.value_or(0));
    return next;
  }
  for (int i = pos.index + 1; i < static_cast<int>(pos.chain.size()); ++i) {
    if (isCooling(pos.chain[i])) continue;
    next.action = NextAttempt::Action::Fallback;
    next.chainIndex = i;
    return next;
  }
  return next;
}

}  // namespace gw::policy
