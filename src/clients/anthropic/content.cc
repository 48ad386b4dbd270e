#include "clients/anthropic/content.h"

#include <string>

#include "clients/field_checks.h"

namespace gw::clients::anthropic {
namespace {

// A block must be an object with a string `type`.
Outcome<std::string> blockType(const Json& block, const std::string& where) {
  if (!block.is_object()) return fieldError(where, "Input should be a valid dictionary");
  return requiredString(block, "type", where);
}

// `citations` is replayed as null or [] from responses; real citations have no unified form.
Status checkCitations(const Json& block, const std::string& where) {
  const Json* c = findMember(block, "citations");
  if (!c || c->is_null() || (c->is_array() && c->empty())) return Status{};
  return untranslatable(pathAt(where, "citations"), "citations");
}

// A text block's text.
Outcome<std::string> blockText(const Json& block, const std::string& where) {
  GW_CHECK(onlyKeys(block, {"type", "text", "cache_control", "citations"}, where));
  GW_CHECK(checkCitations(block, where));
  return requiredString(block, "text", where);
}

Json textPart(std::string text) { return Json{{"type", "text"}, {"text", std::move(text)}}; }

// Text blocks only (system, tool_result content), joined with "\n".
Outcome<std::string> joinedText(const Json& blocks, const std::string& where, std::string_view what) {
  if (!blocks.is_array()) return fieldError(where, "Input should be a valid string or list of text blocks");
  std::string joined;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const std::string at = pathAt(where, i);
    GW_TRY(std::string type, blockType(blocks[i], at));
    if (type != "text") {
      return untranslatable(pathAt(at, "type"), "'" + type + "' blocks in " + std::string(what));
    }
    GW_TRY(std::string text, blockText(blocks[i], at));
    if (i > 0) joined.push_back('\n');
    joined += text;
  }
  return joined;
}

Outcome<std::string> imageUrl(const Json& source, const std::string& where) {
  if (!source.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_TRY(std::string type, requiredString(source, "type", where));
  if (type == "base64") {
    GW_CHECK(onlyKeys(source, {"type", "media_type", "data"}, where));
    GW_TRY(std::string mediaType, requiredString(source, "media_type", where));
    GW_TRY(std::string data, requiredString(source, "data", where));
    return "data:" + mediaType + ";base64," + data;
  }
  if (type == "url") {
    GW_CHECK(onlyKeys(source, {"type", "url"}, where));
    return requiredString(source, "url", where);
  }
  return untranslatable(pathAt(where, "type"), "'" + type + "' image sources");
}

Outcome<Json> imagePart(const Json& block, const std::string& where) {
  GW_CHECK(onlyKeys(block, {"type", "source", "cache_control"}, where));
  const Json* source = findMember(block, "source");
  if (!source) return fieldError(pathAt(where, "source"), "Field required");
  GW_TRY(std::string url, imageUrl(*source, pathAt(where, "source")));
  return Json{{"type", "image_url"}, {"image_url", Json{{"url", std::move(url)}}}};
}

Outcome<Json> toolMessage(const Json& block, const std::string& where) {
  GW_CHECK(onlyKeys(block, {"type", "tool_use_id", "content", "is_error", "cache_control"}, where));
  GW_TRY(std::string id, requiredString(block, "tool_use_id", where));
  GW_TRY(bool isError, optionalBool(block, "is_error", where));
  std::string text;
  const Json* content = findMember(block, "content");
  if (content && content->is_string()) {
    text = content->get<std::string>();
  } else if (content && !content->is_null()) {
    GW_TRY(text, joinedText(*content, pathAt(where, "content"), "tool_result content"));
  }
  if (isError) text = "Error: " + text;
  return Json{{"role", "tool"}, {"tool_call_id", std::move(id)}, {"content", std::move(text)}};
}

Outcome<Json> toolCall(const Json& block, const std::string& where) {
  GW_CHECK(onlyKeys(block, {"type", "id", "name", "input", "cache_control", "caller"}, where));
  const Json* caller = findMember(block, "caller");
  if (caller && !caller->is_null() && stringMember(*caller, "type") != "direct") {
    return untranslatable(pathAt(where, "caller"), "a caller other than 'direct'");
  }
  GW_TRY(std::string id, requiredString(block, "id", where));
  GW_TRY(std::string name, requiredString(block, "name", where));
  const Json* input = findMember(block, "input");
  if (!input) return fieldError(pathAt(where, "input"), "Field required");
  if (!input->is_object()) return fieldError(pathAt(where, "input"), "Input should be a valid dictionary");
  return Json{{"id", std::move(id)},
              {"type", "function"},
              {"function", Json{{"name", std::move(name)}, {"arguments", dumpJson(*input)}}}};
}

// One text block -> a string; anything else stays a list of parts.
Json collapse(Json parts) {
  if (parts.size() == 1 && parts[0]["type"] == "text") return std::move(parts[0]["text"]);
  return parts;
}

// One user/assistant block: a part, a tool call or a tool message, by role.
struct Translated {
  Json parts = Json::array();
  Json toolCalls = Json::array();
  Json toolMessages = Json::array();
};

Status translateBlock(const Json& block, bool user, const std::string& where, Translated& out) {
  GW_TRY(std::string type, blockType(block, where));
  if (type == "text") {
    GW_TRY(std::string text, blockText(block, where));
    out.parts.push_back(textPart(std::move(text)));
  } else if (type == "image" && user) {
    GW_TRY(Json part, imagePart(block, where));
    out.parts.push_back(std::move(part));
  } else if (type == "tool_result" && user) {
    GW_TRY(Json message, toolMessage(block, where));
    out.toolMessages.push_back(std::move(message));
  } else if (type == "tool_use" && !user) {
    GW_TRY(Json call, toolCall(block, where));
    out.toolCalls.push_back(std::move(call));
  } else {
    return untranslatable(pathAt(where, "type"),
                          "'" + type + "' blocks in " + (user ? "user" : "assistant") + " messages");
  }
  return Status{};
}

Status appendBlocks(const Json& blocks, bool user, const std::string& where, Json& out) {
  if (blocks.empty()) return fieldError(where, "List should have at least 1 item");
  Translated t;
  for (size_t i = 0; i < blocks.size(); ++i) GW_CHECK(translateBlock(blocks[i], user, pathAt(where, i), t));
  for (Json& message : t.toolMessages) out.push_back(std::move(message));
  if (user) {
    if (!t.parts.empty()) out.push_back(Json{{"role", "user"}, {"content", collapse(std::move(t.parts))}});
    return Status{};
  }
  Json message{{"role", "assistant"}, {"content", t.parts.empty() ? Json() : collapse(std::move(t.parts))}};
  if (!t.toolCalls.empty()) message["tool_calls"] = std::move(t.toolCalls);
  out.push_back(std::move(message));
  return Status{};
}

}  // namespace

Outcome<Json> systemMessage(const Json& system) {
  if (system.is_string()) return Json{{"role", "system"}, {"content", system}};
  if (system.is_array() && system.empty()) return Json();
  GW_TRY(std::string text, joinedText(system, "system", "system"));
  return Json{{"role", "system"}, {"content", std::move(text)}};
}

Status appendMessages(const Json& message, size_t index, Json& out) {
  const std::string where = pathAt("messages", index);
  if (!message.is_object()) return fieldError(where, "Input should be a valid dictionary");
  GW_CHECK(onlyKeys(message, {"role", "content"}, where));
  GW_TRY(std::string role, requiredString(message, "role", where));
  if (role != "user" && role != "assistant") {
    return fieldError(pathAt(where, "role"), "Input should be 'user' or 'assistant'");
  }
  const Json* content = findMember(message, "content");
  const std::string contentPath = pathAt(where, "content");
  if (!content) return fieldError(contentPath, "Field required");
  if (content->is_string()) {
    out.push_back(Json{{"role", role}, {"content", *content}});
    return Status{};
  }
  if (!content->is_array()) {
    return fieldError(contentPath, "Input should be a valid string or list of content blocks");
  }
  return appendBlocks(*content, role == "user", contentPath, out);
}

}  // namespace gw::clients::anthropic
