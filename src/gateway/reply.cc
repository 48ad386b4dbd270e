#include "gateway/reply.h"

#include "clients/anthropic/errors.h"
#include "clients/gemini/errors.h"

namespace gw::gateway {
namespace {

const char* openAIErrorType(int status) {
  if (status == 401) return "authentication_error";
  if (status == 403) return "permission_error";
  if (status == 404) return "not_found_error";
  if (status == 429) return "rate_limit_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

std::string messageOf(const Status& status) {
  std::string message = status.message;
  if (message.empty() && status.detail) {
    message = status.detail->is_string() ? status.detail->get<std::string>()
                                         : dumpJson(*status.detail);
  }
  return message;
}

Json openAIErrorBody(const Status& status) {
  std::string message = messageOf(status);
  Json error = {{"message", message},
                {"type", openAIErrorType(status.status())},
                {"param", status.param.empty() ? Json(nullptr) : Json(status.param)},
                {"code", errorIdOf(status.code)}};
  return Json{{"error", std::move(error)}};
}

}  // namespace

Reply jsonReply(int status, const Json& body) { return rawJsonReply(status, dumpJson(body)); }

Reply rawJsonReply(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.headers.emplace_back("content-type", "application/json");
  reply.body = std::move(body);
  return reply;
}

Reply errorReply(const Status& status, ErrorStyle style) {
  if (style == ErrorStyle::OpenAI) return jsonReply(status.status(), openAIErrorBody(status));
  if (style == ErrorStyle::Anthropic) {
    return rawJsonReply(status.status(), clients::anthropic::errorBody(
                                             clients::anthropic::errorTypeOf(status), messageOf(status)));
  }
  if (style == ErrorStyle::Gemini) {
    return rawJsonReply(status.status(), clients::gemini::errorBody(status.status(), messageOf(status)));
  }
  Json detail = status.detail ? *status.detail : Json(status.message);
  return jsonReply(status.status(), Json{{"detail", std::move(detail)}});
}

ErrorStyle styleOf(schema::Surface surface) {
  switch (surface) {
    case schema::Surface::OpenAI:
    case schema::Surface::Responses: return ErrorStyle::OpenAI;
    case schema::Surface::Anthropic: return ErrorStyle::Anthropic;
    case schema::Surface::Gemini: return ErrorStyle::Gemini;
    default: return ErrorStyle::Mlflow;
  }
}

Step replyStep(Reply reply) {
  Step step;
  step.kind = Step::Kind::Reply;
  step.reply = std::move(reply);
  return step;
}

}  // namespace gw::gateway
