// Hono facts beyond `app.get(...)`: sub-apps mounted with `app.route("/users", users)`, and
// @hono/zod-openapi routes declared with `createRoute({ method, path, middleware })` and
// registered with `router.openapi(routes.list, handlers.list)` (often in another file).
#include <algorithm>

#include "core/facts/extract.hpp"
#include "core/facts/extract_hono.hpp"

namespace agentlens::core::facts_detail {
namespace {

ts::Node pairValue(const State& st, ts::Node object, std::string_view key) {
  for (std::uint32_t i = 0; i < object.namedChildCount(); ++i) {
    ts::Node pair = object.namedChild(i);
    if (pair.type() == "pair" && st.text(pair.field("key")) == key) return pair.field("value");
  }
  return {};
}

/// `[authCheck, isAdmin] as const` -> the array; a single middleware stays itself.
ts::Node unwrapAs(ts::Node n) {
  while (n && (n.type() == "as_expression" || n.type() == "satisfies_expression" || n.type() == "parenthesized_expression") &&
         n.namedChildCount())
    n = n.namedChild(0);
  return n;
}

/// Auth middleware registered on `receiver` (for a path covering `prefix`) before this point.
const Use* authUseBefore(const State& st, std::string_view receiver, std::string_view prefix) {
  auto it = std::find_if(st.uses.begin(), st.uses.end(), [&](const Use& u) {
    return u.auth && u.receiver == receiver && (u.pathPrefix.empty() || prefix.starts_with(u.pathPrefix));
  });
  return it == st.uses.end() ? nullptr : &*it;
}

}  // namespace

void honoCreateRoute(State& st, ts::Node call, const std::vector<ts::Node>& args) {
  if (!st.routesEnabled || args.empty() || args[0].type() != "object") return;
  if (!st.facts.imports_("@hono/zod-openapi")) return;
  std::string method, path;
  if (!stringValue(st, pairValue(st, args[0], "method"), method) || !stringValue(st, pairValue(st, args[0], "path"), path))
    return;
  if (!isHttpMethodName(lower(method)) || !path.starts_with('/')) return;
  Route r;
  r.framework = "hono";
  r.method = upper(method);
  r.path = path;
  bool auth = false;
  std::string evidence;
  if (ts::Node mw = unwrapAs(pairValue(st, args[0], "middleware"))) {
    std::vector<ts::Node> items;
    if (mw.type() == "array")
      for (std::uint32_t i = 0; i < mw.namedChildCount(); ++i) items.push_back(mw.namedChild(i));
    else
      items.push_back(mw);
    for (ts::Node m : items)
      if (authLikeName(st.text(m)) && !optionalAuthText(st.text(m)) && !auth) {
        auth = true;
        evidence = "middleware: " + shortText(st.text(m));
      }
  }
  if (pairValue(st, args[0], "request")) r.validatesBody = true;  // zod schemas validate the request
  auto& p = st.addRoute(std::move(r), call);
  p.explicitAuth = auth;
  p.authEvidence = evidence;
}

bool honoMount(State& st, ts::Node call, std::string_view receiver, const std::vector<ts::Node>& args) {
  if (args.size() != 2 || !st.routesEnabled) return false;
  std::string prefix;
  if (!stringValue(st, args[0], prefix) || !prefix.starts_with('/')) return false;
  auto tt = args[1].type();
  if (tt != "identifier" && tt != "member_expression") return false;
  std::string target(st.text(args[1]));
  const Use* authUse = authUseBefore(st, receiver, prefix);
  Mount m{std::string(receiver), target, prefix == "/" ? "" : prefix, authUse != nullptr, st.line(call)};
  if (authUse) m.authBy = authUse->evidence;
  std::string root = target.substr(0, target.find('.'));
  if (auto it = st.imported.find(root); it != st.imported.end()) m.module = it->second;
  st.facts.mounts.push_back(std::move(m));
  // A sub-app of this file: its routes live under the prefix.
  if (tt == "identifier" && st.isApp(target) && target != receiver && st.groups[target].parent.empty()) {
    std::string link = target + "@" + std::to_string(st.line(call));
    st.groups[target].parent = link;
    st.groups[link] = Group{std::string(receiver), prefix, false, call.startByte()};
  }
  return true;
}

void honoOpenApiInclude(State& st, ts::Node call, const std::vector<ts::Node>& args) {
  if (args.size() < 2 || !st.routesEnabled) return;
  ts::Node def = args[0];
  if (def.type() != "member_expression" && def.type() != "identifier") return;
  std::string root(st.text(def.type() == "member_expression" ? def.field("object") : def));
  auto it = st.imported.find(root);
  if (it == st.imported.end()) return;  // a createRoute of this file is recorded where it is declared
  for (const auto& m : st.facts.mounts)
    if (m.module == it->second && m.prefix.empty()) return;
  Mount m{"openapi", root, "", false, st.line(call)};
  m.module = it->second;
  st.facts.mounts.push_back(std::move(m));
}

}  // namespace agentlens::core::facts_detail
