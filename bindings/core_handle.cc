#include "core_handle.h"

#include <algorithm>

#include "envelope.h"
#include "envelope_check.h"
#include "load_report.h"
#include "gateway/reply.h"
#include "gateway/stream_session.h"
#include "step_writer.h"

namespace gw::bindings {
namespace {

constexpr const char* kInternalError = "internal error in the gateway core";

gateway::Step errorStep(const Status& status) {
  gateway::Step step;
  step.reply = gateway::errorReply(status, gateway::ErrorStyle::Mlflow);
  return step;
}

gateway::Step internalError(const char* what) { return errorStep(makeError(ErrorCode::Internal, what)); }

}  // namespace

// ---- Stream

Stream::Stream(std::unique_ptr<gateway::StreamSession> session, std::shared_ptr<Buffers> buffers)
    : session_(std::move(session)), buffers_(std::move(buffers)) {}

template <typename F>
size_t Stream::produce(F&& translate) {
  if (broken_) {
    buffers_->output.clear();
    return 0;
  }
  buffers_->output = fenced(translate, [&] {
    broken_ = true;
    // In the client's dialect (an Anthropic `event: error`, …); OpenAI-style if that throws too.
    const Status internal = makeError(ErrorCode::Internal, kInternalError);
    return fenced([&] { return session_->failureEvent(internal); },
                  [&] { return gateway::errorEvent(internal); });
  });
  return buffers_->output.size();
}

size_t Stream::push(size_t length) {
  return produce([&] { return session_->push(std::string_view(buffers_->input.data(), length)); });
}

size_t Stream::end(const std::string& upstreamError) {
  return produce([&] { return session_->end(upstreamError); });
}

bool Stream::started() const { return broken_ || session_->started(); }
bool Stream::failed() const { return broken_ || session_->failed(); }

// ---- Core

Core::Core() : buffers_(std::make_shared<Buffers>()) {}

std::string Core::load(const std::string& yaml, const std::string& envJson,
                       const std::string& filesJson, int pageSize) {
  return fenced(
      [&] {
        gateway::GatewayOptions options;
        if (pageSize > 0) options.listPageSize = static_cast<size_t>(pageSize);
        auto loaded = gateway::Gateway::load(yaml, loadInputsFromJson(envJson, filesJson), options);
        gateway_ = loaded.gateway;
        return loadReportJson(loaded);
      },
      [&] {
        gateway_ = nullptr;
        return std::string(R"({"ok":false,"errors":[{"message":"internal error in the gateway core )"
                           R"(while loading the configuration"}],"warnings":[],"keyDigest":false})");
      });
}

uintptr_t Core::inputPointer(size_t size) {
  if (buffers_->input.size() < size) buffers_->input.resize(size);
  return reinterpret_cast<uintptr_t>(buffers_->input.data());
}

uintptr_t Core::outputPointer() const { return reinterpret_cast<uintptr_t>(buffers_->output.data()); }

std::string_view Core::input(size_t length) const {
  return std::string_view(buffers_->input.data(), std::min(length, buffers_->input.size()));
}

// Runs `write(output)` (which returns the meta length) inside the fence.
template <typename Write>
size_t Core::respond(Write&& write) {
  std::string& out = buffers_->output;
  buffers_->metaLength = fenced([&] { return write(out); },
                                [&] { return writeStep(internalError(kInternalError), out); });
  return out.size();
}

size_t Core::plan(size_t length) {
  return respond([&](std::string& out) {
    PlanInput in;
    if (!gateway_) return writeStep(internalError("no gateway loaded"), out);
    if (!readPlanInput(input(length), in)) return writeStep(internalError("malformed plan envelope"), out);
    return writeStep(gateway_->plan(in.request, in.ctx, in.resumeToken), out);
  });
}

size_t Core::finish(size_t length) {
  return respond([&](std::string& out) {
    FinishInput in;
    if (!gateway_) return writeStep(internalError("no gateway loaded"), out);
    if (!readFinishInput(input(length), in)) return writeStep(internalError("malformed finish envelope"), out);
    return writeStep(gateway_->finish(in.token, in.responses, in.ctx), out);
  });
}

size_t Core::admit(size_t length) {
  return respond([&](std::string& out) {
    AdmitInput in;
    if (!gateway_) return writeStep(internalError("no gateway loaded"), out);
    if (!readAdmitInput(input(length), in)) return writeStep(internalError("malformed admit envelope"), out);
    return writeAdmission(gateway_->admit(in.limitToken, in.state, in.ctx), out);
  });
}

Stream* Core::openStream(size_t length) {
  std::unique_ptr<Stream> stream;
  respond([&](std::string& out) -> size_t {
    OpenStreamInput in;
    if (!gateway_) return writeStep(internalError("no gateway loaded"), out);
    if (!readOpenStreamInput(input(length), in)) {
      return writeStep(internalError("malformed openStream envelope"), out);
    }
    auto session = gateway_->openStream(in.token, in.ctx);
    if (!session) return writeStep(errorStep(session.error()), out);
    stream = std::make_unique<Stream>(session.take(), buffers_);
    out.clear();
    return 0;
  });
  return stream.release();
}

std::string Core::decodeEnvelope(const std::string& message, size_t length) const {
  return fenced([&] { return decodeEnvelopeJson(message, input(length)); },
                [] { return std::string("null"); });
}

}  // namespace gw::bindings
