// Retry-After / retry-after-ms parsing (RFC 9110 §10.2.3): delay-seconds or an
// HTTP-date in any of its three forms. Pure: the host's clock comes in as nowMs.
#include <array>
#include <cctype>
#include <charconv>

#include "policy/retry.h"

namespace gw::policy {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int64_t toInt(std::string_view s) {
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

int monthNumber(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (token == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "08:49:37" -> seconds of the day, or -1.
int64_t timeOfDay(std::string_view t) {
  if (t.size() != 8 || t[2] != ':' || t[5] != ':') return -1;
  std::string_view h = t.substr(0, 2), m = t.substr(3, 2), s = t.substr(6, 2);
  if (!allDigits(h) || !allDigits(m) || !allDigits(s)) return -1;
  int64_t hh = toInt(h), mm = toInt(m), ss = toInt(s);
  if (hh > 23 || mm > 59 || ss > 60) return -1;
  return hh * 3600 + mm * 60 + ss;
}

// Epoch ms of "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT"
// or "Sun Nov  6 08:49:37 1994"; nullopt otherwise.
std::optional<int64_t> parseHttpDate(std::string_view text) {
  int64_t day = -1, year = -1, seconds = -1;
  int month = 0, numbers = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '-')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '-') ++i;
    std::string_view token = text.substr(start, i - start);
    if (token.empty()) continue;
    if (token.find(':') != std::string_view::npos) {
      seconds = timeOfDay(token);
    } else if (allDigits(token) && token.size() <= 4) {
      (numbers++ == 0 ? day : year) = toInt(token);
    } else if (int m = monthNumber(token)) {
      month = m;
    }
  }
  if (numbers != 2 || month == 0 || seconds < 0 || day < 1 || day > 31 || year < 0) {
    return std::nullopt;
  }
  if (year < 100) year += year < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  return (daysFromCivil(year, month, day) * 86400 + seconds) * 1000;
}

}  // namespace

std::optional<int64_t> parseRetryAfter(std::string_view value, int64_t nowMs) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (allDigits(value)) {
    if (value.size() > 9) return std::nullopt;  // > 30 years: not a real request
    return toInt(value) * 1000;
  }
  std::optional<int64_t> at = parseHttpDate(value);
  if (!at) return std::nullopt;
  return *at > nowMs ? *at - nowMs : 0;
}

std::optional<int64_t> retryAfterFrom(const std::vector<std::pair<std::string, std::string>>& headers,
                                      int64_t nowMs) {
  std::optional<int64_t> fromSeconds;
  for (const auto& [name, value] : headers) {
    if (name == "retry-after-ms") {
      // A decimal number of milliseconds ("1500", "20.5"), rounded up.
      std::string_view v = value;
      size_t dot = v.find('.');
      std::string_view whole = v.substr(0, dot);
      std::string_view fraction = dot == std::string_view::npos ? "" : v.substr(dot + 1);
      bool ok = allDigits(whole) && whole.size() <= 12 && (fraction.empty() || allDigits(fraction));
      if (ok) return toInt(whole) + (fraction.find_first_not_of('0') != std::string_view::npos);
    } else if (name == "retry-after") {
      fromSeconds = parseRetryAfter(value, nowMs);
    }
  }
  return fromSeconds;
}

}  // namespace gw::policy
