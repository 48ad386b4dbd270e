// `provider: openai-compatible` declared inline: route_types, stream_route_types, the
// paths and display_name are checked at load time (none is silently ignored); what they
// do to requests is pinned by tests/conformance/openai-compatible/custom-*.
#include "config_test_util.h"
#include "providers/inline_compat.h"
#include "providers/provider.h"
#include "providers/registry.h"

namespace gw::config {
namespace {

using testing::hasError;
using testing::loadOk;
using testing::onlyError;

// An inline chat endpoint; `extra` lines go under `config:` (from line 8, column 9).
std::string inlineChat(const std::string& extra, const std::string& type = "llm/v1/chat") {
  return "endpoints:\n"
         "  - name: acme\n"
         "    endpoint_type: " + type + "\n"
         "    model:\n"
         "      provider: openai-compatible\n"
         "      name: acme-1\n"
         "      config:\n"
         "        api_base: https://acme.example/v1\n" + extra;
}

TEST(ConfigInlineProvider, AcceptsEveryDeclaredKey) {
  auto config = loadOk(inlineChat("        route_types: [chat, llm/v1/embeddings]\n"
                                  "        stream_route_types: []\n"
                                  "        chat_path: openai/chat\n"
                                  "        completions_path: complete\n"
                                  "        embeddings_path: embed\n"
                                  "        display_name: Acme LLM\n"),
                       {});
  ASSERT_NE(config, nullptr);
  const Endpoint& e = config->endpoints[0];
  const providers::ProviderSpec& spec = *providers::findProvider("openai-compatible");
  EXPECT_EQ(providers::servedRouteTypes(spec, e), vocab::kChatBit | vocab::kEmbeddingsBit);
  EXPECT_EQ(providers::streamedRouteTypes(spec, e), 0);
  EXPECT_EQ(providers::routePath(spec, e, RouteType::Chat), "openai/chat");
  EXPECT_EQ(providers::routePath(spec, e, RouteType::Embeddings), "embed");
  EXPECT_EQ(providers::displayNameOf(spec, e), "Acme LLM");
}

TEST(ConfigInlineProvider, DefaultsAreTheOpenAIShape) {
  auto config = loadOk(inlineChat(""), {});
  ASSERT_NE(config, nullptr);
  const Endpoint& e = config->endpoints[0];
  const providers::ProviderSpec& spec = *providers::findProvider("openai-compatible");
  EXPECT_EQ(providers::servedRouteTypes(spec, e), spec.routeTypes);
  EXPECT_EQ(providers::streamedRouteTypes(spec, e), spec.streamTypes);
  EXPECT_EQ(providers::routePath(spec, e, RouteType::Chat), "chat/completions");
  EXPECT_EQ(providers::displayNameOf(spec, e), "OpenAI-compatible");
}

TEST(ConfigInlineProvider, RouteTypesMustBeAListOfKnownTypes) {
  const std::string expected =
      "Expected a list of route types for 'route_types': any of chat, "
      "completions, embeddings (or llm/v1/chat, llm/v1/completions, llm/v1/embeddings).";
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        route_types: chat\n"), {}), expected, 9, 22));
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        route_types: [chat, images]\n"), {}), expected, 9, 22));
}

TEST(ConfigInlineProvider, EndpointTypeMustBeServed) {
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        route_types: [embeddings]\n"), {}),
                        "The endpoint type 'llm/v1/chat' is not among this provider's route_types "
                        "(llm/v1/embeddings).",
                        9, 22));
}

TEST(ConfigInlineProvider, StreamedTypesMustBeServed) {
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        route_types: [chat]\n"
                                              "        stream_route_types: [chat, completions]\n"),
                                   {}),
                        "stream_route_types (llm/v1/completions, llm/v1/chat) must be among "
                        "route_types (llm/v1/chat).",
                        10, 29));
}

TEST(ConfigInlineProvider, PathsAreNonEmptyRelativePaths) {
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        chat_path: \"\"\n"), {}),
                        "Expected a non-empty string for 'chat_path'.", 9, 20));
  EXPECT_TRUE(onlyError(loadConfig(inlineChat("        chat_path: https://evil.example/x\n"), {}),
                        "'chat_path' is a path under api_base (e.g. "
                        "'v1/chat/completions'), not a URL or a query.",
                        9, 20));
  EXPECT_TRUE(hasError(loadConfig(inlineChat("        display_name: [a]\n"), {}),
                       "Expected a string for 'display_name', got a list.", 9,
                       23));
}

}  // namespace
}  // namespace gw::config
