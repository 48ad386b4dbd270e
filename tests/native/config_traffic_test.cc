// MLflow 3.5+ traffic-split routes (reference 2.3).
#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::hasDiag;
using testing::loadOk;
using testing::onlyError;

// Endpoints chat1, chat2 (chat) and embed (embeddings); routes follow from line 11.
const std::string kEndpoints = R"(endpoints:
  - name: chat1
    endpoint_type: llm/v1/chat
    model: {provider: mock}
  - name: chat2
    endpoint_type: llm/v1/chat
    model: {provider: mock}
  - name: embed
    endpoint_type: llm/v1/embeddings
    model: {provider: mock}
)";

LoadResult withRoutes(const std::string& routes) {
  return loadConfig(kEndpoints + "routes:\n" + routes, {});
}

TEST(ConfigTraffic, LoadsTheReferenceExample) {
  auto config = loadOk(kEndpoints + R"(routes:
  - name: chat-route
    task_type: llm/v1/chat
    destinations:
      - name: chat1
        traffic_percentage: 80
      - name: chat2
        traffic_percentage: 20
    routing_strategy: TRAFFIC_SPLIT
)", {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->generation, Generation::Endpoints);
  ASSERT_EQ(config->routes.size(), 1u);
  const TrafficRoute& route = config->routes[0];
  EXPECT_EQ(route.name, "chat-route");
  EXPECT_EQ(route.taskType, RouteType::Chat);
  EXPECT_EQ(route.routingStrategy, "TRAFFIC_SPLIT");
  ASSERT_EQ(route.destinations.size(), 2u);
  EXPECT_EQ(route.destinations[0].name, "chat1");
  EXPECT_EQ(route.destinations[0].trafficPercentage, 80);
  EXPECT_EQ(route.destinations[1].pos.line, 17);
  EXPECT_EQ(route.pos.line, 12);
  EXPECT_EQ(config->findRoute("chat-route"), &route);
  EXPECT_EQ(config->findEndpoint("chat-route"), nullptr);
}

TEST(ConfigTraffic, DestinationMustBeAnEndpoint) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    destinations:
      - name: chat1
        traffic_percentage: 50
      - name: ghost
        traffic_percentage: 50
)"),
                        "The route destination name must be a endpoint name, but the route 'r' "
                        "has an invalid destination name 'ghost'.",
                        17, 9));
}

TEST(ConfigTraffic, DestinationTypesMustMatchTaskType) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    destinations:
      - {name: embed, traffic_percentage: 100}
)"),
                        "The route destination endpoint types in the route 'r' must have "
                        "endpoint type 'llm/v1/chat' but got endpoint type "
                        "'llm/v1/embeddings'.",
                        15, 9));
}

TEST(ConfigTraffic, PercentageRange) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    destinations:
      - {name: chat1, traffic_percentage: 101}
)"),
                        "The route destination traffic percentage must between 0 and 100.", 15,
                        43));
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    destinations:
      - {name: chat1, traffic_percentage: 99.5}
)"),
                        "Expected an integer for 'traffic_percentage', got a number.", 15, 43));
}

TEST(ConfigTraffic, PercentagesMustSumTo100) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    destinations:
      - {name: chat1, traffic_percentage: 60}
      - {name: chat2, traffic_percentage: 30}
)"),
                        "For each route configuration, the traffic percentage sum of "
                        "destinations must be 100, but got invalid configuration of route 'r'.",
                        15, 7));
}

TEST(ConfigTraffic, OnlyTrafficSplitStrategy) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/chat
    routing_strategy: ROUND_ROBIN
    destinations:
      - {name: chat1, traffic_percentage: 100}
)"),
                        "The routing_strategy 'ROUND_ROBIN' is not supported. The only "
                        "supported routing strategy is 'TRAFFIC_SPLIT'.",
                        14, 23));
}

TEST(ConfigTraffic, TaskTypeIsRequiredAndChecked) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    destinations:
      - {name: chat1, traffic_percentage: 100}
)"),
                        "Missing required key 'task_type' in route 'r'.", 12, 5));
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: r
    task_type: llm/v1/rerank
    destinations:
      - {name: chat1, traffic_percentage: 100}
)"),
                        "The route_type 'llm/v1/rerank' is not supported.", 13, 16));
}

TEST(ConfigTraffic, NamesAreUniqueAcrossEndpointsAndRoutes) {
  EXPECT_TRUE(onlyError(withRoutes(R"(  - name: chat1
    task_type: llm/v1/chat
    destinations:
      - {name: chat2, traffic_percentage: 100}
)"),
                        "Duplicate names found in endpoint / route configurations. Please "
                        "remove the duplicate endpoint / route name from the configuration to "
                        "ensure that endpoints / routes are created properly.",
                        12, 11));
}

TEST(ConfigTraffic, TrafficRoutesWithoutEndpointsAreAnError) {
  LoadResult result = loadConfig(R"(routes:
  - name: r
    task_type: llm/v1/chat
    destinations:
      - {name: chat1, traffic_percentage: 100}
)", {});
  EXPECT_TRUE(testing::hasError(result,
                                "The configuration must contain an 'endpoints' list (MLflow "
                                "2.9+) or a 'routes' list of route definitions (MLflow 2.5-2.8).",
                                1, 1));
  EXPECT_TRUE(hasDiag(result.errors,
                      "The route destination name must be a endpoint name, but the route 'r' "
                      "has an invalid destination name 'chat1'.",
                      5, 9));
}

}  // namespace
}  // namespace gw::config
