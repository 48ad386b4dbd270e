#pragma once
// Unified `chat.completion.chunk` objects in, Gemini `streamGenerateContent?alt=sse`
// out: one `data: <GenerateContentResponse>\r\n\r\n` frame per chunk that carries text
// (Gemini frames its events with CRLF), each with modelVersion and responseId.
//
//   delta.content, delta.refusal -> {candidates: [{content: {parts: [{text}], role:
//                                   "model"}, index}]}, one candidate per choice
//   delta.tool_calls fragments   -> gathered per choice and OpenAI `index`; Gemini sends a
//                                   functionCall whole, so each goes out complete
//                                   ({id, name, args}) in the last frame
//   finish_reason, usage         -> remembered (usage is cumulative: the last wins); the
//                                   last frame, written by finish(), carries every
//                                   choice's functionCalls (or an empty text part), its
//                                   finishReason and the usageMetadata (mapping.h)
// A failure is one `data: {"error":{"code","message","status"}}` frame (errors.h), what
// Gemini itself sends; nothing is written after the last frame or an error.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace gw::clients::gemini {

/// One streamed answer in Gemini's SSE form. Not thread-safe; one per stream.
class GenerateStreamWriter {
 public:
  /// `requestedModel` is the modelVersion reported when the chunks name no model.
  explicit GenerateStreamWriter(std::string requestedModel);

  /// The SSE bytes for one unified chunk (possibly none).
  std::string push(const Json& chunk);
  /// The upstream stream ended normally: the last frame.
  std::string finish();
  /// The stream failed: one error frame with the failure's status and message.
  std::string fail(const Status& error);

  bool started() const { return started_; }
  bool closed() const { return closed_; }

 private:
  struct ToolCall {
    int64_t key = 0;  ///< OpenAI `index` (the fragment's position when absent)
    std::string id;
    std::string name;
    std::string arguments;
  };
  struct Choice {
    int64_t index = 0;
    std::vector<ToolCall> calls;
    Json finishReason;
  };

  Choice& choice(int64_t index);
  void onToolCall(Choice& c, const Json& call, size_t position);
  std::string frame(Json candidates, Json usage) const;

  std::string requestedModel_;
  std::string model_;
  std::string responseId_;
  std::vector<Choice> choices_;
  Json usage_;
  bool started_ = false;
  bool closed_ = false;
};

}  // namespace gw::clients::gemini
