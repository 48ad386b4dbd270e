// AWS SigV4 canonical-request preparation (no cryptography; see bedrock_sigv4.h).
#include "providers/dialects/bedrock_sigv4.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>
#include <vector>

namespace gw::providers::sigv4 {
namespace {

struct UrlParts {
  std::string host;   // host[:port] as the Host header carries it
  std::string path;
  std::string query;
};

// Splits "scheme://host[:port]/path?query#fragment"; default ports are dropped
// from the Host value as fetch does.
UrlParts splitUrl(std::string_view url) {
  UrlParts parts;
  std::string_view scheme;
  if (size_t p = url.find("://"); p != std::string_view::npos) {
    scheme = url.substr(0, p);
    url.remove_prefix(p + 3);
  }
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  size_t slash = url.find_first_of("/?");
  parts.host = std::string(url.substr(0, slash));
  std::string_view rest = slash == std::string_view::npos ? "" : url.substr(slash);
  size_t q = rest.find('?');
  parts.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) parts.query = std::string(rest.substr(q + 1));
  std::string_view defaultPort = scheme == "http" ? ":80" : ":443";
  if (parts.host.ends_with(defaultPort)) parts.host.resize(parts.host.size() - defaultPort.size());
  for (char& c : parts.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return parts;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    int hi = text[i] == '%' && i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
    int lo = hi >= 0 ? hexValue(text[i + 2]) : -1;
    if (lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Trims and collapses runs of spaces/tabs, as SigV4 canonical header values want.
std::string canonicalValue(std::string_view value) {
  std::string out;
  bool pendingSpace = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

Json canonicalHeaders(const UpstreamRequest& request, const std::string& host,
                      const std::string& date, const std::string& token) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : request.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers.emplace_back(std::move(lower), canonicalValue(value));
  }
  headers.emplace_back("host", host);
  headers.emplace_back("x-amz-date", date);
  if (!token.empty()) headers.emplace_back("x-amz-security-token", token);
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Json out = Json::array();
  for (auto& [name, value] : headers) {
    if (!out.empty() && out.back()[0] == name) {
      out.back()[1] = out.back()[1].get<std::string>() + "," + value;  // repeated header
    } else {
      out.push_back(Json::array({name, value}));
    }
  }
  return out;
}

}  // namespace

std::string amzDate(int64_t nowMs) {
  int64_t seconds = nowMs / 1000 - (nowMs % 1000 < 0 ? 1 : 0);
  int64_t days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
  int64_t secs = seconds - days * 86400;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld%02lld%02lldT%02lld%02lld%02lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buf;
}

std::string uriEncode(std::string_view text, bool keepSlash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string canonicalUri(std::string_view path) {
  if (path.empty()) return "/";
  return uriEncode(path, /*keepSlash=*/true);
}

std::string canonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    std::string_view name = item.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
    params.emplace_back(uriEncode(percentDecode(name)), uriEncode(percentDecode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

Json signingFor(const UpstreamRequest& request, const Credentials& credentials,
                std::string_view region, std::string_view service, int64_t nowMs) {
  UrlParts url = splitUrl(request.url);
  std::string date = amzDate(nowMs);
  std::string scope = date.substr(0, 8) + "/" + std::string(region) + "/" +
                      std::string(service) + "/aws4_request";
  Json signing = {{"algorithm", "AWS4-HMAC-SHA256"},
                  {"region", region},
                  {"service", service}};
  if (!credentials.accessKeyId.empty()) {
    signing["access_key_id"] = credentials.accessKeyId;
    signing["secret_access_key"] = credentials.secretAccessKey;
    if (!credentials.sessionToken.empty()) signing["session_token"] = credentials.sessionToken;
  }
  signing["amz_date"] = date;
  signing["credential_scope"] = scope;
  signing["canonical_request"] = {
      {"method", request.method},
      {"uri", canonicalUri(url.path)},
      {"query", canonicalQuery(url.query)},
      {"headers", canonicalHeaders(request, url.host, date, credentials.sessionToken)}};
  return signing;
}

}  // namespace gw::providers::sigv4
