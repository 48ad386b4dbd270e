#pragma once
// Gemini's `Schema` (an OpenAPI 3.0 subset: function `parameters`, generationConfig
// `responseSchema`) -> JSON Schema, which the unified request carries (OpenAI's
// `parameters`, `response_format.json_schema.schema`).
// API reference: https://ai.google.dev/api/caching#Schema
//
//   type "OBJECT" / "object" ...   -> "object" (lower case); TYPE_UNSPECIFIED -> no type
//   nullable: true                 -> type [<type>, "null"] (nothing without a type: any
//                                     value, null included, is already allowed)
//   properties, items, anyOf       -> converted recursively
//   example                        -> examples: [example]
//   propertyOrdering               -> left out (JSON Schema objects are unordered; it only
//                                     orders the keys of Gemini's own output)
//   format, title, description, enum, required, default, minimum, maximum, minItems,
//   maxItems, minLength, maxLength, minProperties, maxProperties, pattern -> copied
// Any other key is a 400 naming it (Gemini would refuse it too).
// `parametersJsonSchema` / `responseJsonSchema` are JSON Schema already and are not
// converted.
#include <string>

#include "core/status.h"

namespace gw::clients::gemini {

/// The JSON Schema for a Gemini Schema object, or a 400 naming the offending field
/// (paths below `where`).
Outcome<Json> jsonSchemaOf(const Json& schema, const std::string& where);

}  // namespace gw::clients::gemini
