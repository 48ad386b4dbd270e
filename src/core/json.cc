#include "core/json.h"

namespace gw {

Json parseJson(std::string_view text) {
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

std::string dumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string describeJsonError(std::string_view text) {
  try {
    Json ignored = Json::parse(text.begin(), text.end());
    (void)ignored;
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> after "] ".
    size_t bracket = what.find("] ");
    return bracket == std::string::npos ? what : what.substr(bracket + 2);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "unknown error";
}

}  // namespace gw
