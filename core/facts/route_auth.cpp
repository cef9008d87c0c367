// Auth per route inside one file: explicit guards, middleware and hooks inherited from the
// router chain (in source order where the framework applies them in order), allowlists of public
// paths, optional auth, and the evidence for each. Cross-file mounts are joined by the
// WorkspaceIndex.
#include <algorithm>

#include "core/facts/extract.hpp"
#include "core/facts/route_public.hpp"

namespace agentlens::core::facts_detail {

bool optionalAuthText(std::string_view text) {
  auto l = lower(text);
  return l.find("(false)") != std::string::npos || l.find("optional") != std::string::npos ||
         l.find("maybeauth") != std::string::npos || l.find("softauth") != std::string::npos;
}

std::vector<std::string> receiverChain(const State& st, const std::string& receiver) {
  std::vector<std::string> chain{receiver};
  for (int guard = 0; guard < 16; ++guard) {
    auto it = st.groups.find(chain.back());
    if (it == st.groups.end() || it->second.parent.empty()) break;
    if (std::find(chain.begin(), chain.end(), it->second.parent) != chain.end()) break;
    chain.push_back(it->second.parent);
  }
  return chain;
}

std::string chainPrefix(const State& st, const std::string& receiver) {
  std::string prefix;
  for (const auto& name : receiverChain(st, receiver)) {
    auto it = st.groups.find(name);
    if (it != st.groups.end() && !it->second.prefix.empty()) prefix = joinPath(it->second.prefix, prefix.empty() ? "/" : prefix);
  }
  if (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  return prefix;
}

bool authBefore(const State& st, const std::string& receiver, std::uint32_t byte, std::string& evidence, bool& optional) {
  auto chain = receiverChain(st, receiver);
  bool found = false;
  for (const auto& name : chain) {
    auto g = st.groups.find(name);
    if (g != st.groups.end() && g->second.auth) {
      evidence = g->second.authBy;
      return true;
    }
  }
  for (const auto& u : st.uses) {
    if (!u.auth && !u.optional) continue;
    if (std::find(chain.begin(), chain.end(), u.receiver) == chain.end()) continue;
    if (!u.wholeReceiver && (u.byte >= byte || byte < u.scopeStart || byte >= u.scopeEnd)) continue;
    if (u.auth) {
      evidence = u.evidence;
      optional = false;
      return true;
    }
    if (!found) evidence = u.evidence;
    optional = found = true;
  }
  return false;
}

bool authCheckBody(std::string_view body) {
  auto l = lower(body);
  for (std::string_view w : {"401", "403", "unauthorized", "forbidden", "authorization", "session.user",
                             "session.get(\"user", "session[\"user", "current_user", "jwtverify", "verify_token",
                             "verifytoken", "login_required", "abort(401", "not authenticated"})
    if (l.find(w) != std::string::npos) return true;
  return authLikeName(l);
}

namespace {

bool constantName(std::string_view n) {
  return n.size() >= 3 && std::all_of(n.begin(), n.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'); });
}

/// Strings of a module-level constant (`PUBLIC_PATHS = {"/login", …}`, `const PUBLIC = [...]`).
void constantStrings(const State& st, std::string_view name, std::vector<std::string>& out) {
  ts::Node root = st.file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "export_statement" && n.field("declaration")) n = n.field("declaration");
    ts::Node value;
    if (n.type() == "expression_statement" && n.namedChildCount() && n.namedChild(0).type() == "assignment") {
      ts::Node a = n.namedChild(0);
      if (st.text(a.field("left")) == name) value = a.field("right");
    } else if (n.type() == "lexical_declaration" || n.type() == "variable_declaration") {
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k)
        if (n.namedChild(k).type() == "variable_declarator" && st.text(n.namedChild(k).field("name")) == name)
          value = n.namedChild(k).field("value");
    }
    if (!value) continue;
    ts::walk(value, [&](ts::Node c) {
      std::string v;
      if (stringValue(st, c, v)) {
        out.push_back(v);
        return false;
      }
      return true;
    });
  }
}

}  // namespace

std::vector<std::string> allowlistOf(const State& st, ts::Node body) {
  std::vector<std::string> strings, out;
  if (!body) return out;
  ts::walk(body, [&](ts::Node n) {
    std::string v;
    if (stringValue(st, n, v)) {
      strings.push_back(v);
      return false;
    }
    if (n.type() == "identifier" && constantName(st.text(n))) constantStrings(st, st.text(n), strings);
    return true;
  });
  // Endpoint names count only where the hook compares the endpoint (`request.endpoint in {...}`).
  bool endpoints = st.text(body).find("endpoint") != std::string_view::npos;
  for (auto& v : strings) {
    bool path = v.starts_with('/') && v.size() < 120 && v.find(' ') == std::string::npos;
    bool endpoint = endpoints && !v.empty() && v.size() < 60 && std::all_of(v.begin(), v.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
    if (path || endpoint) out.push_back(std::move(v));
  }
  return out;
}

namespace {

/// The allowlist entry that lets this route through, or "".
std::string allowedBy(const Use& u, const Route& r) {
  for (const auto& a : u.allow) {
    if (a.starts_with('/')) {
      std::string_view p = r.path;
      if (a == "/" ? p == "/" : (p == a || (p.starts_with(a) && (a.ends_with('/') || p[a.size()] == '/'))))
        return a;
      continue;
    }
    // Flask endpoints: "login", "auth.login", "static".
    std::string_view ep = a;
    if (auto dot = ep.rfind('.'); dot != std::string_view::npos) ep = ep.substr(dot + 1);
    if (!r.handler.empty() && ep == r.handler) return a;
  }
  return "";
}

}  // namespace

void resolveRouteAuth(State& st, PendingRoute& p, bool authCall) {
  Route& r = st.facts.routes[p.index];
  if (r.auth == AuthStatus::Unknown && r.framework == "django") {
    if (r.publicReason.empty()) r.publicReason = publicByDesign(r.method, r.path, r.handler, r.name);
    return;  // views live elsewhere
  }
  if (p.explicitAuth || authCall) {
    r.auth = AuthStatus::Explicit;
    r.authBy = !p.authEvidence.empty() ? p.authEvidence : authCall ? "auth check in the handler" : "guard on the route";
    return;
  }
  auto chain = receiverChain(st, p.receiver);
  std::uint32_t mountedAt = p.byte;  // app-level middleware reaches a mounted router by the mount's position
  const Group* authGroup = nullptr;
  for (const auto& name : chain) {
    auto g = st.groups.find(name);
    if (g != st.groups.end() && g->second.auth && !authGroup) authGroup = &g->second;
    if (g != st.groups.end() && g->second.mountByte) mountedAt = g->second.mountByte;
  }
  const Use* by = nullptr;
  const Use* optional = nullptr;
  for (const auto& u : st.uses) {
    if (!u.auth && !u.optional) continue;
    bool sameChain = std::find(chain.begin(), chain.end(), u.receiver) != chain.end();
    bool appLevel = st.isApp(u.receiver) && !st.groups.count(u.receiver);
    bool applies = false;
    if (u.wholeReceiver) applies = sameChain || (appLevel && u.receiver == chain.back());
    else {
      bool before = u.byte < (u.receiver == p.receiver ? p.byte : mountedAt);
      bool inScope = u.scopeStart <= p.byte && p.byte < u.scopeEnd;
      // The middleware's path is relative to its router (Hono `basePath`, a prefixed group).
      std::string rel = r.path;
      if (auto pre = chainPrefix(st, p.receiver); !pre.empty() && rel.starts_with(pre)) rel = rel.substr(pre.size());
      bool pathOk = u.pathPrefix.empty() || r.path.starts_with(u.pathPrefix) || rel.starts_with(u.pathPrefix);
      applies = before && inScope && pathOk && (sameChain || appLevel);
    }
    if (!applies) continue;
    if (u.auth && !by) by = &u;
    if (!u.auth && !optional) optional = &u;
  }
  if (authGroup) {
    r.auth = AuthStatus::Inherited;
    r.authBy = authGroup->authBy;
  } else if (by) {
    if (auto a = allowedBy(*by, r); !a.empty()) {
      r.auth = AuthStatus::None;
      r.publicReason = "allowlisted by " + by->evidence + " (" + a + ")";
      return;
    }
    r.auth = AuthStatus::Inherited;
    r.authBy = by->evidence;
  } else {
    r.auth = AuthStatus::None;
    if (optional && (r.method == "GET" || r.method == "HEAD")) r.publicReason = "optional auth: " + optional->evidence;
  }
  if (r.auth == AuthStatus::None && r.publicReason.empty())
    r.publicReason = publicByDesign(r.method, r.path, r.handler, r.name);
}

}  // namespace agentlens::core::facts_detail
