#pragma once
// Result types for the data plane: no exceptions cross a module boundary.
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/json.h"

namespace gw {

/// Every error the gateway can produce, from the table in errors.def.
enum class ErrorCode {
#define GW_ERROR(name, status, id) name,
#include "core/errors.def"
#undef GW_ERROR
};

/// HTTP status of a code (0 when the status travels with the Status itself).
int httpStatusOf(ErrorCode code);
/// Stable wire id of a code (used as OpenAI `error.type`/`code`).
const char* errorIdOf(ErrorCode code);

/// An error value. `detail` holds a structured detail when the wire format wants
/// one (e.g. an upstream JSON body); otherwise `message` is the detail.
struct Status {
  ErrorCode code = ErrorCode::Ok;
  std::string message;
  int httpStatus = 0;          ///< overrides the table's status when non-zero
  std::optional<Json> detail;  ///< structured detail, sent instead of `message`
  std::string param;           ///< the request field at fault, when known

  bool ok() const { return code == ErrorCode::Ok; }
  int status() const { return httpStatus != 0 ? httpStatus : httpStatusOf(code); }
};

/// Builds an error Status.
inline Status makeError(ErrorCode code, std::string message, std::string param = {}) {
  Status s;
  s.code = code;
  s.message = std::move(message);
  s.param = std::move(param);
  return s;
}

/// A value or an error.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Outcome(Status error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T&& take() { return std::move(std::get<T>(state_)); }
  const Status& error() const { return std::get<Status>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace gw

/// Evaluates an Outcome-returning expression; on error returns the Status from
/// the enclosing function, otherwise binds the value to `var`.
#define GW_CONCAT_INNER(a, b) a##b
#define GW_CONCAT(a, b) GW_CONCAT_INNER(a, b)
#define GW_TRY(var, expr)                                          \
  auto GW_CONCAT(gw_try_, __LINE__) = (expr);                      \
  if (!GW_CONCAT(gw_try_, __LINE__).ok())                          \
    return GW_CONCAT(gw_try_, __LINE__).error();                   \
  var = GW_CONCAT(gw_try_, __LINE__).take()

/// Returns the Status if it is an error.
#define GW_CHECK(expr)                      \
  do {                                      \
    ::gw::Status gw_check_status = (expr);  \
    if (!gw_check_status.ok()) return gw_check_status; \
  } while (0)
