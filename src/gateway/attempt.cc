#include "gateway/attempt.h"

#include <charconv>
#include <vector>

#include "policy/breaker.h"
#include "policy/traffic.h"

namespace gw::gateway {
namespace {

constexpr int kFieldCount = 15;

int toInt(std::string_view s, int fallback) {
  int value = fallback;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size() ? value : fallback;
}

}  // namespace

std::string encodeAttempt(const Attempt& a) {
  std::string out = "v1|";
  out += std::to_string(static_cast<int>(a.surface)) + "|";
  out += std::to_string(static_cast<int>(a.schema)) + "|";
  out += std::to_string(static_cast<int>(a.type)) + "|";
  out += a.route + "|" + a.endpoint + "|";
  out += std::to_string(a.attempt) + "|" + std::to_string(a.chainIndex) + "|";
  out += std::to_string(a.totalAttempts) + "|";
  out += std::string(a.stream ? "1" : "0") + "|" + (a.mlflowPath ? "1" : "0") + "|";
  out += std::to_string(static_cast<int>(a.lane)) + "|";
  out += a.primary + "|" + a.history + "|" + a.note;
  return out;
}

std::optional<Attempt> decodeAttempt(std::string_view token) {
  std::vector<std::string_view> f;
  size_t start = 0;
  while (static_cast<int>(f.size()) < kFieldCount - 1) {
    size_t bar = token.find('|', start);
    if (bar == std::string_view::npos) return std::nullopt;
    f.push_back(token.substr(start, bar - start));
    start = bar + 1;
  }
  f.push_back(token.substr(start));
  if (f[0] != "v1") return std::nullopt;
  Attempt a;
  int surface = toInt(f[1], -1), schema = toInt(f[2], -1), type = toInt(f[3], -1);
  int lane = toInt(f[11], -1);
  const int lastSurface = static_cast<int>(schema::Surface::Responses);
  const int lastLane = static_cast<int>(Lane::TranslatedCount);
  if (surface < 0 || surface > lastSurface || schema < 0 || schema > 1 || type < 0 || type > 2 ||
      lane < 0 || lane > lastLane) {
    return std::nullopt;
  }
  a.surface = static_cast<schema::Surface>(surface);
  a.schema = static_cast<schema::WireSchema>(schema);
  a.type = static_cast<vocab::RouteType>(type);
  a.route = std::string(f[4]);
  a.endpoint = std::string(f[5]);
  a.attempt = toInt(f[6], 1);
  a.chainIndex = toInt(f[7], 0);
  a.totalAttempts = toInt(f[8], 1);
  a.stream = f[9] == "1";
  a.mlflowPath = f[10] == "1";
  a.lane = static_cast<Lane>(lane);
  a.primary = std::string(f[12]);
  a.history = std::string(f[13]);
  a.note = std::string(f[14]);
  return a;
}

Step callStep(const vocab::Endpoint& endpoint, const Attempt& attempt, providers::UpstreamPlan plan) {
  Step step;
  step.kind = Step::Kind::Call;
  step.call.requests = std::move(plan.requests);
  step.call.timeoutMs = endpoint.timeoutMs;
  step.call.firstByteTimeoutMs = endpoint.firstByteTimeoutMs;
  step.call.stream = attempt.stream;
  step.call.endpoint = endpoint.name;
  step.call.token = encodeAttempt(attempt);
  return step;
}

const config::Destination* drawDestination(const config::TrafficRoute& route, const RequestContext& ctx) {
  auto healthy = [&](std::string_view name) { return !policy::isCooling(ctx.breaker, name, ctx.nowMs); };
  return policy::pickDestination(route, ctx.random, healthy);
}

}  // namespace gw::gateway
