// The embind module: the only file that includes Emscripten headers.
//
// One `Core` per loaded configuration. Request and response bodies cross the
// boundary as bytes in Wasm memory (JS writes into `inputPointer()`, reads from
// `outputPointer()`); only small metadata is JSON. Nothing is thrown through
// embind: every failure comes back as a value.
#include <emscripten/bind.h>
#include <malloc.h>

#include <memory>
#include <string>

#include "config/config.h"
#include "envelope.h"
#include "gateway/gateway.h"
#include "gateway/reply.h"
#include "gateway/stream_session.h"

namespace gw::bindings {
namespace {

Json diagnosticsJson(const std::vector<config::Diagnostic>& list) {
  Json out = Json::array();
  for (const auto& d : list) {
    out.push_back(Json{{"message", d.message}, {"line", d.pos.line}, {"column", d.pos.column},
                       {"path", d.path}});
  }
  return out;
}

config::LoadInputs loadInputs(const std::string& envJson, const std::string& filesJson) {
  config::LoadInputs inputs;
  for (const auto& [target, text] : {std::pair{&inputs.env, &envJson}, {&inputs.files, &filesJson}}) {
    Json parsed = parseJson(*text);
    if (!parsed.is_object()) continue;
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
      if (it.value().is_string()) (*target)[it.key()] = it.value().get<std::string>();
    }
  }
  return inputs;
}

// Byte buffers shared by a Core and the stream sessions it opens.
struct Buffers {
  std::string input;
  std::string output;
  size_t metaLength = 0;
};

gateway::Step internalError(const char* what) {
  gateway::Step step;
  step.reply = gateway::errorReply(makeError(ErrorCode::Internal, what), gateway::ErrorStyle::Mlflow);
  return step;
}

}  // namespace

/// A streamed response being translated.
class Stream {
 public:
  Stream(std::unique_ptr<gateway::StreamSession> session, std::shared_ptr<Buffers> buffers)
      : session_(std::move(session)), buffers_(std::move(buffers)) {}
  /// Upstream bytes are in the input buffer; returns the output length.
  size_t push(size_t length) {
    try {
      buffers_->output = session_->push(std::string_view(buffers_->input.data(), length));
    } catch (...) {
      buffers_->output.clear();
    }
    return buffers_->output.size();
  }
  size_t end(std::string upstreamError) {
    try {
      buffers_->output = session_->end(upstreamError);
    } catch (...) {
      buffers_->output.clear();
    }
    return buffers_->output.size();
  }
  bool started() const { return session_->started(); }
  bool failed() const { return session_->failed(); }

 private:
  std::unique_ptr<gateway::StreamSession> session_;
  std::shared_ptr<Buffers> buffers_;
};

/// A loaded gateway plus its boundary buffers.
class Core {
 public:
  Core() : buffers_(std::make_shared<Buffers>()) {}

  /// Loads a config; returns {"ok", "errors", "warnings"} as JSON.
  std::string load(std::string yaml, std::string envJson, std::string filesJson, int pageSize) {
    try {
      gateway::GatewayOptions options;
      if (pageSize > 0) options.listPageSize = static_cast<size_t>(pageSize);
      auto loaded = gateway::Gateway::load(yaml, loadInputs(envJson, filesJson), options);
      gateway_ = loaded.gateway;
      return dumpJson(Json{{"ok", gateway_ != nullptr}, {"errors", diagnosticsJson(loaded.errors)},
                           {"warnings", diagnosticsJson(loaded.warnings)},
                           {"keyDigest", gateway_ != nullptr && gateway_->needsKeyDigest()}});
    } catch (const std::exception& e) {
      return dumpJson(Json{{"ok", false}, {"errors", Json::array({Json{{"message", e.what()}}})},
                           {"warnings", Json::array()}});
    }
  }

  /// Ensures the input buffer holds `size` bytes; returns its address.
  uintptr_t inputPointer(size_t size) {
    if (buffers_->input.size() < size) buffers_->input.resize(size);
    return reinterpret_cast<uintptr_t>(buffers_->input.data());
  }
  uintptr_t outputPointer() const { return reinterpret_cast<uintptr_t>(buffers_->output.data()); }
  size_t metaLength() const { return buffers_->metaLength; }
  size_t outputLength() const { return buffers_->output.size(); }

  /// Plan envelope in the input buffer; returns the output length.
  size_t plan(size_t length) {
    return run([&] {
      PlanInput in;
      if (!readPlanInput(std::string_view(buffers_->input.data(), length), in)) {
        return internalError("malformed plan envelope");
      }
      return gateway_->plan(in.request, in.ctx, in.resumeToken);
    });
  }

  /// Finish envelope in the input buffer; returns the output length.
  size_t finish(size_t length) {
    return run([&] {
      FinishInput in;
      if (!readFinishInput(std::string_view(buffers_->input.data(), length), in)) {
        return internalError("malformed finish envelope");
      }
      return gateway_->finish(in.token, in.responses, in.ctx);
    });
  }

  /// Admit envelope (a step's rate-limit check) in the input buffer; returns the
  /// output length: an "admit" meta, or the 429 reply step.
  size_t admit(size_t length) {
    try {
      AdmitInput in;
      if (!gateway_ || !readAdmitInput(std::string_view(buffers_->input.data(), length), in)) {
        buffers_->metaLength = writeStep(internalError("malformed admit envelope"), buffers_->output);
      } else {
        buffers_->metaLength =
            writeAdmission(gateway_->admit(in.limitToken, in.state, in.ctx), buffers_->output);
      }
    } catch (...) {
      buffers_->metaLength = writeStep(internalError("internal error in the gateway core"), buffers_->output);
    }
    return buffers_->output.size();
  }

  /// Opens a stream session for a Call's token; null when it cannot stream
  /// (the error reply is then in the output buffer).
  Stream* openStream(std::string token, double nowMs) {
    gateway::RequestContext ctx;
    ctx.nowMs = static_cast<int64_t>(nowMs);
    auto session = gateway_ ? gateway_->openStream(token, ctx)
                            : Outcome<std::unique_ptr<gateway::StreamSession>>(
                                  makeError(ErrorCode::Internal, "no gateway loaded"));
    if (session) return new Stream(session.take(), buffers_);
    gateway::Step step;
    step.reply = gateway::errorReply(session.error(), gateway::ErrorStyle::Mlflow);
    buffers_->metaLength = writeStep(step, buffers_->output);
    return nullptr;
  }

 private:
  template <typename F>
  size_t run(F&& body) {
    gateway::Step step;
    try {
      step = gateway_ ? body() : internalError("no gateway loaded");
    } catch (const std::exception& e) {
      step = internalError("internal error in the gateway core");
    } catch (...) {
      step = internalError("internal error in the gateway core");
    }
    buffers_->metaLength = writeStep(step, buffers_->output);
    return buffers_->output.size();
  }

  std::shared_ptr<const gateway::Gateway> gateway_;
  std::shared_ptr<Buffers> buffers_;
};

/// Literal key values that a host with a filesystem should look up as files.
std::string keyFileCandidates(std::string yaml) {
  try {
    Json out = config::keyFileCandidates(yaml);
    return dumpJson(out);
  } catch (...) {
    return "[]";
  }
}

/// Bytes currently allocated on the Wasm heap (for the soak test's leak check).
size_t heapBytesInUse() { return static_cast<size_t>(mallinfo().uordblks); }

}  // namespace gw::bindings

EMSCRIPTEN_BINDINGS(gw_core) {
  using namespace gw::bindings;
  emscripten::class_<Stream>("Stream")
      .function("push", &Stream::push)
      .function("end", &Stream::end)
      .function("started", &Stream::started)
      .function("failed", &Stream::failed);
  emscripten::class_<Core>("Core")
      .constructor<>()
      .function("load", &Core::load)
      .function("inputPointer", &Core::inputPointer)
      .function("outputPointer", &Core::outputPointer)
      .function("metaLength", &Core::metaLength)
      .function("outputLength", &Core::outputLength)
      .function("plan", &Core::plan)
      .function("finish", &Core::finish)
      .function("admit", &Core::admit)
      .function("openStream", &Core::openStream, emscripten::allow_raw_pointers());
  emscripten::function("keyFileCandidates", &keyFileCandidates);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
}
