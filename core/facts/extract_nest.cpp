// NestJS facts: controller routes (`@Controller('orders')` + `@Get(':id')`), their guards
// (`@UseGuards(JwtAuthGuard)` on the method or the class, `@Roles(...)`), routes marked public
// (`@Public()`), and global guards (`{ provide: APP_GUARD, useClass: JwtAuthGuard }`), recorded as
// a hook over the module's folder that the WorkspaceIndex applies to the controllers below it.
#include <algorithm>

#include "core/facts/extract.hpp"
#include "core/facts/extract_nest.hpp"

namespace agentlens::core::facts_detail {
namespace {

/// `@Get(':id')` -> callee "Get" and its first argument; `@Public` -> callee "Public".
struct Decorator {
  std::string name;
  ts::Node arg;
  ts::Node node;
};

Decorator readDecorator(const State& st, ts::Node d) {
  Decorator out{"", ts::Node(), d};
  ts::Node e = d.namedChildCount() ? d.namedChild(0) : ts::Node();
  if (e && e.type() == "call_expression") {
    out.name = std::string(st.text(e.field("function")));
    auto args = callArgs(e);
    if (!args.empty()) out.arg = args[0];
  } else if (e) {
    out.name = std::string(st.text(e));
  }
  return out;
}

void decoratorsOf(const State& st, ts::Node n, std::vector<Decorator>& out) {
  for (std::uint32_t i = 0; n && i < n.childCount(); ++i)
    if (n.child(i).type() == "decorator") out.push_back(readDecorator(st, n.child(i)));
}

bool routeDecorator(std::string_view name) {
  return name == "Get" || name == "Post" || name == "Put" || name == "Patch" || name == "Delete" || name == "Head" ||
         name == "Options" || name == "All";
}

/// A decorator that marks a route or controller public for a global guard.
bool publicDecorator(std::string_view name) {
  auto l = lower(name);
  return l == "public" || l == "ispublic" || l == "skipauth" || l == "allowanonymous" || l == "anonymous" ||
         l == "noauth" || l == "publicroute" || l == "publicendpoint";
}

/// Guards that authenticate (or authorize a signed-in user): not rate limiting, not feature flags.
bool authGuardName(std::string_view text) {
  auto l = lower(text);
  if (l.find("throttl") != std::string::npos || l.find("feature") != std::string::npos) return false;
  return authLikeName(text) || l.find("role") != std::string::npos;
}

/// The guard evidence a set of decorators carries ("@UseGuards(JwtAuthGuard)", "@Roles(Role.Admin)").
std::string guardEvidence(const State& st, const std::vector<Decorator>& ds) {
  for (const auto& d : ds) {
    if (d.name.starts_with("Api")) continue;  // Swagger: @ApiBearerAuth() documents, it does not enforce
    auto text = shortText(st.text(d.node));
    if (d.name == "UseGuards") {
      ts::Node call = d.node.namedChild(0);
      for (ts::Node a : callArgs(call))
        if (authGuardName(st.text(a))) return text;
      continue;
    }
    if (d.name == "Roles" || d.name == "Auth" || d.name == "Authorize" || d.name == "RequireAuth" ||
        d.name == "Permissions" || d.name == "RequirePermissions")
      return text;
  }
  return "";
}

std::string controllerPrefix(const State& st, const std::vector<Decorator>& ds, bool& isController) {
  for (const auto& d : ds) {
    if (d.name != "Controller") continue;
    isController = true;
    std::string p;
    if (!d.arg) return "";
    if (stringValue(st, d.arg, p)) return p;
    if (d.arg.type() == "object")
      for (std::uint32_t i = 0; i < d.arg.namedChildCount(); ++i) {
        ts::Node pair = d.arg.namedChild(i);
        if (pair.type() == "pair" && st.text(pair.field("key")) == "path" && stringValue(st, pair.field("value"), p)) return p;
      }
    return "";
  }
  return "";
}

/// `@ReqUser() user: User | null` / `@CurrentUser() user?: User`: the handler declares that the
/// caller may be anonymous and serves both (a guest cart, a guest checkout).
std::string anonymousCallerParam(const State& st, ts::Node method) {
  ts::Node params = method.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    auto text = st.text(p);
    if (!text.starts_with("@")) continue;
    auto deco = lower(text.substr(0, text.find('(')));
    if (deco.find("user") == std::string::npos) continue;
    bool nullable = text.find("| null") != std::string_view::npos || text.find("| undefined") != std::string_view::npos ||
                    text.find("?:") != std::string_view::npos || p.type() == "optional_parameter";
    if (nullable) return shortText(text);
  }
  return "";
}

std::string slashed(std::string_view p) { return p.starts_with('/') ? std::string(p) : "/" + std::string(p); }

}  // namespace

void nestController(State& st, ts::Node cls, std::span<const ts::Node> anc) {
  if (!st.routesEnabled) return;
  std::vector<Decorator> classDecos;
  decoratorsOf(st, cls, classDecos);
  if (!anc.empty() && anc.back().type() == "export_statement") decoratorsOf(st, anc.back(), classDecos);
  bool isController = false;
  std::string prefix = controllerPrefix(st, classDecos, isController);
  if (!isController) return;
  std::string classGuard = guardEvidence(st, classDecos);
  bool classPublic = std::any_of(classDecos.begin(), classDecos.end(), [](const Decorator& d) { return publicDecorator(d.name); });
  ts::Node body = cls.field("body");
  std::vector<Decorator> pending;
  for (std::uint32_t i = 0; body && i < body.childCount(); ++i) {
    ts::Node c = body.child(i);
    if (c.type() == "decorator") {
      pending.push_back(readDecorator(st, c));
      continue;
    }
    if (c.type() != "method_definition") {
      if (c.isNamed() && c.type() != "comment") pending.clear();
      continue;
    }
    std::vector<Decorator> ds;
    ds.swap(pending);
    decoratorsOf(st, c, ds);
    auto verb = std::find_if(ds.begin(), ds.end(), [](const Decorator& d) { return routeDecorator(d.name); });
    if (verb == ds.end()) continue;
    std::string path;
    if (verb->arg) stringValue(st, verb->arg, path);
    Route r;
    r.framework = "nestjs";
    r.method = verb->name == "All" ? "*" : upper(verb->name);
    r.path = joinPath(slashed(prefix), path.empty() ? "/" : slashed(path));
    if (r.path.empty()) r.path = "/";
    r.handler = std::string(st.text(c.field("name")));
    bool routePublic = classPublic || std::any_of(ds.begin(), ds.end(), [](const Decorator& d) { return publicDecorator(d.name); });
    if (routePublic) r.publicReason = "declared public: @Public()";
    // …but not for a write to an existing resource (`@Delete(':id')`): that is no guest flow.
    else if (auto anon = anonymousCallerParam(st, c);
             !anon.empty() && (r.method == "GET" || r.method == "HEAD" || r.path.find(':') == std::string::npos))
      r.publicReason = "declared public: serves anonymous callers (`" + anon + "`)";
    std::string guard = guardEvidence(st, ds);
    if (guard.empty()) guard = classGuard;
    auto& p = st.addRoute(std::move(r), verb->node);
    p.handler = c;
    p.receiver = "";
    p.explicitAuth = !guard.empty();
    p.authEvidence = guard;
  }
}

/// `{ provide: APP_GUARD, useClass: JwtAuthGuard }` in a module: a global guard. One that
/// authenticates (not a role/permission guard that passes routes without metadata, not a
/// throttler) protects every controller in the module's folder and below, except @Public() routes.
void nestGlobalGuard(State& st, ts::Node object) {
  if (!st.routesEnabled) return;
  std::string guard;
  bool appGuard = false;
  for (std::uint32_t i = 0; i < object.namedChildCount(); ++i) {
    ts::Node pair = object.namedChild(i);
    if (pair.type() != "pair") continue;
    auto key = st.text(pair.field("key"));
    auto value = st.text(pair.field("value"));
    if (key == "provide" && value == "APP_GUARD") appGuard = true;
    if (key == "useClass" || key == "useExisting") guard = std::string(value);
  }
  if (!appGuard || guard.empty()) return;
  auto l = lower(guard);
  for (std::string_view metadataOnly : {"role", "permission", "polic", "abilit", "casl", "throttl", "feature"})
    if (l.find(metadataOnly) != std::string::npos) return;
  if (!authLikeName(guard) && l.find("session") == std::string::npos) return;
  st.facts.authHooks.push_back({"dir", "global APP_GUARD " + guard, {}, st.line(object)});
}

/// `app.setGlobalPrefix("api", { exclude: ["health"] })`: every controller route is served under
/// it but the excluded paths; recorded as a mount the WorkspaceIndex applies to NestJS routes.
void nestGlobalPrefix(State& st, ts::Node call, const std::vector<ts::Node>& args) {
  std::string prefix;
  if (args.empty() || !st.routesEnabled || !stringValue(st, args[0], prefix) || prefix.empty()) return;
  auto slashed = [](const std::string& p) { return p.starts_with('/') ? p : "/" + p; };
  Mount m{"nest-global-prefix", "", slashed(prefix), false, st.line(call)};
  if (args.size() > 1 && args[1].type() == "object")
    ts::walk(args[1], [&](ts::Node n) {
      std::string v;
      if (!stringValue(st, n, v)) return true;
      m.target += (m.target.empty() ? "" : ",") + slashed(v);
      return false;
    });
  st.facts.mounts.push_back(std::move(m));
}

}  // namespace agentlens::core::facts_detail
