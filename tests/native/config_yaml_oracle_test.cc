// The config YAML reader against PyYAML: every tests/config/yaml/cases/*.yaml is
// parsed and converted to JSON, then compared with what `yaml.safe_load` gave
// (tests/config/yaml/pyyaml-expected.json, written by scripts/yaml-oracle.py).
// Cases in known-differences.json must still differ, so that list stays honest.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/rules.h"

namespace gw::config {
namespace {

const std::string kDir = std::string(GW_SOURCE_DIR) + "/tests/config/yaml/";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Unordered JSON: a YAML map has no key order to compare.
nlohmann::json readJson(const std::string& path) { return nlohmann::json::parse(readFile(path)); }

// The reader's answer for one case: the JSON value, or {"error": true}.
nlohmann::json readerAnswer(const std::string& text) {
  const LoadInputs inputs;
  detail::Ctx ctx(inputs);
  const yaml::Document doc = detail::parseDocument(text, ctx);
  if (!ctx.errors.empty()) {
    // An empty stream is null to PyYAML; the loader reports it as an empty config.
    if (ctx.errors[0].message.starts_with("The configuration is empty")) return nullptr;
    return nlohmann::json{{"error", true}};
  }
  detail::WalkBudget budget;
  return nlohmann::json::parse(detail::toJson(doc.root(), budget).dump());
}

TEST(ConfigYamlOracle, EveryCaseMatchesPyYaml) {
  const nlohmann::json expected = readJson(kDir + "pyyaml-expected.json");
  const nlohmann::json known = readJson(kDir + "known-differences.json");
  ASSERT_GE(expected.size(), 80u);
  int compared = 0;
  for (const auto& [name, want] : expected.items()) {
    const nlohmann::json got = readerAnswer(readFile(kDir + "cases/" + name + ".yaml"));
    if (known.contains(name)) {
      EXPECT_NE(got, want) << name << " now matches PyYAML: remove it from known-differences.json";
      continue;
    }
    EXPECT_EQ(got, want) << "case " << name << "\n  reader: " << got.dump()
                         << "\n  PyYAML: " << want.dump();
    ++compared;
  }
  EXPECT_GE(compared, 80);
}

TEST(ConfigYamlOracle, KnownDifferencesNameRealCases) {
  const nlohmann::json expected = readJson(kDir + "pyyaml-expected.json");
  const nlohmann::json known = readJson(kDir + "known-differences.json");
  for (const auto& [name, reason] : known.items()) {
    EXPECT_TRUE(expected.contains(name)) << name;
    EXPECT_FALSE(reason.get<std::string>().empty()) << name;
  }
}

}  // namespace
}  // namespace gw::config
