#include "gateway/router.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/json_bytes.h"

namespace gw::gateway {
namespace {

using json_bytes::hexValue;

std::string percentDecode(std::string_view s, bool plusIsSpace) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 &&
        hexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(plusIsSpace && s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> splitSegments(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

struct Pattern {
  const char* shape;  // segments; "*" captures the name
  PathKind kind;
  const char* method;
};

// Trailing "" segment = trailing slash optional.
constexpr Pattern kPatterns[] = {
    {"", PathKind::Root, "GET"},
    {"health", PathKind::Health, "GET"},
    {"gateway/*/invocations", PathKind::GatewayInvoke, "POST"},
    {"endpoints/*/invocations", PathKind::EndpointInvoke, "POST"},
    {"v1/chat/completions", PathKind::OpenAIChat, "POST"},
    {"v1/completions", PathKind::OpenAICompletions, "POST"},
    {"v1/embeddings", PathKind::OpenAIEmbeddings, "POST"},
    {"v1/models", PathKind::OpenAIModels, "GET"},
    {"v1/models/*", PathKind::OpenAIModel, "GET"},
    {"v1/messages", PathKind::AnthropicMessages, "POST"},
    {"v1/messages/count_tokens", PathKind::AnthropicCountTokens, "POST"},
    {"v1/responses", PathKind::OpenAIResponses, "POST"},
    {"v1/responses/input_tokens", PathKind::ResponsesInputTokens, "POST"},
    // MLflow 3's passthrough paths (its G4 gateway): the same dialects under /gateway.
    {"gateway/anthropic/v1/messages", PathKind::AnthropicMessages, "POST"},
    {"gateway/anthropic/v1/messages/count_tokens", PathKind::AnthropicCountTokens, "POST"},
    {"gateway/openai/v1/chat/completions", PathKind::OpenAIChat, "POST"},
    {"gateway/openai/v1/embeddings", PathKind::OpenAIEmbeddings, "POST"},
    {"gateway/openai/v1/responses", PathKind::OpenAIResponses, "POST"},
    {"gateway/openai/v1/responses/input_tokens", PathKind::ResponsesInputTokens, "POST"},
    {"gateway/mlflow/v1/chat/completions", PathKind::OpenAIChat, "POST"},
    {"api/2.0/gateway/routes", PathKind::ListRoutes, "GET"},
    {"api/2.0/gateway/routes/*", PathKind::GetRoute, "GET"},
    {"api/2.0/endpoints", PathKind::ListEndpoints, "GET"},
    {"api/2.0/endpoints/limits/*", PathKind::Limits, "GET"},
    {"api/2.0/endpoints/limits", PathKind::Limits, "POST"},
    {"api/2.0/endpoints/*", PathKind::GetEndpoint, "GET"},
    {"api/3.0/gateway/endpoint/*", PathKind::GetEndpoint, "GET"},
    {"api/3.0/gateway/route/*", PathKind::GetTrafficRoute, "GET"},
    {"api/2.0/gateway/limits/*", PathKind::Limits, "GET"},
    {"api/2.0/gateway/limits", PathKind::Limits, "POST"},
};

bool matchShape(const char* shape, const std::vector<std::string_view>& segs, std::string* name) {
  std::vector<std::string_view> want = splitSegments(shape);
  if (std::string_view(shape).empty()) want.clear();
  if (want.size() != segs.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "*") {
      if (segs[i].empty()) return false;
      *name = percentDecode(segs[i], false);
    } else if (want[i] != segs[i]) {
      return false;
    }
  }
  return true;
}

// /gateway/gemini/{v1beta|v1}/models/{name}:{call} (MLflow 3's Gemini passthrough): the
// endpoint's name and the call share the last segment.
bool matchGemini(std::string_view method, const std::vector<std::string_view>& segs, PathMatch& match) {
  if (segs.size() != 5 || segs[0] != "gateway" || segs[1] != "gemini" || segs[3] != "models" ||
      (segs[2] != "v1beta" && segs[2] != "v1")) {
    return false;
  }
  static constexpr std::pair<std::string_view, PathKind> kCalls[] = {
      {"generateContent", PathKind::GeminiGenerate},
      {"streamGenerateContent", PathKind::GeminiStreamGenerate},
      {"countTokens", PathKind::GeminiCountTokens}};
  const size_t colon = segs[4].rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string name = percentDecode(segs[4].substr(0, colon), false);
  if (name.find('/') != std::string::npos) return false;
  for (const auto& [call, kind] : kCalls) {
    if (segs[4].substr(colon + 1) != call) continue;
    match.kind = kind;
    match.name = std::move(name);
    match.allowedMethod = "POST";
    match.methodAllowed = method == "POST";
    return true;
  }
  return false;
}

}  // namespace

PathMatch matchPath(std::string_view method, std::string_view target) {
  PathMatch match;
  std::string_view path = target;
  if (size_t q = target.find('?'); q != std::string_view::npos) {
    path = target.substr(0, q);
    match.query = std::string(target.substr(q + 1));
  }
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> segs = path.empty() ? std::vector<std::string_view>{}
                                                    : splitSegments(path);
  // /gateway/proxy/{endpoint}/{path...}: any method, the rest of the path kept as sent.
  if (segs.size() >= 3 && segs[0] == "gateway" && segs[1] == "proxy" && !segs[2].empty()) {
    match.kind = PathKind::Proxy;
    match.name = percentDecode(segs[2], false);
    const size_t tailStart = static_cast<size_t>(segs[2].data() - path.data()) + segs[2].size() + 1;
    match.tail = std::string(path.substr(std::min(path.size(), tailStart)));
    match.allowedMethod = method;
    return match;
  }
  if (matchGemini(method, segs, match)) return match;
  bool pathMatched = false;
  for (const Pattern& p : kPatterns) {
    std::string name;
    if (!matchShape(p.shape, segs, &name)) continue;
    if (name.find('/') != std::string::npos) continue;  // encoded slash: not a name
    pathMatched = true;
    if (method != p.method && !(method == "HEAD" && std::string_view(p.method) == "GET")) {
      match.kind = p.kind;
      match.allowedMethod = p.method;
      match.methodAllowed = false;
      continue;  // the same path may take another method in a later row
    }
    match.kind = p.kind;
    match.name = std::move(name);
    match.allowedMethod = p.method;
    match.methodAllowed = true;
    return match;
  }
  if (!pathMatched) match.kind = PathKind::NotFound;
  return match;
}

std::string queryParam(std::string_view query, std::string_view name) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return eq == std::string_view::npos ? "" : percentDecode(pair.substr(eq + 1), true);
    }
    start = amp + 1;
  }
  return "";
}

vocab::RouteType openAIRouteType(PathKind kind) {
  if (kind == PathKind::OpenAICompletions) return vocab::RouteType::Completions;
  if (kind == PathKind::OpenAIEmbeddings) return vocab::RouteType::Embeddings;
  return vocab::RouteType::Chat;
}

schema::Surface surfaceOf(PathKind kind) {
  switch (kind) {
    case PathKind::OpenAIChat:
    case PathKind::OpenAICompletions:
    case PathKind::OpenAIEmbeddings:
    case PathKind::OpenAIModels:
    case PathKind::OpenAIModel: return schema::Surface::OpenAI;
    case PathKind::AnthropicMessages:
    case PathKind::AnthropicCountTokens: return schema::Surface::Anthropic;
    case PathKind::GeminiGenerate:
    case PathKind::GeminiStreamGenerate:
    case PathKind::GeminiCountTokens: return schema::Surface::Gemini;
    case PathKind::OpenAIResponses:
    case PathKind::ResponsesInputTokens: return schema::Surface::Responses;
    default: return schema::Surface::Invocations;
  }
}

}  // namespace gw::gateway
