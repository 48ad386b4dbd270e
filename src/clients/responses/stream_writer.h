#pragma once
// Unified `chat.completion.chunk` objects in, OpenAI Responses SSE out: every frame is
// `event: <type>\ndata: <JSON with that type and a sequence_number from 0>\n\n`, no
// `[DONE]`. The grammar written (what openai-node's strict stream helper and Codex read):
//   response.created, response.in_progress            at the first chunk (output [], usage null)
//   text (delta.content, delta.refusal)  -> a `message` item: output_item.added,
//                                           content_part.added (output_text), output_text.delta
//                                           per fragment; closed by output_text.done,
//                                           content_part.done, output_item.done
//   delta.tool_calls[k]                  -> a `function_call` item per OpenAI `index` (k's
//                                           position when absent): output_item.added {call_id,
//                                           name, arguments: ""}, function_call_arguments.delta
//                                           per fragment; closed by .done and output_item.done
//   one item open at a time, output_index 0, 1, 2, ...; the usage of every chunk that has
//   one is kept (the last wins) and finish() closes the open item and writes
//   response.completed (or response.incomplete with incomplete_details) carrying every
//   item and the usage (zeros when the provider reported none).
// A failure is an `error` event {code, message, param} followed by response.failed, never
// a bare cut. Deviation: fragments of a call whose item was already closed (an upstream
// interleaving call indexes) reach the final response but no delta event.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace gw::clients::responses {

/// One streamed answer in the Responses event grammar. Not thread-safe; one per stream.
class ResponseStreamWriter {
 public:
  /// `requestedModel` is the `model` reported when the chunks carry none.
  explicit ResponseStreamWriter(std::string requestedModel);

  std::string push(const Json& chunk);
  std::string finish();
  std::string fail(const Status& error);

  bool started() const { return started_; }
  bool closed() const { return closed_; }

 private:
  /// An output item: a message (its text) or a function call (its arguments).
  struct Item {
    bool call = false;
    std::string id;
    std::string text;       ///< message text, or call arguments
    std::string callId;
    std::string name;
    std::string status = "in_progress";
  };

  void start(const Json& chunk, std::string& out);
  void emit(std::string_view type, const std::string& members, std::string& out);
  void onText(std::string_view text, std::string& out);
  void onToolCall(const Json& call, size_t position, std::string& out);
  void closeOpen(std::string& out);
  std::string itemText(const Item& item) const;
  std::string snapshot(std::string_view status, std::string usage, std::string error, std::string incomplete) const;
  bool isOpen() const { return !items_.empty() && items_.back().status == "in_progress"; }

  std::string requestedModel_;
  std::string id_;
  std::string model_;
  int64_t created_ = 0;
  int64_t sequence_ = 0;
  std::vector<Item> items_;  ///< every item so far; only the last may be open
  std::vector<std::pair<int64_t, size_t>> calls_;  ///< OpenAI index -> item position
  Json finishReason_;
  Json usage_;
  bool started_ = false;
  bool closed_ = false;
};

}  // namespace gw::clients::responses
