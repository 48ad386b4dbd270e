#include "schema/request.h"

#include <cmath>

#include "schema/violations.h"

namespace gw::schema {
namespace {

using vocab::RouteType;

// Records a violation whose input is a value of the body.
void addFinding(ViolationList& out, Json loc, const char* type, std::string msg, JsonRef input) {
  if (!input) return out.add(std::move(loc), type, std::move(msg), nullptr);
  Json value = input.toJson();
  out.add(std::move(loc), type, std::move(msg), &value);
}

Json elementLoc(std::string_view key, size_t index) {
  Json loc = bodyLoc(key);
  loc.push_back(index);
  return loc;
}

// Field-level checks. Each records a pydantic-style violation and returns
// whether the field is acceptable (absent or null counts as acceptable).
class BodyChecker {
 public:
  BodyChecker(JsonRef body, ViolationList& out) : body_(body), out_(out) {}

  JsonRef present(std::string_view key) const {
    JsonRef v = body_.find(key);
    return v.present() ? v : JsonRef();
  }

  void number(std::string_view key, double min, double max) {
    JsonRef v = present(key);
    if (!v) return;
    if (!v.isNumber()) return fail(key, "float_type", "Input should be a valid number", v);
    bounds(key, v.number(), min, max, v);
  }

  void integer(std::string_view key, double min, double max) {
    JsonRef v = present(key);
    if (!v) return;
    // As a DOM sees it: an integer, or a float without a fraction.
    bool whole = v.isNumber() && (v.isInteger() || std::floor(v.number()) == v.number());
    if (!whole) return fail(key, "int_type", "Input should be a valid integer", v);
    bounds(key, v.number(), min, max, v);
  }

  void boolean(std::string_view key) {
    JsonRef v = present(key);
    if (v && !v.isBool()) fail(key, "bool_type", "Input should be a valid boolean", v);
  }

  void stringList(std::string_view key) {
    JsonRef v = present(key);
    if (!v) return;
    if (!v.isArray()) return fail(key, "list_type", "Input should be a valid list", v);
    if (v.size() == 0) {
      return fail(key, "too_short", "List should have at least 1 item after validation, not 0",
                  v);
    }
    size_t i = 0;
    for (JsonRef element : v.elements()) {
      if (!element.isString()) {
        addFinding(out_, elementLoc(key, i), "string_type", "Input should be a valid string",
                   element);
      }
      ++i;
    }
  }

  void object(std::string_view key) {
    JsonRef v = present(key);
    if (v && !v.isObject()) fail(key, "dict_type", "Input should be a valid dictionary", v);
  }

  // A required string field.
  void requiredString(std::string_view key) {
    JsonRef v = body_.find(key);
    if (!v) return out_.add(bodyLoc(key), "missing", "Field required", nullptr);
    if (!v.isString()) fail(key, "string_type", "Input should be a valid string", v);
  }

  void fail(std::string_view key, const char* type, std::string msg, JsonRef v) {
    addFinding(out_, bodyLoc(key), type, std::move(msg), v);
  }

 private:
  void bounds(std::string_view key, double x, double min, double max, JsonRef v) {
    if (x < min) {
      fail(key, "greater_than_equal", "Input should be greater than or equal to " + fmt(min), v);
    } else if (x > max) {
      fail(key, "less_than_equal", "Input should be less than or equal to " + fmt(max), v);
    }
  }
  static std::string fmt(double x) {
    Json j = x;
    if (x == std::floor(x)) j = static_cast<int64_t>(x);
    return j.dump();
  }

  JsonRef body_;
  ViolationList& out_;
};

constexpr double kUnbounded = 1e300;

void checkCommonG2(BodyChecker& c) {
  c.number("temperature", 0, 2);
  c.integer("n", 1, kUnbounded);
  c.stringList("stop");
  c.integer("max_tokens", 1, kUnbounded);
  c.integer("max_completion_tokens", 1, kUnbounded);
  c.boolean("stream");
  c.object("stream_options");
  c.number("top_p", 0, 1);
  c.number("presence_penalty", -2, 2);
  c.number("frequency_penalty", -2, 2);
  c.integer("top_k", 1, kUnbounded);
}

void checkCommonG1(BodyChecker& c) {
  c.number("temperature", 0, 1);
  c.integer("candidate_count", 1, 5);
  c.stringList("stop");
  c.integer("max_tokens", 1, kUnbounded);
}

// ["body", "messages", index, field]; built only for a finding.
Json messageLoc(size_t index, const char* field) {
  Json loc = elementLoc("messages", index);
  if (field) loc.push_back(field);
  return loc;
}

// One message: {role: str, content: str | list | null, ...}.
void checkMessage(JsonRef m, size_t index, WireSchema schema, ViolationList& out) {
  if (!m.isObject()) {
    return addFinding(out, messageLoc(index, nullptr), "model_type",
                      "Input should be a valid dictionary or instance of Message", m);
  }
  JsonRef role = m.find("role");
  if (!role) {
    out.add(messageLoc(index, "role"), "missing", "Field required", nullptr);
  } else if (!role.isString()) {
    addFinding(out, messageLoc(index, "role"), "string_type", "Input should be a valid string",
               role);
  }
  JsonRef content = m.find("content");
  bool g1 = schema == WireSchema::Candidates;
  if (g1 && !content) {
    out.add(messageLoc(index, "content"), "missing", "Field required", nullptr);
  } else if (content && !content.isString() && (g1 || !(content.isArray() || content.isNull()))) {
    addFinding(out, messageLoc(index, "content"), "string_type", "Input should be a valid string",
               content);
  }
}

// messages: a non-empty list of messages.
void checkMessages(JsonRef body, WireSchema schema, ViolationList& out) {
  JsonRef messages = body.find("messages");
  if (!messages) return out.add(bodyLoc("messages"), "missing", "Field required", nullptr);
  if (!messages.isArray()) {
    return addFinding(out, bodyLoc("messages"), "list_type", "Input should be a valid list",
                      messages);
  }
  if (messages.size() == 0) {
    return addFinding(out, bodyLoc("messages"), "too_short",
                      "List should have at least 1 item after validation, not 0", messages);
  }
  size_t i = 0;
  for (JsonRef m : messages.elements()) checkMessage(m, i++, schema, out);
}

bool isIntList(JsonRef v) {
  for (JsonRef x : v.elements()) {
    if (!x.isInteger()) return false;
  }
  return true;
}

// Embeddings input: str | list[str] | list[int] | list[list[int]].
void checkEmbeddingInput(JsonRef body, std::string_view key, ViolationList& out) {
  JsonRef v = body.find(key);
  if (!v) return out.add(bodyLoc(key), "missing", "Field required", nullptr);
  if (v.isString()) return;
  if (v.isArray()) {
    bool allStrings = true, allIntLists = true;
    for (JsonRef x : v.elements()) {
      allStrings = allStrings && x.isString();
      allIntLists = allIntLists && x.isArray() && isIntList(x);
    }
    if (allStrings || isIntList(v) || allIntLists) return;
  }
  addFinding(out, bodyLoc(key), "union_type",
             "Input should be a valid string, a list of strings, a list of integers or a list "
             "of lists of integers",
             v);
}

void checkTypeFields(JsonRef body, RouteType type, WireSchema schema, ViolationList& out) {
  BodyChecker c(body, out);
  switch (type) {
    case RouteType::Completions: c.requiredString("prompt"); break;
    case RouteType::Chat: checkMessages(body, schema, out); break;
    case RouteType::Embeddings:
      checkEmbeddingInput(body, schema == WireSchema::Candidates ? "text" : "input", out);
      break;
  }
  if (type == RouteType::Embeddings) return;  // embeddings take no common fields
  if (schema == WireSchema::Candidates) checkCommonG1(c);
  else checkCommonG2(c);
}

// G1 -> unified: candidate_count -> n, temperature 0..1 -> 0..2, text -> input.
// MLflow 2.5–2.8 always sent its defaults (temperature 0.0, candidate_count 1).
Json unifyCandidatesRequest(Json body, RouteType type) {
  if (type == RouteType::Embeddings) {
    Json text = std::move(body["text"]);
    body.erase("text");
    body["input"] = std::move(text);
    return body;
  }
  const Json* t = findMember(body, "temperature");
  double temperature = t && t->is_number() ? t->get<double>() : 0.0;
  body["temperature"] = temperature * 2;
  const Json* count = findMember(body, "candidate_count");
  body["n"] = count && count->is_number() ? count->get<int64_t>() : 1;
  body.erase("candidate_count");
  for (const char* key : {"stop", "max_tokens"}) {
    const Json* v = findMember(body, key);
    if (v && v->is_null()) body.erase(key);
  }
  return body;
}

}  // namespace

Outcome<ValidatedRequest> validateRequest(RouteType type, WireSchema schema, Surface surface,
                                          JsonTape body) {
  ViolationList violations;
  JsonRef root = body.root();
  if (!root.isObject()) {
    addFinding(violations, Json::array({"body"}), "model_attributes_type",
               "Input should be a valid dictionary or object to extract fields from", root);
    return violations.toStatus();
  }
  if (surface == Surface::Invocations && root.find("model").present()) {
    return makeError(ErrorCode::Unprocessable,
                     "The parameter 'model' is not permitted to be passed. The route being "
                     "queried already defines a model instance.",
                     "model");
  }
  checkTypeFields(root, type, schema, violations);
  if (!violations.empty()) return violations.toStatus();
  return ValidatedRequest(std::move(body), type, schema);
}

bool ValidatedRequest::stream() const { return body_.root().find("stream").boolean(); }

Json ValidatedRequest::unified() const {
  Json body = body_.root().toJson();
  body.erase("model");
  if (schema_ == WireSchema::Candidates) return unifyCandidatesRequest(std::move(body), type_);
  return body;
}

const JsonTape* ValidatedRequest::spliceableBody() const {
  return schema_ == WireSchema::OpenAILike && !body_.hasDuplicateKeys() ? &body_ : nullptr;
}

}  // namespace gw::schema
