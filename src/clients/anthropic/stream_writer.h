#pragma once
// Unified `chat.completion.chunk` objects in, Anthropic Messages SSE out.
// Stream reference: https://docs.anthropic.com/en/api/messages-streaming
//
// Every frame is `event: <name>\ndata: <compact JSON>\n\n` (the SDKs dispatch on the
// event name). The grammar written:
//   message_start            at the first chunk (usage zeros: a translated stream
//                            learns its counts only at the end)
//   content_block_start/delta/stop, one block open at a time, indexes 0, 1, 2, ...:
//     delta.content (and delta.refusal) -> a text block with text_delta
//     delta.tool_calls[k]    -> a tool_use block per OpenAI `index` (k's position
//                               when absent), opened at the index's first fragment
//                               with {id, name, input: {}}; every non-empty
//                               `function.arguments` fragment -> input_json_delta at
//                               that block's index (also the fragment in the opening
//                               chunk, so id+name+full arguments at once lose nothing)
//   message_delta            {stop_reason, stop_sequence: null} + usage {input_tokens,
//                            output_tokens, cache_*_input_tokens when > 0}
//   message_stop
// `finish_reason` is remembered and the usage of every chunk that carries one is kept
// (the last wins: unified usage is cumulative); message_delta and message_stop wait for
// finish(), because OpenAI-style streams send the usage-only chunk (`choices: []`)
// after the finish_reason chunk. Empty text fragments open no block.
// Deviation: an upstream that interleaves tool-call indexes gets its late fragments
// at the (already closed) block's index; the SDKs look deltas up by index and accept it.
// Only choice 0 is read: a translated request never asks for `n` > 1.
// Nothing is written after message_stop or after an error frame.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clients/anthropic/mapping.h"
#include "core/status.h"

namespace gw::clients::anthropic {

/// One streamed answer in Anthropic's event grammar. Not thread-safe; one per stream.
class MessageStreamWriter {
 public:
  /// `requestedModel` is the `model` reported when the chunks carry none.
  explicit MessageStreamWriter(std::string requestedModel);

  /// The SSE bytes for one unified chunk (possibly none).
  std::string push(const Json& chunk);
  /// The upstream stream ended normally: closes the open block, then message_delta
  /// and message_stop (after a message_start, when no chunk came at all).
  std::string finish();
  /// The stream failed: one `event: error` frame, data
  /// `{"type":"error","error":{"type":<type>,"message":<message>}}`.
  std::string fail(std::string_view type, std::string_view message);
  /// `fail(errorType(httpStatus), message)` (errors.h).
  std::string fail(int httpStatus, std::string_view message);
  /// `fail(errorTypeOf(error), error.message)` (errors.h).
  std::string fail(const Status& error);

  /// Whether message_start was written (after it, errors can only be in-band).
  bool started() const { return started_; }
  /// Whether message_stop or an error frame was written.
  bool closed() const { return closed_; }

 private:
  enum class Block { None, Text, Tool };

  void start(const Json& chunk, std::string& out);
  void onChoice(const Json& choice, std::string& out);
  void onText(std::string_view text, std::string& out);
  void onToolCall(const Json& call, size_t position, std::string& out);
  int64_t toolBlock(int64_t openAIIndex) const;
  void openBlock(Block kind, std::string_view shellJson, std::string& out);
  void closeBlock(std::string& out);

  std::string requestedModel_;
  std::string messageId_;
  Block open_ = Block::None;
  int64_t openIndex_ = -1;
  int64_t nextIndex_ = 0;
  std::vector<std::pair<int64_t, int64_t>> toolBlocks_;  ///< OpenAI index -> block index
  Json finishReason_;
  Usage usage_;
  bool sawRefusal_ = false;
  bool started_ = false;
  bool closed_ = false;
};

}  // namespace gw::clients::anthropic
