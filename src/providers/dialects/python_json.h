#pragma once
// Python `json.dumps` formatting, for values MLflow serialises with it (e.g. the
// `arguments` string of a tool call generated from an object).
#include <string>

#include "core/json.h"

namespace gw::providers {

/// Serialises like Python's `json.dumps(value)` with its defaults: separators
/// ", " and ": ", `ensure_ascii=True` (every character outside printable ASCII,
/// including DEL, as `\uXXXX`, astral characters as surrogate pairs), floats in
/// `repr` form (`1.0`, `1e-05`, `1e+16`). Keys keep their order.
std::string pythonJsonDumps(const Json& value);

}  // namespace gw::providers
