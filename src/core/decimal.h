#pragma once
// Decimal text -> double without the C library on the common path. musl's
// strtod computes in `long double`, which Wasm emulates in software (128-bit
// floats): a microsecond and more per number. Numbers of up to 19 significant
// digits with a decimal exponent within ±19 (nearly every number in an API
// payload) are converted here with 128-bit integer arithmetic instead.
#include <optional>
#include <string_view>

namespace gw {

/// The value of `text` when it is a number in JSON syntax
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), correctly rounded to the
/// nearest double (ties to even), as strtod would give; nullopt otherwise.
/// Overflow gives ±infinity, as strtod does.
std::optional<double> parseDecimal(std::string_view text);

}  // namespace gw
