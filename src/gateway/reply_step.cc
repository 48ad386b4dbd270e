#include "gateway/invoke.h"
#include "gateway/reply.h"

namespace gw::gateway {

ErrorStyle styleOf(schema::Surface surface) {
  return surface == schema::Surface::OpenAI ? ErrorStyle::OpenAI : ErrorStyle::Mlflow;
}

Step replyStep(Reply reply) {
  Step step;
  step.kind = Step::Kind::Reply;
  step.reply = std::move(reply);
  return step;
}

}  // namespace gw::gateway
