#pragma once
// FastAPI/pydantic-style validation findings: {"type", "loc", "msg", "input"}.
#include <string>
#include <vector>

#include "core/status.h"

namespace gw::schema {

/// One failed field check.
struct Violation {
  Json loc;          ///< e.g. ["body", "messages", 0, "role"]
  std::string type;  ///< pydantic error type, e.g. "less_than_equal"
  std::string msg;   ///< pydantic message, e.g. "Input should be less than or equal to 2"
  Json input;        ///< the offending value (absent for "missing")
  bool hasInput = true;
};

/// Collects violations while a body is checked.
class ViolationList {
 public:
  void add(Json loc, std::string type, std::string msg, const Json* input);
  bool empty() const { return items_.empty(); }
  /// A 422 Status: detail = [{type, loc, msg, input}], message = "field: msg".
  Status toStatus() const;

 private:
  std::vector<Violation> items_;
};

/// Path helper: ["body", key].
Json bodyLoc(std::string_view key);

}  // namespace gw::schema
