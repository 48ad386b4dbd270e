// Runs every conformance case against the native build.
#include <gtest/gtest.h>

#include "conformance_runner.h"

namespace {

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, MatchesFixture) {
  EXPECT_EQ(gw::testing::runConformanceCase(GetParam()), "");
}

std::string caseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Conformance,
                         ::testing::ValuesIn(gw::testing::listConformanceCases()), caseName);

TEST(ConformanceSuite, HasCases) { EXPECT_GE(gw::testing::listConformanceCases().size(), 10u); }

}  // namespace
