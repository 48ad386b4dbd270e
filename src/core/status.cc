#include "core/status.h"

namespace gw {
namespace {
struct ErrorRow {
  int status;
  const char* id;
};
constexpr ErrorRow kErrorRows[] = {
#define GW_ERROR(name, status, id) {status, id},
#include "core/errors.def"
#undef GW_ERROR
};
}  // namespace

int httpStatusOf(ErrorCode code) { return kErrorRows[static_cast<int>(code)].status; }
const char* errorIdOf(ErrorCode code) { return kErrorRows[static_cast<int>(code)].id; }

}  // namespace gw
