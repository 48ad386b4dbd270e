// Replays every saved fuzz input (tests/fuzz/regressions/<target>/*) and the
// seed corpus through the fuzz targets' code, in the ordinary test build (and
// under ASan/UBSan when the suite is built with GW_SANITIZE). A crash found by
// `npm run fuzz` is saved here and becomes a regression test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#define LLVMFuzzerTestOneInput fuzzConfigOneInput
#include "../fuzz/fuzz_config.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzRequestOneInput
#include "../fuzz/fuzz_request.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzResponseOneInput
#include "../fuzz/fuzz_response.cc"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzStreamOneInput
#include "../fuzz/fuzz_stream.cc"
#undef LLVMFuzzerTestOneInput

namespace {
namespace fs = std::filesystem;
using Target = int (*)(const uint8_t*, size_t);

int replayDirectory(const fs::path& dir, Target target) {
  int count = 0;
  if (!fs::exists(dir)) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string data = bytes.str();
    target(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    ++count;
  }
  return count;
}

const fs::path kFuzzRoot = fs::path(GW_SOURCE_DIR) / "tests" / "fuzz";

TEST(FuzzRegressions, ConfigInputs) {
  replayDirectory(kFuzzRoot / "regressions" / "fuzz_config", fuzzConfigOneInput);
  EXPECT_GT(replayDirectory(fs::path(GW_SOURCE_DIR) / "tests" / "config", fuzzConfigOneInput), 0);
}

TEST(FuzzRegressions, RequestInputs) {
  replayDirectory(kFuzzRoot / "regressions" / "fuzz_request", fuzzRequestOneInput);
  const uint8_t deep[] = "\x00[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[";
  fuzzRequestOneInput(deep, sizeof(deep) - 1);
}

TEST(FuzzRegressions, ResponseInputs) {
  replayDirectory(kFuzzRoot / "regressions" / "fuzz_response", fuzzResponseOneInput);
  for (uint8_t endpoint = 0; endpoint < 19; ++endpoint) {
    for (uint8_t status : {0, 2, 4, 0x80}) {
      std::string input = std::string(1, static_cast<char>(endpoint)) + static_cast<char>(status) +
                          R"({"choices": [{"message": {"content": 5}}], "content": [1], "candidates": null})";
      fuzzResponseOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
  }
}

TEST(FuzzRegressions, StreamInputs) {
  replayDirectory(kFuzzRoot / "regressions" / "fuzz_stream", fuzzStreamOneInput);
  for (uint8_t endpoint = 0; endpoint < 8; ++endpoint) {
    std::string input = std::string(1, static_cast<char>(endpoint)) + "\x03" +
                        "data: {\"choices\": [{\"delta\": {\"content\": \"\xe2\x82\xac\"}}]}\n\n"
                        "event: message_delta\ndata: {\"type\": \"message_delta\"}\n\n"
                        "{\"event_type\": \"text-generation\", \"text\": 1}\n";
    fuzzStreamOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
}

}  // namespace
