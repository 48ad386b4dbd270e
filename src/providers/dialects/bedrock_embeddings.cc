// Amazon Bedrock embeddings (Titan, via InvokeModel): a fan-out of one call per input.
// API reference: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
//
// As MLflow 3.11's `_embeddings`: one InvokeModel {"inputText": text} per input,
// in order; reply `embedding`; usage prompt = total = the sum of
// `inputTextTokenCount`; model = the configured id.
// Deviations: other request keys go into every body (Titan v2's `dimensions`,
// `normalize`, `embeddingTypes`; MLflow drops them). `encoding_format` is
// answered by the gateway: "float" as is, "base64" as OpenAI encodes it
// (little-endian float32) — the OpenAI SDK asks for base64 by default; MLflow
// ignores it. Token-id inputs, an empty list and other formats: 422.
#include <algorithm>
#include <cstring>

#include "providers/dialects/bedrock.h"
#include "providers/dialects/translator_parts.h"

namespace gw::providers::bedrock {
namespace {

using params::unprocessable;

Outcome<Json> inputTexts(const Json& input) {
  if (input.is_string()) return Json::array({input});
  bool texts = input.is_array() && !input.empty() &&
               std::all_of(input.begin(), input.end(), [](const Json& x) { return x.is_string(); });
  if (!texts) {
    return unprocessable("Amazon Bedrock Titan embeddings take text: 'input' must be a string "
                         "or a non-empty list of strings.", "input");
  }
  return input;
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kAlphabet[(chunk >> 18) & 63]);
    out.push_back(kAlphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=');
  }
  return out;
}

// OpenAI's base64 embedding: little-endian float32 values, base64-encoded.
Json base64Vector(const Json& vector) {
  std::string bytes;
  for (const Json& x : vector) {
    float f = x.is_number() ? static_cast<float>(x.get<double>()) : 0.0f;
    uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    for (int shift = 0; shift < 32; shift += 8) bytes.push_back(static_cast<char>(bits >> shift));
  }
  return base64(bytes);
}

}  // namespace

Outcome<std::vector<Json>> embeddingRequests(const Json& unified) {
  Json p = params::withoutNulls(unified);
  Json input = takeMember(p, "input");
  Json format = takeMember(p, "encoding_format");
  if (!format.is_null() && format != "float" && format != "base64") {
    return unprocessable("'encoding_format' must be \"float\" or \"base64\".", "encoding_format");
  }
  GW_TRY(Json texts, inputTexts(input));
  std::vector<Json> bodies;
  for (const Json& text : texts) {
    Json body = {{"inputText", text}};
    for (auto it = p.begin(); it != p.end(); ++it) body[it.key()] = it.value();
    bodies.push_back(std::move(body));
  }
  return bodies;
}

Outcome<Json> embeddingsResponse(const TranslateContext& ctx, std::span<const Json> replies,
                                 std::string_view note) {
  Json vectors = Json::array();
  int64_t tokens = 0;
  for (size_t i = 0; i < replies.size(); ++i) {
    const Json* embedding = findMember(replies[i], "embedding");
    if (!embedding || !embedding->is_array()) {
      return makeError(ErrorCode::BadGateway, "The Amazon Bedrock embeddings response " +
                                                  std::to_string(i) + " has no 'embedding' list.");
    }
    vectors.push_back(note == "base64" ? base64Vector(*embedding) : *embedding);
    const Json* count = findMember(replies[i], "inputTextTokenCount");
    if (count && count->is_number_integer()) tokens += count->get<int64_t>();
  }
  schema::Usage usage{tokens, std::nullopt, tokens};
  return schema::embeddingsResponse(vectors, ctx.endpoint.model.name,
                                    schema::embeddingsUsageJson(usage));
}

}  // namespace gw::providers::bedrock
