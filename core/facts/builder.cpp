// FactsBuilder: dispatch to the language extractors during the walk, then whole-file resolution
// (handler lookup, prefixes, inherited auth, handler body facts, role refinement).
#include "core/facts/builder.hpp"

#include "core/ts/walk.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/facts/extract.hpp"
#include "core/facts/infra.hpp"
#include "core/facts/prelude.hpp"
#include "core/text/path_text.hpp"

namespace agentlens::core {
namespace facts_detail {

bool State::isApp(std::string_view name) const {
  return std::find(facts.appObjects.begin(), facts.appObjects.end(), name) != facts.appObjects.end();
}

void State::addApp(std::string_view name) {
  if (!name.empty() && !isApp(name)) facts.appObjects.emplace_back(name);
}

PendingRoute& State::addRoute(Route r, ts::Node registration) {
  r.line = registration.startPoint().row;
  facts.routes.push_back(std::move(r));
  PendingRoute p;
  p.index = facts.routes.size() - 1;
  p.byte = registration.startByte();
  pending.push_back(std::move(p));
  return pending.back();
}

namespace {
std::string_view stripQuotes(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && t[i] != '"' && t[i] != '\'' && t[i] != '`') ++i;  // Python prefixes (r, b, u, f)
  t = t.substr(i);
  for (std::string_view q : {"\"\"\"", "'''", "\"", "'", "`"})
    if (t.size() >= 2 * q.size() && t.starts_with(q) && t.ends_with(q))
      return t.substr(q.size(), t.size() - 2 * q.size());
  return {};
}
}  // namespace

bool stringValue(const State& st, ts::Node n, std::string& out) {
  if (!n) return false;
  auto type = n.type();
  if (type == "string" || type == "template_string" || type == "interpreted_string_literal" ||
      type == "raw_string_literal") {
    for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) {
      auto ct = n.namedChild(i).type();
      if (ct == "interpolation" || ct == "template_substitution") return false;
    }
    auto t = st.text(n);
    if (type == "string" && st.lang == Lang::Python) {
      auto q = t.find_first_of("\"'");
      if (q != std::string_view::npos && t.substr(0, q).find_first_of("fF") != std::string_view::npos &&
          t.find('{') != std::string_view::npos)
        return false;
    }
    out = std::string(stripQuotes(t));
    return true;
  }
  return false;
}

bool testPathValue(const State& st, ts::Node n, std::string& out) {
  if (!n) return false;
  if (stringValue(st, n, out)) return true;
  std::string raw;
  auto type = n.type();
  if (type == "string" || type == "template_string") {
    // `f"/users/{uid}"`, `` `/users/${id}` ``: each interpolation becomes a parameter.
    std::uint32_t at = n.startByte();
    for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) {
      ts::Node c = n.namedChild(i);
      if (c.type() != "interpolation" && c.type() != "template_substitution") continue;
      raw += st.text(n).substr(at - n.startByte(), c.startByte() - at);
      raw += "{p}";
      at = c.endByte();
    }
    raw += st.text(n).substr(at - n.startByte());
    raw = std::string(stripQuotes(raw));
  } else if (type == "binary_expression") {
    // Go/JS: "/users/" + id
    std::string left;
    ts::Node l = n.field("left");
    if (!stringValue(st, l, left)) return false;
    raw = left + "{p}";
  } else {
    return false;
  }
  if (raw.starts_with("{p}/")) raw.erase(0, 3);  // `f"{BASE}/users"`, `` `${base}/users` ``: a base URL
  if (!raw.starts_with('/')) return false;
  // A segment that contains a parameter is a parameter (`/users/u{p}` -> `/users/{p}`).
  std::string norm;
  std::size_t i = 0;
  while (i < raw.size()) {
    auto j = raw.find('/', i + 1);
    std::string seg = raw.substr(i, j == std::string::npos ? std::string::npos : j - i);
    if (seg.find("{p}") != std::string::npos) seg = "/{p}";
    norm += seg;
    if (j == std::string::npos) break;
    i = j;
  }
  out = norm;
  return true;
}

namespace {

/// `baseURL + "/tasks/" + id + "/status"` (Go, JS): the path after a base URL, with each
/// non-literal operand a parameter, or "".
std::string concatenatedPath(const State& st, ts::Node top) {
  std::vector<ts::Node> operands;
  ts::Node n = top;
  for (int guard = 0; guard < 16 && n.type() == "binary_expression"; ++guard) {
    operands.push_back(n.field("right"));
    n = n.field("left");
  }
  operands.push_back(n);
  std::reverse(operands.begin(), operands.end());
  std::string first;
  if (operands.size() < 3 || stringValue(st, operands[0], first) || !stringValue(st, operands[1], first) ||
      !first.starts_with('/'))
    return "";
  std::string path;
  for (std::size_t i = 1; i < operands.size(); ++i) {
    std::string v;
    path += stringValue(st, operands[i], v) ? v : "{p}";
  }
  std::string norm;  // a segment holding a parameter is a parameter
  std::size_t i = 0;
  while (i < path.size()) {
    auto j = path.find('/', i + 1);
    std::string seg = path.substr(i, j == std::string::npos ? std::string::npos : j - i);
    norm += seg.find("{p}") != std::string::npos ? "/{p}" : seg;
    if (j == std::string::npos) break;
    i = j;
  }
  return norm;
}

}  // namespace

void testPathLiteral(State& st, ts::Node n) {
  auto t = n.type();
  if (t == "binary_expression" && (st.lang == Lang::Go || isJsFamily(st.lang)) &&
      !(n.parent() && n.parent().type() == "binary_expression") && st.facts.testRouteRefs.size() < 1000) {
    std::string path = concatenatedPath(st, n);
    if (auto q = path.find_first_of("?#"); q != std::string::npos) path.resize(q);
    while (path.size() > 1 && path.ends_with('/')) path.pop_back();
    if (path.size() > 1 && path.find_first_of(" \t\n") == std::string::npos) st.facts.testRouteRefs.push_back("* " + path);
    return;
  }
  if (t != "string" && t != "template_string" && t != "interpreted_string_literal" && t != "raw_string_literal") return;
  auto& refs = st.facts.testRouteRefs;
  if (refs.size() >= 1000) return;
  std::string path;
  if (!testPathValue(st, n, path) || !path.starts_with('/') || path.size() > 200) return;
  if (path.find_first_of(" \t\n") != std::string::npos) return;
  if (auto q = path.find_first_of("?#"); q != std::string::npos) path.resize(q);
  if (path.size() > 1 && path.ends_with('/')) {
    // A prefix to concatenate (`"/items/" + id`), except as an element of a Go table test
    // (`{"/users/", "POST", …}`), where it is the requested path.
    // So is `baseURL + "/tasks/"` when nothing is appended after it.
    ts::Node parent = n.parent();
    bool element = parent && (parent.type() == "literal_element" || parent.type() == "literal_value");
    bool afterBase = parent && parent.type() == "binary_expression" && parent.field("right") == n &&
                     parent.field("left").type() != "binary_expression" &&
                     !(parent.parent() && parent.parent().type() == "binary_expression");
    if (!element && !afterBase) return;
    path.pop_back();
  }
  // Already referenced with its method (`client.get("/users")` is visited before its string).
  for (const auto& r : refs)
    if (r.size() > path.size() && r.ends_with(path) && r[r.size() - path.size() - 1] == ' ') return;
  refs.push_back("* " + path);
}

int intValue(const State& st, ts::Node n) {
  if (!n) return -1;
  auto type = n.type();
  if (type != "integer" && type != "number" && type != "int_literal") return -1;
  auto t = st.text(n);
  if (t.empty() || t.size() > 6) return -1;
  int v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

namespace {
struct NamedStatus {
  std::string_view go, py;
  int code;
};
constexpr std::array<NamedStatus, 31> kStatuses{{
    {"StatusOK", "OK", 200}, {"StatusCreated", "CREATED", 201}, {"StatusAccepted", "ACCEPTED", 202},
    {"StatusNoContent", "NO_CONTENT", 204}, {"StatusMovedPermanently", "MOVED_PERMANENTLY", 301},
    {"StatusFound", "FOUND", 302}, {"StatusSeeOther", "SEE_OTHER", 303}, {"StatusNotModified", "NOT_MODIFIED", 304},
    {"StatusTemporaryRedirect", "TEMPORARY_REDIRECT", 307}, {"StatusPermanentRedirect", "PERMANENT_REDIRECT", 308},
    {"StatusBadRequest", "BAD_REQUEST", 400}, {"StatusUnauthorized", "UNAUTHORIZED", 401},
    {"StatusPaymentRequired", "PAYMENT_REQUIRED", 402}, {"StatusForbidden", "FORBIDDEN", 403},
    {"StatusNotFound", "NOT_FOUND", 404}, {"StatusMethodNotAllowed", "METHOD_NOT_ALLOWED", 405},
    {"StatusNotAcceptable", "NOT_ACCEPTABLE", 406}, {"StatusRequestTimeout", "REQUEST_TIMEOUT", 408},
    {"StatusConflict", "CONFLICT", 409}, {"StatusGone", "GONE", 410},
    {"StatusPreconditionFailed", "PRECONDITION_FAILED", 412},
    {"StatusRequestEntityTooLarge", "REQUEST_ENTITY_TOO_LARGE", 413},
    {"StatusUnsupportedMediaType", "UNSUPPORTED_MEDIA_TYPE", 415},
    {"StatusUnprocessableEntity", "UNPROCESSABLE_ENTITY", 422}, {"StatusTooManyRequests", "TOO_MANY_REQUESTS", 429},
    {"StatusInternalServerError", "INTERNAL_SERVER_ERROR", 500}, {"StatusNotImplemented", "NOT_IMPLEMENTED", 501},
    {"StatusBadGateway", "BAD_GATEWAY", 502}, {"StatusServiceUnavailable", "SERVICE_UNAVAILABLE", 503},
    {"StatusGatewayTimeout", "GATEWAY_TIMEOUT", 504}, {"", "UNPROCESSABLE_CONTENT", 422},
}};
}  // namespace

int statusCodeOf(const State& st, ts::Node n) {
  int v = intValue(st, n);
  if (v >= 0) return (v >= 100 && v <= 599) ? v : -1;
  if (!n) return -1;
  auto type = n.type();
  if (type != "attribute" && type != "member_expression" && type != "selector_expression") return -1;
  auto t = st.text(n);
  auto dot = t.rfind('.');
  if (dot == std::string_view::npos) return -1;
  auto name = t.substr(dot + 1);
  auto obj = t.substr(0, dot);
  // status.HTTP_404_NOT_FOUND (FastAPI/Starlette/DRF)
  if (name.starts_with("HTTP_") && name.size() >= 8) {
    int code = 0;
    for (std::size_t i = 5; i < 8; ++i) {
      if (name[i] < '0' || name[i] > '9') return -1;
      code = code * 10 + (name[i] - '0');
    }
    return code;
  }
  for (const auto& s : kStatuses) {
    if (st.lang == Lang::Go && !s.go.empty() && name == s.go && obj == "http") return s.code;
    if (st.lang == Lang::Python && name == s.py && obj.ends_with("HTTPStatus")) return s.code;
  }
  return -1;
}

std::vector<ts::Node> callArgs(ts::Node call) {
  std::vector<ts::Node> out;
  ts::Node args = call.field("arguments");
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() != "comment") out.push_back(a);
  }
  return out;
}

ts::Node keywordArg(const State& st, ts::Node call, std::string_view name) {
  ts::Node args = call.field("arguments");
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument" && st.text(a.field("name")) == name) return a.field("value");
  }
  return ts::Node();
}

std::string upper(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
  return o;
}

std::string lower(std::string_view s) { return text::asciiLower(s); }

bool isHttpMethodName(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "head" ||
         m == "options";
}

bool authLikeName(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c == '(') break;  // `jwt_required()`: the callee is enough
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      n += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  if (n.find("author") != std::string::npos && n.find("authoriz") == std::string::npos) return false;  // getAuthor
  // `requireNoAuth` (guest-only pages), `skipAuth`, `withoutAuth`: the opposite of a guard.
  if (n.size() <= 40)  // a name, not a body of code
    for (std::string_view neg : {"noauth", "withoutauth", "skipauth", "unauth", "guestonly"})
      if (n.find(neg) != std::string::npos) return false;
  static constexpr std::array<std::string_view, 24> kWords = {
      "auth",          "loginrequired", "jwt",          "token",        "passport",     "permission",
      "requireuser",   "currentuser",   "protect",      "guard",        "adminonly",    "adminrequired",
      "rolerequired",  "rolesrequired", "apikey",       "bearer",       "clerk",        "ensureloggedin",
      "isloggedin",    "signedin",      "verifyuser",   "sessionrequired", "requirelogin", "requiresession"};
  return std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return n.find(w) != std::string::npos; });
}

bool isFunctionNode(ts::Node n) {
  auto t = n.type();
  return t == "function_definition" || t == "lambda" || t == "function_declaration" ||
         t == "function_expression" || t == "arrow_function" || t == "method_definition" ||
         t == "generator_function_declaration" || t == "generator_function" || t == "func_literal" ||
         t == "method_declaration" || t == "function";
}

bool insideFunction(std::span<const ts::Node> ancestors) {
  return std::any_of(ancestors.begin(), ancestors.end(), [](ts::Node a) { return isFunctionNode(a); });
}

ts::Node enclosingFunction(std::span<const ts::Node> ancestors) {
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it)
    if (isFunctionNode(*it)) return *it;
  return ts::Node();
}

std::string joinPath(std::string_view prefix, std::string_view path) { return text::joinUrlPath(prefix, path); }

std::string shortText(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 80) {
      out += "…";
      break;
    }
  }
  return out;
}

namespace {

void resolve(State& st) {
  // 1. Named handlers.
  for (auto& p : st.pending) {
    Route& r = st.facts.routes[p.index];
    if (!p.handler && !p.handlerRef.empty()) {
      auto it = st.functions.find(p.handlerRef);
      if (it == st.functions.end()) {
        auto dot = p.handlerRef.rfind('.');
        if (dot != std::string::npos) it = st.functions.find(p.handlerRef.substr(dot + 1));
      }
      if (it != st.functions.end()) p.handler = it->second;
    }
    if (p.handler) {
      r.handlerStart = p.handler.startByte();
      r.handlerEnd = p.handler.endByte();
    }
  }
  // 2. Prefixes from groups/routers (chi Route prefixes are applied during the walk).
  for (auto& p : st.pending) {
    Route& r = st.facts.routes[p.index];
    if (r.framework == "nextjs") continue;
    auto chain = receiverChain(st, p.receiver);
    for (const auto& name : chain) {
      auto it = st.groups.find(name);
      if (it != st.groups.end() && !it->second.prefix.empty()) r.path = joinPath(it->second.prefix, r.path);
    }
  }
  // 3. Auth and body facts.
  std::unordered_map<std::uint32_t, std::pair<Route, bool>> bodyCache;
  for (auto& p : st.pending) {
    Route& r = st.facts.routes[p.index];
    bool authCall = false;
    if (p.handler) {
      auto key = p.handler.startByte();
      auto it = bodyCache.find(key);
      if (it == bodyCache.end()) {
        Route body;
        bool ac = false;
        analyzeHandlerBody(st, p.handler, body, ac);
        it = bodyCache.emplace(key, std::make_pair(std::move(body), ac)).first;
      }
      const Route& b = it->second.first;
      authCall = it->second.second;
      r.readsInput = r.readsInput || b.readsInput;
      r.validatesBody = r.validatesBody || b.validatesBody;
      r.callsDb = r.callsDb || b.callsDb;
      r.callsHttp = r.callsHttp || b.callsHttp;
      for (int c : b.statusCodes)
        if (std::find(r.statusCodes.begin(), r.statusCodes.end(), c) == r.statusCodes.end()) r.statusCodes.push_back(c);
      std::sort(r.statusCodes.begin(), r.statusCodes.end());
    }
    if (r.name.empty() && (r.framework == "flask" || r.framework == "fastapi" || r.framework == "starlette"))
      r.name = r.handler;
    resolveRouteAuth(st, p, authCall);
  }
  // 4. Mounts of this file's routers on an app that a hook authenticates as a whole (Flask
  // `before_request` on the app protects every blueprint registered on it).
  for (auto& m : st.facts.mounts) {
    if (m.auth) continue;
    for (const auto& u : st.uses)
      if (u.auth && u.wholeReceiver && u.receiver == m.owner) {
        m.auth = true;
        m.authBy = u.evidence;
      }
  }
}

}  // namespace
}  // namespace facts_detail

FactsBuilder::FactsBuilder(const ParsedFile& file, Facts& facts) : file_(file), facts_(facts) {}
FactsBuilder::~FactsBuilder() = default;

void FactsBuilder::begin() {
  facts_ = extractPrelude(file_);
  if (!file_.tree.valid()) {
    readInfraFile(file_, facts_);
    return;
  }
  st_ = std::make_unique<facts_detail::State>(file_, facts_);
  active_ = !facts_.isTestOrGenerated();
  st_->routesEnabled = active_;
  if (isJsFamily(file_.lang) && active_) facts_detail::beginJs(*st_);
}

void FactsBuilder::visit(ts::Node node, std::span<const ts::Node> ancestors) {
  if (!st_) return;
  if (facts_.role == FileRole::Test) {
    facts_detail::testPathLiteral(*st_, node);
    facts_detail::testNameLiteral(*st_, node);
  }
  switch (file_.lang) {
    case Lang::Python: facts_detail::visitPython(*st_, node, ancestors); break;
    case Lang::JavaScript:
    case Lang::TypeScript:
    case Lang::Tsx: facts_detail::visitJs(*st_, node, ancestors); break;
    case Lang::Go: facts_detail::visitGo(*st_, node, ancestors); break;
    default: break;
  }
}

void FactsBuilder::finish() {
  if (!st_) return;
  if (facts_.role == FileRole::Test) facts_detail::finishTestRefs(*st_);
  facts_detail::resolve(*st_);
  if (!facts_.routes.empty() &&
      (facts_.role == FileRole::Library || facts_.role == FileRole::Script || facts_.role == FileRole::Config))
    facts_.role = FileRole::Server;
}

Facts extractFacts(const ParsedFile& file) {
  Facts facts;
  FactsBuilder b(file, facts);
  b.begin();
  if (file.tree.valid()) {
    std::vector<ts::Node> stack;
    ts::walkWithAncestors(file.tree.root(), stack, [&](ts::Node node, const std::vector<ts::Node>& anc) { b.visit(node, anc); });
  }
  b.finish();
  return facts;
}

}  // namespace agentlens::core
