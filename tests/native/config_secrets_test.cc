// Key resolution (reference 2.5): $ENV, host-supplied files, literals; the
// "not a string" rule; keyFileCandidates; secrets never appear in messages.
#include "config_test_util.h"

namespace gw::config {
namespace {

using testing::hasError;
using testing::loadOk;
using testing::onlyError;
using testing::withEnv;

std::string openAIWithKey(std::string_view key) {
  return "endpoints:\n"
         "  - name: chat\n"
         "    endpoint_type: llm/v1/chat\n"
         "    model:\n"
         "      provider: openai\n"
         "      config:\n"
         "        openai_api_key: " + std::string(key) + "\n";
}

std::string keyOf(const std::shared_ptr<const Config>& config) {
  return config->endpoints[0].model.config["openai_api_key"].get<std::string>();
}

TEST(ConfigSecrets, DollarNameReadsTheEnvironment) {
  auto config = loadOk(openAIWithKey("$OPENAI_API_KEY"),
                       withEnv({{"OPENAI_API_KEY", "sk-from-env"}}));
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "sk-from-env");
}

TEST(ConfigSecrets, UnsetOrEmptyVariableIsAnError) {
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("$OPENAI_API_KEY"), {}),
                        "Environment variable 'OPENAI_API_KEY' is not set", 7, 25));
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("$OPENAI_API_KEY"),
                                   withEnv({{"OPENAI_API_KEY", ""}})),
                        "Environment variable 'OPENAI_API_KEY' is not set", 7, 25));
}

TEST(ConfigSecrets, OnlyTheWholeValueIsAReference) {
  // No ${NAME} form and no interpolation, like MLflow: these are literals.
  auto config = loadOk(openAIWithKey("\"sk-${OPENAI_API_KEY}\""),
                       withEnv({{"OPENAI_API_KEY", "x"}}));
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "sk-${OPENAI_API_KEY}");
}

TEST(ConfigSecrets, NonStringKeysUseMlflowMessage) {
  constexpr std::string_view kMessage =
      "The api key provided is not a string. Please provide either an environment variable "
      "key, a path to a file containing the api key, or the api key itself";
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("12345"), {}), kMessage, 7, 25));
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("true"), {}), kMessage, 7, 25));
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("[a, b]"), {}), kMessage, 7, 25));
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey("{file: x}"), {}), kMessage, 7, 25));
  // An empty value is null: reported where the key is.
  EXPECT_TRUE(onlyError(loadConfig(openAIWithKey(""), {}), kMessage, 7, 9));
  // Quoted numbers are strings.
  auto config = loadOk(openAIWithKey("'12345'"), {});
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "12345");
}

TEST(ConfigSecrets, FilesMapGivesContentsWithoutTrailingLineBreak) {
  LoadInputs inputs;
  inputs.files["/run/secrets/openai"] = "sk-from-file\n";
  auto config = loadOk(openAIWithKey("/run/secrets/openai"), inputs);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "sk-from-file");  // MLflow keeps the newline; no header can carry it
}

TEST(ConfigSecrets, Issue7LineBreaksInConfigValuesAreLoadErrors) {
  LoadInputs inputs = withEnv({{"K", "sk-abc\r\nX-Injected: 1"}});
  LoadResult result = loadConfig(openAIWithKey("$K"), inputs);
  ASSERT_FALSE(result.errors.empty());
  EXPECT_NE(result.errors.front().message.find("contains a line break or NUL character"),
            std::string::npos);
  EXPECT_EQ(result.errors.front().message.find("X-Injected"), std::string::npos);
}

TEST(ConfigSecrets, EnvironmentWinsOverFilesAndLiteralIsTheFallback) {
  LoadInputs inputs = withEnv({{"K", "from-env"}});
  inputs.files["$K"] = "from-file";
  auto config = loadOk(openAIWithKey("$K"), inputs);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "from-env");
  config = loadOk(openAIWithKey("sk-literal"), inputs);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "sk-literal");
}

TEST(ConfigSecrets, NestedSecretKeysAreResolved) {
  auto config = loadOk(R"(endpoints:
  - name: titan
    endpoint_type: llm/v1/completions
    model:
      provider: bedrock
      name: amazon.titan-tg1-large
      config:
        aws_config:
          aws_region: $AWS_REGION
          aws_access_key_id: $AWS_ACCESS_KEY_ID
          aws_secret_access_key: $AWS_SECRET_ACCESS_KEY
  - name: lite
    endpoint_type: llm/v1/chat
    model:
      provider: litellm
      name: gpt-4o
      config:
        litellm_provider: openai
        litellm_auth_config:
          api_key: $LITELLM_KEY
          auth_mode: bearer
)", withEnv({{"AWS_ACCESS_KEY_ID", "AKIA1"}, {"AWS_SECRET_ACCESS_KEY", "s3cr3t"},
                               {"LITELLM_KEY", "ll-key"}}));
  ASSERT_NE(config, nullptr);
  const Json& aws = config->endpoints[0].model.config["aws_config"];
  EXPECT_EQ(aws["aws_access_key_id"], "AKIA1");
  EXPECT_EQ(aws["aws_secret_access_key"], "s3cr3t");
  // Not a secret key: `$` stays literal, as in MLflow.
  EXPECT_EQ(aws["aws_region"], "$AWS_REGION");
  const Json& lite = config->endpoints[1].model.config["litellm_auth_config"];
  EXPECT_EQ(lite["api_key"], "ll-key");
  EXPECT_EQ(lite["auth_mode"], "bearer");
}

TEST(ConfigSecrets, NestedMissingVariableIsReportedAtItsNode) {
  EXPECT_TRUE(onlyError(loadConfig(R"(endpoints:
  - name: titan
    endpoint_type: llm/v1/completions
    model:
      provider: bedrock
      config:
        aws_config:
          aws_secret_access_key: $AWS_SECRET_ACCESS_KEY
)", {}), "Environment variable 'AWS_SECRET_ACCESS_KEY' is not set", 8, 34));
}

TEST(ConfigKeyFileCandidates, ListsLiteralSecretValuesOnly) {
  const std::string yaml = R"(endpoints:
  - name: a
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      config:
        openai_api_key: /run/secrets/openai
        openai_api_base: /not/a/secret
  - name: b
    endpoint_type: llm/v1/chat
    model:
      provider: anthropic
      config: {anthropic_api_key: $ANTHROPIC_API_KEY}
  - name: c
    endpoint_type: llm/v1/completions
    model:
      provider: bedrock
      config:
        aws_config: {aws_secret_access_key: "keys/aws", aws_access_key_id: 1234}
routes:
  - name: legacy
    route_type: llm/v1/chat
    model:
      provider: openai
      config: {openai_api_key: /run/secrets/openai}
)";
  EXPECT_EQ(keyFileCandidates(yaml),
            (std::vector<std::string>{"/run/secrets/openai", "keys/aws"}));
}

TEST(ConfigKeyFileCandidates, MalformedInputGivesNothing) {
  EXPECT_TRUE(keyFileCandidates("").empty());
  EXPECT_TRUE(keyFileCandidates("endpoints: [").empty());
  EXPECT_TRUE(keyFileCandidates("- 1\n- 2\n").empty());
  EXPECT_TRUE(keyFileCandidates("endpoints:\n  - model: 5\n").empty());
  EXPECT_TRUE(keyFileCandidates("a: &a [*a]\n").empty());
}

TEST(ConfigKeyFileCandidates, RoundTripWithFiles) {
  const std::string yaml = openAIWithKey("keys/openai.txt");
  LoadInputs inputs;
  for (const std::string& path : keyFileCandidates(yaml)) inputs.files[path] = "sk-file";
  auto config = loadOk(yaml, inputs);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(keyOf(config), "sk-file");
}

// Every diagnostic of every kind, for the leak checks below.
std::string allText(const LoadResult& result) {
  std::string text;
  for (const auto* list : {&result.errors, &result.warnings}) {
    for (const Diagnostic& d : *list) text += d.message + "\n" + d.path + "\n";
  }
  return text;
}

TEST(ConfigSecrets, ResolvedSecretsNeverAppearInMessages) {
  LoadInputs inputs = withEnv({{"GOOD", "sk-SECRET-ENV"}, {"AUTH", "gw-SECRET-AUTH"}});
  inputs.files["/f"] = "sk-SECRET-FILE";
  LoadResult result = loadConfig(R"(endpoints:
  - name: a
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      config:
        openai_api_key: $GOOD
        openai_deployment_name: x
        bogus: 1
  - name: b
    endpoint_type: llm/v9/chat
    model:
      provider: anthropic
      config: {anthropic_api_key: /f, anthropic_api_key: /f}
    fallbacks: [a, missing]
auth:
  keys:
    - $AUTH
    - {name: k2, key: $AUTH, sha256: nothex, routes: [nope]}
    - {name: k3, sha256: sk-SECRET-ENV}
)", inputs);
  EXPECT_EQ(result.config, nullptr);
  EXPECT_GE(result.errors.size(), 5u);
  const std::string text = allText(result);
  EXPECT_EQ(text.find("SECRET"), std::string::npos) << text;
}

}  // namespace
}  // namespace gw::config
