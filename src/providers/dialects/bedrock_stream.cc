// Amazon Bedrock ConverseStream -> unified chat chunks.
// API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
//
// The body is an AWS event stream (application/vnd.amazon.eventstream); the
// framing parser (src/stream/aws_event_stream.cc) hands over Event{name =
// `:event-type`, data = JSON payload} and turns exception frames into errors.
// As MLflow 3.11's `_parse_stream_event`:
//   messageStart                        -> nothing
//   contentBlockStart {start.toolUse}   -> tool_calls [{index, id, type, function {name, arguments: ""}}]
//   contentBlockDelta {delta.text}      -> content (empty text: nothing)
//   contentBlockDelta {delta.toolUse}   -> tool_calls [{index, function {arguments}}]
//   contentBlockStop                    -> nothing
//   messageStop {stopReason}            -> finish_reason (see finishReasonOf)
//   metadata {usage}                    -> a last chunk carrying usage
// Every chunk: id null, created = the gateway's time, model = the configured id,
// provider "bedrock", delta.role null, one choice at index 0.
// Deviations: tool-call `index` counts tool calls (0, 1, ...) as OpenAI clients
// expect; MLflow passes Bedrock's contentBlockIndex (1 after a text block).
// `reasoningContent` deltas and unknown events are skipped (no unified field).
// A stream that ends before `messageStop` is an error event, not a silent end.
#include <map>

#include "providers/dialects/bedrock.h"
#include "stream/chunks.h"

namespace gw::providers::bedrock {
namespace {

using stream::Event;

class ConverseStreamTranslator final : public stream::ChunkTranslator {
 public:
  explicit ConverseStreamTranslator(const TranslateContext& ctx)
      : model_(ctx.endpoint.model.name), created_(ctx.nowMs / 1000) {}

  vocab::StreamFraming framing() const override {
    return vocab::StreamFraming::AwsEventStream;
  }

  Status onEvent(const Event& event, std::vector<Json>& out) override {
    if (stream::isBlankEvent(event)) return Status{};
    GW_TRY(Json data, stream::parseEventJson(event));
    if (event.name == "contentBlockStart") return onBlockStart(data, out);
    if (event.name == "contentBlockDelta") return onBlockDelta(data, out);
    if (event.name == "messageStop") {
      stopped_ = true;
      out.push_back(chunk(nullptr, nullptr, finishReasonOf(memberOr(data, "stopReason"))));
    } else if (event.name == "metadata") {
      const Json* usage = findMember(data, "usage");
      if (usage && usage->is_object()) {
        out.push_back(chunk(nullptr, nullptr, nullptr, schema::usageJson(converseUsage(usage))));
      }
    }
    return Status{};
  }

  Status onEnd(std::vector<Json>& /*out*/) override {
    if (stopped_) return Status{};
    return makeError(ErrorCode::BadGateway,
                     "The Amazon Bedrock stream ended before its messageStop event.");
  }

 private:
  Json chunk(Json content, Json toolCalls, Json finishReason, Json usage = nullptr) const {
    Json choice = stream::chatDeltaChoice(0, nullptr, std::move(content), std::move(toolCalls),
                                          std::move(finishReason));
    return stream::chatChunk(nullptr, created_, model_, Json::array({std::move(choice)}),
                             std::move(usage), kProviderName);
  }

  // The unified tool-call index of a Bedrock content block (assigned in order).
  int64_t toolIndex(const Json& data) {
    int64_t block = memberOr(data, "contentBlockIndex").is_number_integer()
                        ? data["contentBlockIndex"].get<int64_t>()
                        : 0;
    auto [it, inserted] = toolIndexes_.try_emplace(block, static_cast<int64_t>(toolIndexes_.size()));
    return it->second;
  }

  Status onBlockStart(const Json& data, std::vector<Json>& out) {
    const Json* start = findMember(data, "start");
    const Json* use = start ? findMember(*start, "toolUse") : nullptr;
    if (!use) return Status{};
    Json call = {{"index", toolIndex(data)},
                 {"id", memberOr(*use, "toolUseId")},
                 {"type", "function"},
                 {"function", {{"name", memberOr(*use, "name")}, {"arguments", ""}}}};
    out.push_back(chunk(nullptr, Json::array({std::move(call)}), nullptr));
    return Status{};
  }

  Status onBlockDelta(const Json& data, std::vector<Json>& out) {
    const Json* delta = findMember(data, "delta");
    if (!delta) return Status{};
    if (const Json* text = findMember(*delta, "text"); text && text->is_string()) {
      if (!text->get_ref<const std::string&>().empty()) out.push_back(chunk(*text, nullptr, nullptr));
      return Status{};
    }
    const Json* use = findMember(*delta, "toolUse");
    if (!use) return Status{};
    Json input = memberOr(*use, "input");
    Json call = {{"index", toolIndex(data)},
                 {"id", nullptr},
                 {"type", nullptr},
                 {"function", {{"name", nullptr},
                               {"arguments", input.is_string() ? input : Json(dumpJson(input))}}}};
    out.push_back(chunk(nullptr, Json::array({std::move(call)}), nullptr));
    return Status{};
  }

  Json model_;
  int64_t created_;
  bool stopped_ = false;
  std::map<int64_t, int64_t> toolIndexes_;  // contentBlockIndex -> tool-call index
};

}  // namespace

std::unique_ptr<stream::ChunkTranslator> openConverseStream(const TranslateContext& ctx) {
  if (ctx.type != vocab::RouteType::Chat) return nullptr;
  return std::make_unique<ConverseStreamTranslator>(ctx);
}

}  // namespace gw::providers::bedrock
