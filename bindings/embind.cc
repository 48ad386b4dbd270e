// The embind module: the only file that includes Emscripten headers. What it
// binds is in core_handle.h (Core, Stream) and envelope.h (the layout).
#include <emscripten/bind.h>
#include <malloc.h>

#include "core_handle.h"
#include "envelope.h"
#include "load_report.h"

namespace gw::bindings {
namespace {

/// Bytes currently allocated on the Wasm heap (for the soak test's leak check).
size_t heapBytesInUse() { return static_cast<size_t>(mallinfo().uordblks); }

}  // namespace
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
      .function("openStream", &Core::openStream, emscripten::allow_raw_pointers())
      .function("decodeEnvelope", &Core::decodeEnvelope);
  emscripten::function("envelopeLayout", &envelopeLayoutJson);
  emscripten::function("hostErrorReply", &hostErrorReplyJson);
  emscripten::function("keyFileCandidates", &keyFileCandidates);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
}
