#include "config/yaml_reader.h"

#include "config/yaml_parser.h"

namespace gw::config::yaml {

NodeKind Node::kind() const { return data_ ? data_->kind : NodeKind::Undefined; }

const std::string& Node::scalar() const {
  static const std::string kEmpty;  // immutable: no mutable global state
  return data_ && data_->kind == NodeKind::Scalar ? data_->text : kEmpty;
}

bool Node::isPlain() const { return data_ && data_->plain; }
SourcePos Node::pos() const { return data_ ? data_->pos : SourcePos{}; }

size_t Node::size() const {
  if (!data_) return 0;
  return data_->kind == NodeKind::Map ? data_->pairs.size() : data_->items.size();
}

Node::Iterator Node::begin() const {
  return Iterator(data_ && isSequence() ? data_->items.data() : nullptr);
}

Node::Iterator Node::end() const {
  return Iterator(data_ && isSequence() ? data_->items.data() + data_->items.size() : nullptr);
}

const std::vector<std::pair<const NodeData*, const NodeData*>>& Node::pairs() const {
  static const std::vector<std::pair<const NodeData*, const NodeData*>> kNone;
  return data_ && isMap() ? data_->pairs : kNone;
}



namespace {

// One '\n' for every line break (CRLF, CR), and no byte-order mark.
std::string normalise(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

}  // namespace

Document readYaml(std::string_view text) {
  Document doc;
  const std::string normalised = normalise(text);
  Reader(normalised, doc).readStream();
  return doc;
}

}  // namespace gw::config::yaml
