#pragma once
// Helpers shared by the config_*_test.cc files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "config/config.h"

namespace gw::config::testing {

/// Environment for LoadInputs from {name, value} pairs.
inline LoadInputs withEnv(std::initializer_list<std::pair<std::string, std::string>> vars) {
  LoadInputs inputs;
  for (const auto& [name, value] : vars) inputs.env[name] = value;
  return inputs;
}

/// Every diagnostic, one per line, for failure output.
inline std::string dump(const std::vector<Diagnostic>& list) {
  std::ostringstream out;
  for (const Diagnostic& d : list) {
    out << "  " << d.pos.line << ":" << d.pos.column << " [" << d.path << "] " << d.message
        << "\n";
  }
  return out.str();
}

/// Whether `list` has exactly this message at this 1-based line/column.
inline ::testing::AssertionResult hasDiag(const std::vector<Diagnostic>& list,
                                          std::string_view message, int line, int column) {
  for (const Diagnostic& d : list) {
    if (d.message == message && d.pos.line == line && d.pos.column == column) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no diagnostic at " << line << ":" << column << " \""
                                       << message << "\"; got:\n"
                                       << dump(list);
}

/// The result has this error, and no config.
inline ::testing::AssertionResult hasError(const LoadResult& result, std::string_view message,
                                           int line, int column) {
  if (result.config != nullptr) return ::testing::AssertionFailure() << "config was built";
  return hasDiag(result.errors, message, line, column);
}

/// The result has exactly one error: this one.
inline ::testing::AssertionResult onlyError(const LoadResult& result, std::string_view message,
                                            int line, int column) {
  if (result.errors.size() != 1) {
    return ::testing::AssertionFailure() << "expected 1 error, got " << result.errors.size()
                                         << ":\n" << dump(result.errors);
  }
  return hasError(result, message, line, column);
}

/// Loads and expects success (prints the errors otherwise).
inline std::shared_ptr<const Config> loadOk(std::string_view yaml, const LoadInputs& inputs) {
  LoadResult result = loadConfig(yaml, inputs);
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_NE(result.config, nullptr);
  return result.config;
}

/// tests/config: GW_TEST_CONFIG_DIR, else the CMake-given source dir, else next to this file.
inline std::filesystem::path fixtureDir() {
  if (const char* dir = std::getenv("GW_TEST_CONFIG_DIR")) return dir;
#ifdef GW_SOURCE_DIR
  return std::filesystem::path(GW_SOURCE_DIR) / "tests" / "config";
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "config";
#endif
}

inline std::string readFixture(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace gw::config::testing
