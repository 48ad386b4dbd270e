// Traffic split: the weighted choice from the host's random value, its
// statistics over seeded draws, and how cooling destinations are left out.
#include <map>
#include <random>

#include "policy/traffic.h"
#include "policy_test_util.h"

namespace gw::policy {
namespace {

config::TrafficRoute route(std::vector<std::pair<std::string, int>> weights) {
  config::TrafficRoute r;
  r.name = "split";
  for (auto& [name, pct] : weights) r.destinations.push_back({name, pct, {}});
  return r;
}

std::map<std::string, int> draw(const config::TrafficRoute& r, int n, uint64_t seed,
                                const std::function<bool(std::string_view)>& available = {}) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::map<std::string, int> counts;
  for (int i = 0; i < n; ++i) counts[pickDestination(r, uniform(rng), available)->name]++;
  return counts;
}

TEST(PolicyTraffic, BoundariesOfEachShare) {
  auto r = route({{"a", 80}, {"b", 20}});
  EXPECT_EQ(pickDestination(r, 0.0)->name, "a");
  EXPECT_EQ(pickDestination(r, 0.7999)->name, "a");
  EXPECT_EQ(pickDestination(r, 0.8)->name, "b");
  EXPECT_EQ(pickDestination(r, 0.999999)->name, "b");
  // Out-of-range values from a sloppy host are clamped, not trusted.
  EXPECT_EQ(pickDestination(r, 1.0)->name, "b");
  EXPECT_EQ(pickDestination(r, -0.5)->name, "a");
}

TEST(PolicyTraffic, FollowsWeightsOverTenThousandSeededDraws) {
  auto r = route({{"a", 70}, {"b", 20}, {"c", 10}});
  for (uint64_t seed : {1u, 42u, 2024u}) {
    auto counts = draw(r, 10000, seed);
    // Binomial sd at n=10,000 is <= 46 (0.46 %); allow 4 sd.
    EXPECT_NEAR(counts["a"], 7000, 184) << "seed " << seed;
    EXPECT_NEAR(counts["b"], 2000, 160) << "seed " << seed;
    EXPECT_NEAR(counts["c"], 1000, 120) << "seed " << seed;
  }
}

TEST(PolicyTraffic, EvenlySpacedValuesGiveExactShares) {
  auto r = route({{"a", 33}, {"b", 67}});
  std::map<std::string, int> counts;
  for (int i = 0; i < 10000; ++i) counts[pickDestination(r, (i + 0.5) / 10000)->name]++;
  EXPECT_EQ(counts["a"], 3300);
  EXPECT_EQ(counts["b"], 6700);
}

TEST(PolicyTraffic, ZeroPercentIsNeverPicked) {
  auto r = route({{"a", 0}, {"b", 100}, {"c", 0}});
  auto counts = draw(r, 10000, 7);
  EXPECT_EQ(counts["b"], 10000);
}

TEST(PolicyTraffic, CoolingDestinationsAreLeftOutAndWeightsRenormalised) {
  auto r = route({{"a", 50}, {"b", 25}, {"c", 25}});
  auto notA = [](std::string_view name) { return name != "a"; };
  auto counts = draw(r, 10000, 99, notA);
  EXPECT_EQ(counts.count("a"), 0u);
  EXPECT_NEAR(counts["b"], 5000, 200);
  EXPECT_NEAR(counts["c"], 5000, 200);
  // All cooling: the plain split (a request is never refused by the breaker alone).
  auto none = [](std::string_view) { return false; };
  auto all = draw(r, 10000, 99, none);
  EXPECT_NEAR(all["a"], 5000, 200);
}

TEST(PolicyTraffic, GatewayNamesTheDestinationThatServed) {
  auto gw = gw::testing::policyGateway("endpoints:\n" + gw::testing::openaiEndpoint("chat1") +
                                       gw::testing::openaiEndpoint("chat2") +
                                       "routes:\n  - name: r\n    task_type: llm/v1/chat\n"
                                       "    destinations:\n"
                                       "      - {name: chat1, traffic_percentage: 80}\n"
                                       "      - {name: chat2, traffic_percentage: 20}\n");
  ASSERT_TRUE(gw);
  auto request = gw::testing::chatRequest("/v1/chat/completions", "r");
  std::map<std::string, int> served;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    auto ctx = gw::testing::context(1700000000000, uniform(rng));
    gateway::Step call = gw->plan(request.http(), ctx);
    ASSERT_EQ(call.kind, gateway::Step::Kind::Call);
    EXPECT_EQ(call.call.requests[0].url,
              "https://" + call.call.endpoint + ".example/v1/chat/completions");
    gateway::Step done = gw::testing::finishWith(*gw, call.call.token, gw::testing::chatOk(), ctx);
    served[gw::testing::header(done.reply.headers, "x-gateway-endpoint")]++;
  }
  EXPECT_NEAR(served["chat1"], 1600, 90);  // sd ~ 18
  EXPECT_NEAR(served["chat2"], 400, 90);
}

}  // namespace
}  // namespace gw::policy
