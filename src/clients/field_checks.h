#pragma once
// Field checks for a client dialect's request body (clients/anthropic, clients/gemini).
// Every failure is a 400 (ErrorCode::BadRequest) whose `param` is the field's path and
// whose message starts with that path, the way the dialects' own validation errors
// read: Anthropic's dotted `messages.2.content.0.type: Field required`, Google's
// `contents[2].parts[0].text` (indexPath).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/status.h"

namespace gw::clients {

/// `base.index` (or just `index` when `base` is empty).
std::string pathAt(std::string_view base, size_t index);
/// `base[index]`, Google's style of naming a list element.
std::string indexPath(std::string_view base, size_t index);
/// `base.key` (or just `key` when `base` is empty).
std::string pathAt(std::string_view base, std::string_view key);

/// A 400 naming `param`: "<param>: <reason>".
Status fieldError(const std::string& param, std::string_view reason);
/// A 400 for a field or value the unified chat request has no place for:
/// "<param>: <what> cannot be translated to this endpoint's provider".
Status untranslatable(const std::string& param, std::string_view what);

/// Fails on the first member of `object` whose key is not in `allowed`
/// (untranslatable, param `base.key`). `object` must be an object.
Status onlyKeys(const Json& object, std::initializer_list<std::string_view> allowed,
                std::string_view base);

/// A member that must be present and a string.
Outcome<std::string> requiredString(const Json& object, std::string_view key,
                                    std::string_view base);
/// An optional string member: empty when absent or null, an error when another type.
Outcome<std::string> optionalString(const Json& object, std::string_view key,
                                    std::string_view base);
/// An optional boolean member: `fallback` when absent or null.
Outcome<bool> optionalBool(const Json& object, std::string_view key, std::string_view base,
                           bool fallback = false);
/// An integer (or a float with no fraction) >= `min`.
Outcome<int64_t> integerAtLeast(const Json& value, int64_t min, const std::string& param);
/// A number in [min, max].
Status numberIn(const Json& value, double min, double max, const std::string& param);

/// Whether a member is absent or null.
bool absent(const Json& object, std::string_view key);

}  // namespace gw::clients
