#pragma once
// Gateway keys (`auth: {keys: [...]}`, gateway extension; off unless configured).
//
// A request presents `Authorization: Bearer <key>`. Plain keys ($ENV refs or
// literals) are compared in constant time. Keys configured as SHA-256 hashes
// are matched against the hex digest of the presented token, which the HOST
// computes (WebCrypto `crypto.subtle.digest`): the core does not implement
// cryptography. A key may be limited to some endpoint/route names.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace gw::policy {

/// Result of authenticating a request.
struct AuthResult {
  enum class Outcome {
    Open,     ///< auth is off: every request passes
    Missing,  ///< no bearer token
    Invalid,  ///< a token that matches no key
    Ok,       ///< matched `key`
  } outcome = Outcome::Open;
  const config::GatewayKey* key = nullptr;

  bool passed() const { return outcome == Outcome::Open || outcome == Outcome::Ok; }
};

/// The token of an `authorization: Bearer <token>` header (scheme case-insensitive,
/// surrounding blanks trimmed); nullopt when absent, another scheme, or empty.
/// Hosts must extract the token they hash the same way.
std::optional<std::string_view> bearerToken(
    const std::vector<std::pair<std::string, std::string>>& headers);

/// The gateway key a request presents: its bearer token, else its `x-api-key`
/// header (how Anthropic clients send keys), else its `x-goog-api-key` (Google's SDKs;
/// blanks trimmed). Hosts hash this one
/// (bindings/key-digest.mjs presentedKey follows the same rule).
std::optional<std::string_view> presentedKey(
    const std::vector<std::pair<std::string, std::string>>& headers);

/// Authenticates `token` against the configured keys. `tokenSha256Hex` is the
/// host's hex SHA-256 of the same token (empty when not computed).
AuthResult authenticate(const config::AuthConfig& auth, std::optional<std::string_view> token,
                        std::string_view tokenSha256Hex);

/// Whether `key` may invoke the endpoint or route the client named.
bool mayUse(const config::GatewayKey& key, std::string_view name);

/// Equality whose running time depends only on `presented`'s length, never on
/// where the strings differ nor on the secret's content.
bool constantTimeEquals(std::string_view presented, std::string_view secret);

}  // namespace gw::policy
