#include "clients/gemini/token_estimate.h"

#include "clients/token_estimate.h"

namespace gw::clients::gemini {
namespace {

bool isMedia(JsonRef part) {
  for (const char* key : {"inlineData", "inline_data", "fileData", "file_data"}) {
    if (part.find(key).present()) return true;
  }
  return false;
}

JsonRef either(JsonRef object, const char* camel, const char* snake) {
  JsonRef v = object.find(camel);
  return v.present() ? v : object.find(snake);
}

}  // namespace

Outcome<int64_t> estimateTotalTokens(JsonRef body) {
  JsonRef request = either(body, "generateContentRequest", "generate_content_request");
  if (!request.isObject()) request = body;
  JsonRef contents = request.find("contents");
  if (!contents.isArray()) {
    return makeError(ErrorCode::BadRequest, "contents: Field required (a list of Content).", "contents");
  }
  TokenTally tally(isMedia);
  for (JsonRef content : contents.elements()) {
    tally.add(content.find("parts"));
    tally.addMessage();
  }
  tally.add(either(request, "systemInstruction", "system_instruction"));
  tally.add(request.find("tools"));
  return tally.tokens();
}

}  // namespace gw::clients::gemini
