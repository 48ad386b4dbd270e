#include "policy/auth.h"

#include <cctype>

#include "core/ascii.h"

namespace gw::policy {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// The value without the blanks around it; nullopt when nothing is left.
std::optional<std::string_view> trimmedValue(std::string_view v) {
  while (!v.empty() && isBlank(v.front())) v.remove_prefix(1);
  while (!v.empty() && isBlank(v.back())) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::string_view> bearerToken(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  for (const auto& [name, value] : headers) {
    if (name != "authorization") continue;
    std::string_view v = value;
    while (!v.empty() && isBlank(v.front())) v.remove_prefix(1);
    if (v.size() < 7 || lowerAscii(v.substr(0, 6)) != "bearer" || !isBlank(v[6])) return std::nullopt;
    return trimmedValue(v.substr(7));
  }
  return std::nullopt;
}

std::optional<std::string_view> presentedKey(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  if (auto token = bearerToken(headers)) return token;
  // Anthropic clients send `x-api-key`, Google's `x-goog-api-key`; the first one present counts.
  for (std::string_view header : {"x-api-key", "x-goog-api-key"}) {
    for (const auto& [name, value] : headers) {
      if (name == header) return trimmedValue(value);
    }
  }
  return std::nullopt;
}

bool constantTimeEquals(std::string_view presented, std::string_view secret) {
  if (secret.empty()) return false;  // an empty key never authenticates
  unsigned char diff = presented.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < presented.size(); ++i) {
    diff |= static_cast<unsigned char>(presented[i]) ^
            static_cast<unsigned char>(secret[i % secret.size()]);
  }
  return diff == 0;
}

AuthResult authenticate(const config::AuthConfig& auth, std::optional<std::string_view> token,
                        std::string_view tokenSha256Hex) {
  if (!auth.enabled) return AuthResult{AuthResult::Outcome::Open, nullptr};
  if (!token) return AuthResult{AuthResult::Outcome::Missing, nullptr};
  const std::string digest = lowerAscii(tokenSha256Hex);
  const config::GatewayKey* match = nullptr;
  // Every key is compared (no early exit), so timing does not tell which one matched.
  for (const config::GatewayKey& key : auth.keys) {
    bool equal = !key.plain.empty() ? constantTimeEquals(*token, key.plain)
                                    : digest.size() == 64 && constantTimeEquals(digest, key.sha256Hex);
    if (equal && match == nullptr) match = &key;
  }
  if (match == nullptr) return AuthResult{AuthResult::Outcome::Invalid, nullptr};
  return AuthResult{AuthResult::Outcome::Ok, match};
}

bool mayUse(const config::GatewayKey& key, std::string_view name) {
  if (key.routes.empty()) return true;
  for (const std::string& route : key.routes) {
    if (route == name) return true;
  }
  return false;
}

}  // namespace gw::policy
