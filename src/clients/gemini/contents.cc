#include "clients/gemini/contents.h"

#include <string>
#include <vector>

#include "clients/field_checks.h"
#include "clients/unified_request.h"
#include "clients/gemini/fields.h"

namespace gw::clients::gemini {
namespace {

// A functionCall of the latest model turn, for the functionResponses that answer it.
struct Call {
  std::string name;
  std::string id;
  bool answered = false;
};

// What one turn becomes.
struct Turn {
  Json tools = Json::array();    // {role: tool} messages (user turns)
  Json parts = Json::array();    // text and image parts
  Json calls = Json::array();    // tool_calls (model turns)
};

constexpr const char* kPartFields[] = {"text", "inlineData", "fileData", "functionCall",
                                       "functionResponse"};

// A part with exactly one data field, its keys in camelCase.
Outcome<Json> readPart(const Json& raw, const std::string& where) {
  GW_TRY(Json part, camelKeys(raw, where));
  GW_CHECK(onlyKeys(part, {"text", "inlineData", "fileData", "functionCall", "functionResponse",
                           "thought", "thoughtSignature"},
                    where));
  GW_TRY(bool thought, optionalBool(part, "thought", where));
  if (thought) return untranslatable(pathAt(where, "thought"), "a thought part");
  int fields = 0;
  for (const char* key : kPartFields) fields += absent(part, key) ? 0 : 1;
  if (fields != 1) {
    return fieldError(where, "A part holds exactly one of text, inlineData, fileData, "
                             "functionCall and functionResponse");
  }
  if (!absent(part, "text") && !part["text"].is_string()) {
    return fieldError(pathAt(where, "text"), "Input should be a valid string");
  }
  return part;
}

Outcome<std::string> imageMimeType(const Json& data, const std::string& where, bool required) {
  GW_TRY(std::string mime, optionalString(data, "mimeType", where));
  if (mime.empty() && required) return fieldError(pathAt(where, "mimeType"), "Field required");
  if (!mime.empty() && !mime.starts_with("image/")) {
    return untranslatable(pathAt(where, "mimeType"), "'" + mime + "' data (images only)");
  }
  return mime;
}

Outcome<Json> imagePart(const Json& part, const std::string& where) {
  std::string url;
  if (!absent(part, "inlineData")) {
    const std::string at = pathAt(where, "inlineData");
    GW_TRY(Json data, camelKeys(part["inlineData"], at));
    GW_CHECK(onlyKeys(data, {"mimeType", "data"}, at));
    GW_TRY(std::string mime, imageMimeType(data, at, true));
    GW_TRY(std::string bytes, requiredString(data, "data", at));
    url = "data:" + mime + ";base64," + bytes;
  } else {
    const std::string at = pathAt(where, "fileData");
    GW_TRY(Json data, camelKeys(part["fileData"], at));
    GW_CHECK(onlyKeys(data, {"mimeType", "fileUri"}, at));
    GW_TRY(std::string mime, imageMimeType(data, at, false));
    GW_TRY(url, requiredString(data, "fileUri", at));
    if (!url.starts_with("https://") && !url.starts_with("http://")) {
      return untranslatable(pathAt(at, "fileUri"), "a file that is not at an http(s) URL");
    }
  }
  return Json{{"type", "image_url"}, {"image_url", Json{{"url", std::move(url)}}}};
}

Outcome<Json> toolCall(const Json& raw, const std::string& id, const std::string& where) {
  GW_TRY(Json call, camelKeys(raw, where));
  GW_CHECK(onlyKeys(call, {"name", "args", "id"}, where));
  GW_TRY(std::string name, requiredString(call, "name", where));
  GW_TRY(std::string ownId, optionalString(call, "id", where));
  Json args = absent(call, "args") ? Json::object() : call["args"];
  if (!args.is_object()) return fieldError(pathAt(where, "args"), "Input should be a valid object");
  return Json{{"id", ownId.empty() ? id : ownId},
              {"type", "function"},
              {"function", Json{{"name", std::move(name)}, {"arguments", dumpJson(args)}}}};
}

Outcome<Json> toolResult(const Json& raw, std::vector<Call>& pending, const std::string& where) {
  GW_TRY(Json result, camelKeys(raw, where));
  GW_CHECK(onlyKeys(result, {"name", "response", "id"}, where));
  GW_TRY(std::string name, requiredString(result, "name", where));
  GW_TRY(std::string id, optionalString(result, "id", where));
  const Json* response = findMember(result, "response");
  if (!response) return fieldError(pathAt(where, "response"), "Field required");
  if (!response->is_object()) return fieldError(pathAt(where, "response"), "Input should be a valid object");
  for (Call& call : pending) {
    bool match = id.empty() ? call.name == name : call.id == id;
    if (!match || call.answered) continue;
    call.answered = true;
    return Json{{"role", "tool"}, {"tool_call_id", call.id}, {"content", dumpJson(*response)}};
  }
  return fieldError(where, "The functionResponse '" + name + "' answers no functionCall of the "
                           "previous model turn");
}

Status readUserPart(const Json& part, std::vector<Call>& pending, const std::string& where, Turn& turn) {
  if (!absent(part, "functionCall")) {
    return fieldError(pathAt(where, "functionCall"), "A functionCall belongs in a model turn");
  }
  if (!absent(part, "functionResponse")) {
    GW_TRY(Json message, toolResult(part["functionResponse"], pending, pathAt(where, "functionResponse")));
    turn.tools.push_back(std::move(message));
  } else if (!absent(part, "text")) {
    if (!part["text"].get_ref<const std::string&>().empty()) turn.parts.push_back(unifiedTextPart(part["text"]));
  } else {
    GW_TRY(Json image, imagePart(part, where));
    turn.parts.push_back(std::move(image));
  }
  return Status{};
}

Status readModelPart(const Json& part, const std::string& id, const std::string& where, Turn& turn) {
  if (!absent(part, "functionCall")) {
    GW_TRY(Json call, toolCall(part["functionCall"], id, pathAt(where, "functionCall")));
    turn.calls.push_back(std::move(call));
  } else if (!absent(part, "text")) {
    if (!part["text"].get_ref<const std::string&>().empty()) turn.parts.push_back(unifiedTextPart(part["text"]));
  } else if (!absent(part, "functionResponse")) {
    return fieldError(pathAt(where, "functionResponse"), "A functionResponse belongs in a user turn");
  } else {
    return untranslatable(where, "an image in a model turn");
  }
  return Status{};
}

Outcome<std::string> roleOf(const Json& content, const std::string& where) {
  GW_TRY(std::string role, optionalString(content, "role", where));
  if (role.empty() || role == "function") return std::string("user");
  if (role != "user" && role != "model") {
    return fieldError(pathAt(where, "role"), "Input should be 'user' or 'model'");
  }
  return role;
}

Status appendContent(const Json& raw, size_t index, std::vector<Call>& pending, Json& out) {
  const std::string where = indexPath("contents", index);
  GW_TRY(Json content, camelKeys(raw, where));
  GW_CHECK(onlyKeys(content, {"role", "parts"}, where));
  GW_TRY(std::string role, roleOf(content, where));
  const Json* parts = findMember(content, "parts");
  if (!parts || !parts->is_array()) return fieldError(pathAt(where, "parts"), "Input should be a valid list");
  Turn turn;
  if (role == "model") pending.clear();
  for (size_t j = 0; j < parts->size(); ++j) {
    const std::string at = indexPath(pathAt(where, "parts"), j);
    GW_TRY(Json part, readPart((*parts)[j], at));
    if (role == "user") {
      GW_CHECK(readUserPart(part, pending, at, turn));
    } else {
      std::string id = "call_" + std::to_string(index) + "_" + std::to_string(j);
      GW_CHECK(readModelPart(part, id, at, turn));
    }
  }
  for (Json& tool : turn.tools) out.push_back(std::move(tool));
  if (role == "user") {
    if (!turn.parts.empty() || turn.tools.empty()) {
      out.push_back(Json{{"role", "user"}, {"content", unifiedContent(std::move(turn.parts))}});
    }
    return Status{};
  }
  Json message{{"role", "assistant"}};
  message["content"] = turn.parts.empty() && !turn.calls.empty() ? Json() : unifiedContent(std::move(turn.parts));
  for (const Json& call : turn.calls) {
    pending.push_back(Call{call["function"]["name"].get<std::string>(), call["id"].get<std::string>()});
  }
  if (!turn.calls.empty()) message["tool_calls"] = std::move(turn.calls);
  out.push_back(std::move(message));
  return Status{};
}

}  // namespace

Outcome<Json> systemMessage(const Json& instruction) {
  GW_TRY(Json content, camelKeys(instruction, "systemInstruction"));
  GW_CHECK(onlyKeys(content, {"role", "parts"}, "systemInstruction"));
  const Json* parts = findMember(content, "parts");
  if (!parts || !parts->is_array()) return fieldError("systemInstruction.parts", "Input should be a valid list");
  std::string text;
  for (size_t j = 0; j < parts->size(); ++j) {
    const std::string at = indexPath("systemInstruction.parts", j);
    GW_TRY(Json part, readPart((*parts)[j], at));
    if (absent(part, "text")) return untranslatable(at, "a system instruction part that is not text");
    text += part["text"].get_ref<const std::string&>();
  }
  if (text.empty()) return Json();
  return Json{{"role", "system"}, {"content", std::move(text)}};
}

Status appendContents(const Json& contents, Json& out) {
  std::vector<Call> pending;
  for (size_t i = 0; i < contents.size(); ++i) GW_CHECK(appendContent(contents[i], i, pending, out));
  return Status{};
}

}  // namespace gw::clients::gemini
