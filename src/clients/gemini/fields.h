#pragma once
// Reading a Gemini request's own objects. Google's JSON mapping of its protobuf
// messages accepts each field as lowerCamelCase (`systemInstruction`, what the SDKs
// send) or as its proto name (`system_instruction`, what REST examples and curl users
// send); the translator reads camelCase only, after camelKeys.
#include <string>

#include "core/status.h"

namespace gw::clients::gemini {

/// `object` with its own keys (one level, never the values: function args and schema
/// property names are the client's) in lowerCamelCase; a 400 naming `where` when it is
/// not an object or when both spellings of a field appear.
Outcome<Json> camelKeys(const Json& object, const std::string& where);

}  // namespace gw::clients::gemini
