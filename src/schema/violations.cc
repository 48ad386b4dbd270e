#include "schema/violations.h"

namespace gw::schema {

void ViolationList::add(Json loc, std::string type, std::string msg, const Json* input) {
  Violation v;
  v.loc = std::move(loc);
  v.type = std::move(type);
  v.msg = std::move(msg);
  v.hasInput = input != nullptr;
  if (input) v.input = *input;
  items_.push_back(std::move(v));
}

namespace {
// "messages.0.role" from ["body", "messages", 0, "role"].
std::string dottedField(const Json& loc) {
  std::string out;
  for (size_t i = 1; i < loc.size(); ++i) {
    if (!out.empty()) out += '.';
    out += loc[i].is_string() ? loc[i].get<std::string>() : loc[i].dump();
  }
  return out;
}
}  // namespace

Status ViolationList::toStatus() const {
  Json detail = Json::array();
  std::string message;
  for (const Violation& v : items_) {
    Json item = {{"type", v.type}, {"loc", v.loc}, {"msg", v.msg}};
    if (v.hasInput) item["input"] = v.input;
    detail.push_back(std::move(item));
    if (!message.empty()) message += "; ";
    message += dottedField(v.loc) + ": " + v.msg;
  }
  Status s = makeError(ErrorCode::Unprocessable, message,
                       items_.empty() ? std::string() : dottedField(items_.front().loc));
  s.detail = std::move(detail);
  return s;
}

Json bodyLoc(std::string_view key) { return Json::array({"body", std::string(key)}); }

}  // namespace gw::schema
