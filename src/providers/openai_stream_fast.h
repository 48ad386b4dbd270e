#pragma once
// The OpenAI stream translator's fast path (see stream/json_cursor.h): a common
// upstream chunk is turned into the unified chunk's JSON text by copying
// canonical raw values, with no DOM. Anything unusual (usage or error chunks,
// non-canonical values, escaped or duplicate keys, unexpected types) is declined
// and goes through the DOM path in openai_stream.cc, which defines the output;
// tests/native/stream_openai_fast_test.cc checks both give the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::providers::openai_fast {

/// What the unified chunk takes from the call rather than from the upstream.
struct ChunkContext {
  bool chat = true;              ///< chat chunk (else completions chunk)
  std::string modelJson;         ///< the configured model name as a JSON string
  std::string providerJson;      ///< the provider id as a JSON string (chat only)
  int64_t createdFallback = 0;   ///< `created` when the upstream has none
};

/// Appends the unified chunk for one upstream `data` payload to `json` and
/// returns true (setting `sawFinish` when a choice has a finish_reason), or
/// returns false: declined, `json` may hold partial output to discard.
/// `scratch` is working memory kept by the caller between calls.
bool appendChunk(std::string_view data, const ChunkContext& ctx, std::string& scratch,
                 std::string& json, bool& sawFinish);

}  // namespace gw::providers::openai_fast
