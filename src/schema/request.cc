#include "schema/request.h"

#include <cmath>

#include "schema/violations.h"

namespace gw::schema {
namespace {

using config::RouteType;

// Field-level checks. Each records a pydantic-style violation and returns
// whether the field is acceptable (absent or null counts as acceptable).
class BodyChecker {
 public:
  BodyChecker(const Json& body, ViolationList& out) : body_(body), out_(out) {}

  const Json* present(std::string_view key) const {
    const Json* v = findMember(body_, key);
    return v && !v->is_null() ? v : nullptr;
  }

  void number(std::string_view key, double min, double max) {
    const Json* v = present(key);
    if (!v) return;
    if (!v->is_number() || v->is_boolean()) {
      return fail(key, "float_type", "Input should be a valid number", v);
    }
    bounds(key, v->get<double>(), min, max, v);
  }

  void integer(std::string_view key, double min, double max) {
    const Json* v = present(key);
    if (!v) return;
    bool whole = v->is_number_integer() ||
                 (v->is_number_float() && std::floor(v->get<double>()) == v->get<double>());
    if (!whole || v->is_boolean()) {
      return fail(key, "int_type", "Input should be a valid integer", v);
    }
    bounds(key, v->get<double>(), min, max, v);
  }

  void boolean(std::string_view key) {
    const Json* v = present(key);
    if (v && !v->is_boolean()) fail(key, "bool_type", "Input should be a valid boolean", v);
  }

  void stringList(std::string_view key) {
    const Json* v = present(key);
    if (!v) return;
    if (!v->is_array()) return fail(key, "list_type", "Input should be a valid list", v);
    if (v->empty()) {
      return fail(key, "too_short", "List should have at least 1 item after validation, not 0",
                  v);
    }
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        Json loc = bodyLoc(key);
        loc.push_back(i);
        out_.add(loc, "string_type", "Input should be a valid string", &(*v)[i]);
      }
    }
  }

  void object(std::string_view key) {
    const Json* v = present(key);
    if (v && !v->is_object()) {
      fail(key, "dict_type", "Input should be a valid dictionary", v);
    }
  }

  // A required string field.
  void requiredString(std::string_view key) {
    const Json* v = findMember(body_, key);
    if (!v) return out_.add(bodyLoc(key), "missing", "Field required", nullptr);
    if (!v->is_string()) fail(key, "string_type", "Input should be a valid string", v);
  }

  void fail(std::string_view key, const char* type, std::string msg, const Json* v) {
    out_.add(bodyLoc(key), type, std::move(msg), v);
  }

 private:
  void bounds(std::string_view key, double x, double min, double max, const Json* v) {
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

  const Json& body_;
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

// messages: a non-empty list of {role: str, content: str | list | null, ...}.
void checkMessages(const Json& body, WireSchema schema, ViolationList& out) {
  const Json* messages = findMember(body, "messages");
  if (!messages) return out.add(bodyLoc("messages"), "missing", "Field required", nullptr);
  if (!messages->is_array()) {
    return out.add(bodyLoc("messages"), "list_type", "Input should be a valid list", messages);
  }
  if (messages->empty()) {
    return out.add(bodyLoc("messages"), "too_short",
                   "List should have at least 1 item after validation, not 0", messages);
  }
  for (size_t i = 0; i < messages->size(); ++i) {
    const Json& m = (*messages)[i];
    Json loc = bodyLoc("messages");
    loc.push_back(i);
    if (!m.is_object()) {
      out.add(loc, "model_type", "Input should be a valid dictionary or instance of Message", &m);
      continue;
    }
    const Json* role = findMember(m, "role");
    Json roleLoc = loc;
    roleLoc.push_back("role");
    if (!role) out.add(roleLoc, "missing", "Field required", nullptr);
    else if (!role->is_string()) out.add(roleLoc, "string_type", "Input should be a valid string", role);
    const Json* content = findMember(m, "content");
    Json contentLoc = loc;
    contentLoc.push_back("content");
    bool g1 = schema == WireSchema::Candidates;
    if (g1 && !content) out.add(contentLoc, "missing", "Field required", nullptr);
    else if (content && !content->is_string() && (g1 || !(content->is_array() || content->is_null()))) {
      out.add(contentLoc, "string_type", "Input should be a valid string", content);
    }
  }
}

bool isIntList(const Json& v) {
  for (const Json& x : v) if (!x.is_number_integer()) return false;
  return true;
}

// Embeddings input: str | list[str] | list[int] | list[list[int]].
void checkEmbeddingInput(const Json& body, std::string_view key, ViolationList& out) {
  const Json* v = findMember(body, key);
  if (!v) return out.add(bodyLoc(key), "missing", "Field required", nullptr);
  if (v->is_string()) return;
  if (v->is_array()) {
    bool allStrings = true, allIntLists = true;
    for (const Json& x : *v) {
      allStrings = allStrings && x.is_string();
      allIntLists = allIntLists && x.is_array() && isIntList(x);
    }
    if (allStrings || isIntList(*v) || allIntLists) return;
  }
  out.add(bodyLoc(key), "union_type",
          "Input should be a valid string, a list of strings, a list of integers or a list of "
          "lists of integers",
          v);
}

void checkTypeFields(const Json& body, RouteType type, WireSchema schema, ViolationList& out) {
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

Outcome<Json> validateRequest(RouteType type, WireSchema schema, Surface surface, Json body) {
  ViolationList violations;
  if (!body.is_object()) {
    violations.add(Json::array({"body"}), "model_attributes_type",
                   "Input should be a valid dictionary or object to extract fields from", &body);
    return violations.toStatus();
  }
  if (surface == Surface::Invocations) {
    const Json* model = findMember(body, "model");
    if (model && !model->is_null()) {
      return makeError(ErrorCode::Unprocessable,
                       "The parameter 'model' is not permitted to be passed. The route being "
                       "queried already defines a model instance.",
                       "model");
    }
  }
  body.erase("model");
  checkTypeFields(body, type, schema, violations);
  if (!violations.empty()) return violations.toStatus();
  if (schema == WireSchema::Candidates) return unifyCandidatesRequest(std::move(body), type);
  return body;
}

bool wantsStream(const Json& unified) {
  const Json* s = findMember(unified, "stream");
  return s && s->is_boolean() && s->get<bool>();
}

}  // namespace gw::schema
