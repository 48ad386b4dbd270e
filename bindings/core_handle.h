#pragma once
// The objects JS holds (through embind.cc, the only file that includes Emscripten
// headers): a `Core` per loaded configuration, a `Stream` per streamed response.
//
// Request and response bodies cross the boundary as bytes in Wasm memory (JS
// writes an envelope into `inputPointer()`, reads the answer at `outputPointer()`;
// see envelope.def and step_writer.h). Nothing is thrown through embind: every
// entry point runs inside `fenced`, so a failure inside the core becomes a 500
// reply step (or, inside a stream, an error event), never an empty success.
#include <memory>
#include <string>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"

namespace gw::bindings {

/// The boundary's one exception fence: `body()`, or `onFailure()` when it throws.
template <typename Body, typename OnFailure>
auto fenced(Body&& body, OnFailure&& onFailure) -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    return onFailure();
  }
}

/// Byte buffers shared by a Core and the streams it opens.
struct Buffers {
  std::string input;
  std::string output;
  size_t metaLength = 0;
};

/// A streamed response being translated.
class Stream {
 public:
  Stream(std::unique_ptr<gateway::StreamSession> session, std::shared_ptr<Buffers> buffers);
  /// Upstream bytes are in the input buffer; returns the output length.
  size_t push(size_t length);
  /// Upstream ended (`upstreamError` non-empty: it failed); returns the output length.
  size_t end(const std::string& upstreamError);
  bool started() const;
  bool failed() const;

 private:
  template <typename F>
  size_t produce(F&& translate);

  std::unique_ptr<gateway::StreamSession> session_;
  std::shared_ptr<Buffers> buffers_;
  bool broken_ = false;  ///< the session threw: its error event was sent, nothing follows
};

/// A loaded gateway plus its boundary buffers.
class Core {
 public:
  Core();
  /// Loads a config; returns {"ok", "errors", "warnings", "keyDigest"} as JSON.
  std::string load(const std::string& yaml, const std::string& envJson,
                   const std::string& filesJson, int pageSize);
  /// Ensures the input buffer holds `size` bytes; returns its address.
  uintptr_t inputPointer(size_t size);
  uintptr_t outputPointer() const;
  size_t metaLength() const { return buffers_->metaLength; }
  size_t outputLength() const { return buffers_->output.size(); }

  /// Each takes its envelope (`length` bytes in the input buffer) and returns the
  /// output length: a step (meta + bodies; admit: an "admit" meta or the 429 step).
  size_t plan(size_t length);
  size_t finish(size_t length);
  size_t admit(size_t length);
  /// A Stream for a Call's streamed response; null when it cannot stream (the
  /// error reply step is then in the output buffer). The caller owns the Stream.
  Stream* openStream(size_t length);
  /// The reader's view of an envelope as JSON (see decodeEnvelopeJson).
  std::string decodeEnvelope(const std::string& message, size_t length) const;

 private:
  template <typename Write>
  size_t respond(Write&& write);
  std::string_view input(size_t length) const;

  std::shared_ptr<const gateway::Gateway> gateway_;
  std::shared_ptr<Buffers> buffers_;
};

}  // namespace gw::bindings
