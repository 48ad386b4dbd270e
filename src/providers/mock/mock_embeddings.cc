// The mock provider's embeddings and its shared primitives (hash, token
// estimate). Vectors come from a stable hash of each input, so the same input
// always gets the same vector, on every host and build.
#include "providers/mock/mock_embeddings.h"

#include <cmath>
#include <cstring>

#include "schema/response.h"

namespace gw::providers::mock {
namespace {

// The hashed form of an input item: a string as is, anything else as compact JSON.
std::string itemKey(const Json& item) {
  return item.is_string() ? item.get<std::string>() : dumpJson(item);
}

// Token count of one input item: text by estimate, a token-id list by length.
int64_t itemTokens(const Json& item) {
  if (item.is_string()) return estimateTokens(item.get_ref<const std::string&>());
  if (item.is_array()) return static_cast<int64_t>(item.size());
  return 1;
}

// The input items: a string or a token-id list is one item; a list of strings
// or of token-id lists is many.
std::vector<Json> inputItems(const Json& input) {
  if (!input.is_array() || input.empty() || input.front().is_number()) return {input};
  return std::vector<Json>(input.begin(), input.end());
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// OpenAI's `encoding_format: "base64"`: little-endian float32s, base64-encoded.
std::string base64Floats(const std::vector<double>& vector) {
  std::string bytes;
  bytes.reserve(vector.size() * 4);
  for (double v : vector) {
    const float f = static_cast<float>(v);
    uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);  // std::bit_cast: not in Emscripten's libc++ 14
    for (int shift = 0; shift < 32; shift += 8) bytes += static_cast<char>((bits >> shift) & 0xff);
  }
  return base64(bytes);
}

// `dimensions` in the request (OpenAI text-embedding-3 style) overrides the config.
Outcome<int> dimensionsFor(const Settings& settings, const Json& unified) {
  const Json* d = findMember(unified, "dimensions");
  if (d == nullptr || d->is_null()) return settings.embeddingDimensions;
  if (!d->is_number_integer() || d->get<int64_t>() < 1 || d->get<int64_t>() > kMaxDimensions) {
    // Appended piecewise: GCC 12 -O3 warns falsely on long `+` chains (-Warray-bounds).
    std::string message = "The mock provider's 'dimensions' must be an integer between 1 and ";
    message += std::to_string(kMaxDimensions);
    message += ", got ";
    message += dumpJson(*d);
    message += ".";
    return makeError(ErrorCode::Unprocessable, std::move(message), "dimensions");
  }
  return static_cast<int>(d->get<int64_t>());
}

}  // namespace

int64_t estimateTokens(std::string_view text) {
  int64_t codePoints = 0;
  for (unsigned char c : text) codePoints += (c & 0xc0) != 0x80;  // skip continuation bytes
  return (codePoints + 3) / 4;
}

std::vector<double> embedding(const Json& item, int dimensions) {
  const uint64_t seed = fnv1a64(itemKey(item));
  std::vector<double> out(static_cast<size_t>(dimensions));
  double norm = 0;
  for (int i = 0; i < dimensions; ++i) {
    double unit = static_cast<double>(mixBits(seed + static_cast<uint64_t>(i)) >> 11) * 0x1.0p-53;
    out[i] = 2 * unit - 1;
    norm += out[i] * out[i];
  }
  norm = std::sqrt(norm);
  for (double& v : out) {
    v = norm > 0 ? std::round(v / norm * 1e6) / 1e6 : 0;
    if (v == 0) v = 0;  // no "-0.0" in JSON
  }
  return out;
}

Outcome<Json> embeddingsResponse(const Settings& settings, const Json& unified,
                                 std::string_view model) {
  GW_TRY(int dimensions, dimensionsFor(settings, unified));
  const Json* format = findMember(unified, "encoding_format");
  const bool asBase64 = format && format->is_string() && format->get<std::string>() == "base64";
  const Json* input = findMember(unified, "input");
  Json vectors = Json::array();
  int64_t tokens = 0;
  for (const Json& item : inputItems(input ? *input : Json(""))) {
    std::vector<double> v = embedding(item, dimensions);
    vectors.push_back(asBase64 ? Json(base64Floats(v)) : Json(v));
    tokens += itemTokens(item);
  }
  Json usage = schema::embeddingsUsageJson({tokens, std::nullopt, tokens});
  return schema::embeddingsResponse(vectors, std::string(model), std::move(usage));
}

}  // namespace gw::providers::mock
