#include "conformance_runner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/gateway.h"
#include "gateway/stream_session.h"

namespace gw::testing {
namespace fs = std::filesystem;
namespace {

const fs::path kRoot = fs::path(GW_SOURCE_DIR) / "tests" / "conformance";

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Json readJson(const fs::path& path) { return Json::parse(readFile(path)); }

// Order-insensitive comparison: through nlohmann::json (std::map objects).
bool sameJson(const Json& a, const Json& b) {
  return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

std::vector<std::pair<std::string, std::string>> sortedHeaders(const Json& list) {
  std::vector<std::pair<std::string, std::string>> out;
  if (list.is_object()) {
    for (auto it = list.begin(); it != list.end(); ++it) out.emplace_back(it.key(), it.value());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Json headersObject(const vocab::Headers& headers) {
  Json out = Json::object();
  for (const auto& [k, v] : headers) out[k] = v;
  return out;
}

// Body as JSON when it parses, else as a string.
Json bodyValue(std::string_view body) {
  if (body.empty()) return nullptr;
  Json parsed = parseJson(body);
  return parsed.is_discarded() ? Json(std::string(body)) : parsed;
}

struct CaseFiles {
  fs::path dir;
  Json meta = Json::object();
  std::string config;
  config::LoadInputs inputs;
};

CaseFiles loadCase(const std::string& name) {
  CaseFiles c;
  c.dir = kRoot / name;
  if (fs::exists(c.dir / "meta.json")) c.meta = readJson(c.dir / "meta.json");
  std::string configName = c.meta.value("config", "config.yaml");
  fs::path configPath = fs::exists(c.dir / configName) ? c.dir / configName
                                                       : c.dir.parent_path() / configName;
  c.config = readFile(configPath);
  Json env = readJson(kRoot / "env.json");
  for (auto it = env.begin(); it != env.end(); ++it) c.inputs.env[it.key()] = it.value();
  return c;
}

std::string compareUpstream(const Json& expected, const vocab::UpstreamRequest& actual) {
  std::ostringstream diff;
  if (expected.value("method", "POST") != actual.method) diff << "method " << actual.method << "; ";
  if (expected["url"] != actual.url) diff << "url " << actual.url << "; ";
  if (sortedHeaders(expected["headers"]) != sortedHeaders(headersObject(actual.headers))) {
    diff << "headers " << headersObject(actual.headers).dump() << "; ";
  }
  // `body_text`: the exact bytes (the native lane forwards the client's body as it came).
  if (expected.contains("body_text") ? expected["body_text"] != actual.body
                                     : !sameJson(expected["body"], bodyValue(actual.body))) {
    diff << "body " << actual.body << "; ";
  }
  // AWS SigV4 parameters (the unsigned request plus what the host signs); null when unsigned.
  if (!sameJson(expected.value("signing", Json(nullptr)), actual.signing)) {
    diff << "signing " << actual.signing.dump() << "; ";
  }
  return diff.str();
}

std::string compareReply(const Json& expected, const gateway::Reply& reply) {
  std::ostringstream diff;
  if (expected["status"] != reply.status) diff << "status " << reply.status << "; ";
  if (expected.contains("body_text") ? expected["body_text"] != reply.body
                                     : !sameJson(expected["body"], bodyValue(reply.body))) {
    diff << "body " << reply.body << "; ";
  }
  if (expected.contains("headers")) {
    Json actual = headersObject(reply.headers);
    for (auto it = expected["headers"].begin(); it != expected["headers"].end(); ++it) {
      if (actual.value(it.key(), "") != it.value()) diff << "header " << it.key() << "; ";
    }
  }
  return diff.str();
}

std::vector<vocab::UpstreamResponse> upstreamResponses(const Json& spec,
                                                           std::vector<std::string>& storage) {
  Json list = spec.is_array() ? spec : Json::array({spec});
  storage.clear();
  storage.reserve(list.size());
  std::vector<vocab::UpstreamResponse> out;
  for (const Json& r : list) {
    storage.push_back(r.contains("body_text") ? r["body_text"].get<std::string>() : dumpJson(r["body"]));
    vocab::UpstreamResponse resp;
    resp.status = r.value("status", 200);
    resp.timedOut = r.value("timed_out", false);
    Json headers = r.value("headers", Json{{"content-type", "application/json"}});
    for (auto it = headers.begin(); it != headers.end(); ++it) resp.headers.emplace_back(it.key(), it.value());
    out.push_back(resp);
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].body = storage[i];
  return out;
}

// Streams the upstream bytes in pieces of `step` bytes (0 = whole).
std::string runStream(const gateway::Gateway& gw, const std::string& token,
                      const gateway::RequestContext& ctx, const std::string& bytes, size_t step) {
  auto session = gw.openStream(token, ctx);
  if (!session) return "<openStream failed: " + session.error().message + ">";
  std::string out;
  size_t size = step == 0 ? bytes.size() : step;
  for (size_t pos = 0; pos < bytes.size(); pos += size) out += (*session)->push(std::string_view(bytes).substr(pos, size));
  out += (*session)->end();
  return out;
}

std::string checkStream(const CaseFiles& c, const gateway::Gateway& gw, const gateway::Step& step,
                        const gateway::RequestContext& ctx) {
  std::string upstream = readFile(c.dir / "upstream_response.sse");
  std::string expected = readFile(c.dir / "response.sse");
  std::string whole = runStream(gw, step.call.token, ctx, upstream, 0);
  if (whole != expected) return "stream output differs:\n" + whole;
  bool everyPosition = c.meta.value("split_every_position", false);
  for (size_t split = 1; everyPosition && split < upstream.size(); ++split) {
    auto session = gw.openStream(step.call.token, ctx);
    std::string out = (*session)->push(std::string_view(upstream).substr(0, split));
    out += (*session)->push(std::string_view(upstream).substr(split));
    out += (*session)->end();
    if (out != expected) return "stream output differs when split at byte " + std::to_string(split);
  }
  for (size_t size : {1, 3, 7}) {
    if (runStream(gw, step.call.token, ctx, upstream, size) != expected) {
      return "stream output differs with " + std::to_string(size) + "-byte chunks";
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> listConformanceCases() {
  std::vector<std::string> cases;
  for (const auto& provider : fs::directory_iterator(kRoot)) {
    if (!provider.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(provider.path())) {
      if (entry.is_directory() && fs::exists(entry.path() / "request.json")) {
        cases.push_back(provider.path().filename().string() + "/" + entry.path().filename().string());
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string runConformanceCase(const std::string& name) {
  CaseFiles c = loadCase(name);
  auto loaded = gateway::Gateway::load(c.config, c.inputs);
  if (!loaded.gateway) return "config did not load: " + loaded.errors.front().message;
  Json request = readJson(c.dir / "request.json");
  std::string body = request.contains("body_text") ? request["body_text"].get<std::string>()
                                                   : dumpJson(request["body"]);
  gateway::HttpRequest http;
  std::string method = request.value("method", "POST"), path = request["path"];
  http.method = method;
  http.target = path;
  http.body = body;
  const Json requestHeaders = request.value("headers", Json::object());
  for (auto it = requestHeaders.begin(); it != requestHeaders.end(); ++it) {
    http.headers.emplace_back(it.key(), it.value().get<std::string>());
  }
  gateway::RequestContext ctx{c.meta.value("nowMs", int64_t{1700000000000}),
                              c.meta.value("random", 0.5), "127.0.0.1"};
  gateway::Step step = loaded.gateway->plan(http, ctx);
  bool expectsCall = fs::exists(c.dir / "upstream_request.json");
  if (!expectsCall) {
    if (step.kind != gateway::Step::Kind::Reply) return "expected an immediate reply";
    return compareReply(readJson(c.dir / "response.json"), step.reply);
  }
  if (step.kind != gateway::Step::Kind::Call) return "expected an upstream call, got " + step.reply.body;
  Json expectedCalls = readJson(c.dir / "upstream_request.json");
  if (!expectedCalls.is_array()) expectedCalls = Json::array({expectedCalls});
  if (expectedCalls.size() != step.call.requests.size()) return "wrong number of upstream requests";
  for (size_t i = 0; i < expectedCalls.size(); ++i) {
    std::string diff = compareUpstream(expectedCalls[i], step.call.requests[i]);
    if (!diff.empty()) return "upstream request " + std::to_string(i) + ": " + diff;
  }
  if (fs::exists(c.dir / "upstream_response.sse")) return checkStream(c, *loaded.gateway, step, ctx);
  std::vector<std::string> storage;
  auto responses = upstreamResponses(readJson(c.dir / "upstream_response.json"), storage);
  gateway::Step done = loaded.gateway->finish(step.call.token, responses, ctx);
  if (done.kind != gateway::Step::Kind::Reply) return "expected a reply after finish";
  return compareReply(readJson(c.dir / "response.json"), done.reply);
}

}  // namespace gw::testing
