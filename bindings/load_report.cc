#include "load_report.h"

#include "core/json_writer.h"
#include "core_handle.h"
#include "gateway/host_error.h"
#include "step_writer.h"

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

}  // namespace

config::LoadInputs loadInputsFromJson(const std::string& envJson, const std::string& filesJson) {
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

std::string loadReportJson(const gateway::Gateway::Loaded& loaded) {
  const bool ok = loaded.gateway != nullptr;
  return dumpJson(Json{{"ok", ok}, {"errors", diagnosticsJson(loaded.errors)},
                       {"warnings", diagnosticsJson(loaded.warnings)},
                       {"keyDigest", ok && loaded.gateway->needsKeyDigest()}});
}

std::string hostErrorReplyJson(const std::string& id, const std::string& target, double limitBytes) {
  auto render = [&] {
    gateway::HostError error = gateway::parseHostError(id).value_or(gateway::HostError::Internal);
    gateway::Reply reply = gateway::hostErrorReply(error, target, static_cast<int64_t>(limitBytes));
    JsonWriter w;
    w.beginObject();
    w.key("status");
    w.integer(reply.status);
    w.key("headers");
    writeHeaders(w, reply.headers);
    w.key("body");
    w.string(reply.body);
    w.endObject();
    return w.take();
  };
  return fenced(render, [] {
    return std::string(R"({"status":500,"headers":[["content-type","text/plain"]],"body":"Internal Server Error"})");
  });
}

std::string keyFileCandidates(const std::string& yaml) {
  return fenced([&] { return dumpJson(config::keyFileCandidates(yaml)); },
                [] { return std::string("[]"); });
}

}  // namespace gw::bindings
