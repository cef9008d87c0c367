// The workspace's routes as a service serves them: each file's routes joined with the mounts
// that reach them from other files (Express `app.use("/v1", routes)` through `require`,
// FastAPI `include_router(prefix=)`, Go functions handed a group, Fastify autoload folders and
// autohooks, Next.js middleware), with the effective path, the auth inherited on the way (and
// its evidence) and why a route is public; then which routes tests reach.
#include <algorithm>
#include <set>

#include "core/facts/route_public.hpp"
#include "core/index/workspace_index.hpp"
#include "core/text/path_text.hpp"

namespace agentlens::core {
namespace {

std::string dirName(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

/// "routers/items.py" -> "items"; "routes/users/index.js" -> "users".
std::string moduleStem(std::string_view path) {
  auto name = text::baseName(path);
  std::string stem(name.substr(0, name.find('.')));
  if (stem == "index" || stem == "__init__" || stem == "route") return std::string(text::baseName(dirName(path)));
  return stem;
}

/// The module a mount target names when its import is unknown: `items.router` -> items,
/// `require("./routes/users")` -> users, `usersRouter` / `users_router` / `users` -> users.
std::string mountModule(std::string_view target) {
  if (auto q = target.find_first_of("\"'`"); q != std::string_view::npos) {
    auto e = target.find(target[q], q + 1);
    auto spec = target.substr(q + 1, e == std::string_view::npos ? std::string_view::npos : e - q - 1);
    return moduleStem(spec);
  }
  if (auto dot = target.find('.'); dot != std::string_view::npos) return std::string(target.substr(0, dot));
  std::string t = text::asciiLower(target);
  for (std::string_view suffix : {"_router", "router", "_routes", "routes", "_bp", "_blueprint"})
    if (t.size() > suffix.size() && t.ends_with(suffix)) return t.substr(0, t.size() - suffix.size());
  return t;
}

/// "a/./b/../c" -> "a/c".
std::string normalize(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    std::string seg(path.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

/// Next.js matcher coverage, by the matcher's literal prefix (`/api/:path*` -> `/api`,
/// `/((?!_next).*)` -> everything): precise enough to tell protected areas apart.
bool matcherCovers(std::string_view matcher, std::string_view path) {
  // `/((?!api|_next/static).*)`: everything except the paths the negative lookahead names.
  if (auto neg = matcher.find("(?!"); neg != std::string_view::npos) {
    auto end = matcher.find(')', neg);
    std::string_view alts = matcher.substr(neg + 3, end == std::string_view::npos ? std::string_view::npos : end - neg - 3);
    std::string_view rest = path.substr(path.starts_with('/') ? 1 : 0);
    std::size_t pos = 0;
    while (pos <= alts.size()) {
      auto bar = alts.find('|', pos);
      auto alt = alts.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos);
      if (alt.starts_with('/')) alt.remove_prefix(1);
      if (!alt.empty() && rest.starts_with(alt)) return false;
      if (bar == std::string_view::npos) break;
      pos = bar + 1;
    }
  }
  auto cut = matcher.find_first_of(":(*[");
  auto prefix = matcher.substr(0, cut);
  while (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
  if (prefix.empty() || prefix == "/") return true;
  return path == prefix || (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

bool underPath(std::string_view path, std::string_view prefix) {
  if (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
  return path == prefix || (path.starts_with(prefix) && (prefix == "/" || path[prefix.size()] == '/'));
}

using Files = std::map<std::string, FileResult>;

/// The analysed file a mount's module names, or nullptr. JS specifiers are relative to the
/// mounting file (`./routes/v1` -> `src/routes/v1/index.js`); Python modules are dotted
/// (`app.api.routes.users` -> `…/app/api/routes/users.py`, also when the last name is an
/// attribute of the module such as `users.router`).
const FileResult* resolveModule(const Files& files, const FileResult& from, std::string_view spec) {
  if (spec.empty() || spec.starts_with("func:")) return nullptr;
  auto find = [&](const std::string& p) -> const FileResult* {
    auto it = files.find(p);
    return it == files.end() ? nullptr : &it->second;
  };
  if (spec.starts_with('.') && spec.find('/') != std::string_view::npos) {
    std::string base = normalize(dirName(from.path) + "/" + std::string(spec));
    std::string stem = base;
    if (stem.ends_with(".js")) stem.resize(stem.size() - 3);
    for (std::string_view ext : {"", ".js", ".ts", ".mjs", ".cjs", ".tsx", ".jsx", "/index.js", "/index.ts", "/index.mjs"})
      if (const auto* f = find((ext.empty() ? base : stem + std::string(ext)))) return f;
    return nullptr;
  }
  // TypeScript path aliases for the source root: `@/modules/users/users.index`, `~/app/handlers/role`.
  if (spec.starts_with("@/") || spec.starts_with("~/")) {
    std::string rest(spec.substr(2));
    for (std::string_view ext : {".ts", ".js", ".tsx", ".mjs", "/index.ts", "/index.js", ""})
      for (const auto& [p, f] : files) {
        std::string want = "src/" + rest + std::string(ext);
        if (p == want || p.ends_with("/" + want)) return &f;
      }
    return nullptr;
  }
  if (spec.find('/') != std::string_view::npos) return nullptr;  // a package
  std::string mod(spec);
  std::string dir;
  if (mod.starts_with('.')) {  // Python relative import
    dir = dirName(from.path);
    mod = mod.substr(1);
  }
  for (int drop = 0; drop < 2 && !mod.empty(); ++drop) {
    std::string rel = mod;
    std::replace(rel.begin(), rel.end(), '.', '/');
    for (std::string_view ext : {".py", "/__init__.py"}) {
      std::string want = dir.empty() ? rel + std::string(ext) : dir + "/" + rel + std::string(ext);
      for (const auto& [p, f] : files)
        if (p == want || (p.ends_with("/" + want) && dir.empty())) return &f;
    }
    auto dot = mod.rfind('.');
    if (dot == std::string::npos) break;
    mod.resize(dot);
  }
  return nullptr;
}

struct MountRef {
  const FileResult* file = nullptr;
  const Mount* mount = nullptr;
  const FileResult* target = nullptr;  ///< resolved target file (module mounts)
  std::string stem;                    ///< fallback: module stem of the target
};

/// A Go registrar call (`func:Register@example.com/shop/orders`) reaches the function of that name
/// in the imported package's directory, or in the caller's own directory when unqualified.
/// `strict` off: a method called on a value of another package (`h.Register(v1)`) may be anywhere.
bool registrarMatches(const MountRef& m, const FileResult& file, std::string_view registrar, bool strict) {
  std::string_view spec = std::string_view(m.mount->module).substr(5);
  auto at = spec.find('@');
  if (spec.substr(0, at) != registrar) return false;
  std::string dir = dirName(file.path);
  if (at == std::string_view::npos) return !strict || dir == dirName(m.file->path);
  auto pkg = spec.substr(at + 1);
  return !dir.empty() && (pkg == dir || pkg.ends_with("/" + dir));
}

/// One step outwards: the mount in another file that reaches `file`'s routes (or, for Go
/// registrars, the route's registrar function).
const MountRef* mountOf(const std::vector<MountRef>& mounts, const FileResult& file, std::string_view registrar) {
  std::string stem = text::asciiLower(moduleStem(file.path));
  const MountRef* byStem = nullptr;
  const MountRef* byName = nullptr;
  for (const auto& m : mounts) {
    if (m.file == &file && !(m.mount->module.starts_with("func:") && !registrar.empty())) continue;
    if (m.mount->module.starts_with("func:")) {
      if (registrar.empty()) continue;
      if (registrarMatches(m, file, registrar, true)) return &m;
      if (!byName && registrarMatches(m, file, registrar, false)) byName = &m;
      continue;
    }
    if (m.target == &file) return &m;
    // Unresolved imports, and a module shadowed by a sibling (`./health` is `health.ts`, not
    // `health/index.ts`): fall back to the module's stem, as before imports were resolved.
    if (m.stem == stem && !byStem && file.facts.routes.size()) byStem = &m;
  }
  return byName ? byName : byStem;
}

/// Fastify autoload: routes of `routes/a/b/x.ts` are served under `/a/b`.
std::string autoloadPrefix(std::string_view path) {
  auto at = path.rfind("routes/");
  if (at == std::string_view::npos || (at > 0 && path[at - 1] != '/')) return "";
  std::string dir = dirName(path.substr(at + 7));
  return dir.empty() ? "" : "/" + dir;
}

struct Walk {
  std::string path;
  std::vector<std::string> inner;  ///< the path after each mount but the outermost
  const Mount* authMount = nullptr;
  const FileResult* authFile = nullptr;
  bool optional = false;
};

Walk walkMounts(const std::vector<MountRef>& mounts, const FileResult& file, const Route& r, bool autoload) {
  Walk w{r.path, {}, nullptr, nullptr, false};
  const FileResult* at = &file;
  std::string registrar = r.registrar;
  std::set<const FileResult*> seen{at};
  bool mounted = false;
  for (int depth = 0; depth < 6; ++depth) {
    const MountRef* m = mountOf(mounts, *at, registrar);
    if (!m) break;
    if (mounted) w.inner.push_back(w.path);
    mounted = true;
    // Tests may mount the router under the inner part of the prefix (`/users` of `/api/users`).
    std::string_view pre = m->mount->prefix;
    for (auto slash = pre.find('/', 1); slash != std::string_view::npos; slash = pre.find('/', slash + 1))
      w.inner.push_back(text::joinUrlPath(pre.substr(slash), w.path));
    w.path = text::joinUrlPath(m->mount->prefix, w.path);
    if (m->mount->auth && !w.authMount) {
      w.authMount = m->mount;
      w.authFile = m->file;
    }
    w.optional = w.optional || m->mount->optionalAuth;
    registrar.clear();
    if (!seen.insert(m->file).second) break;
    at = m->file;
  }
  if (!mounted && autoload && r.framework != "nextjs") w.path = text::joinUrlPath(autoloadPrefix(file.path), w.path);
  if (w.path.empty()) w.path = "/";
  // A test that prefixes a base URL holding the mount (`basePathV1 + "/tasks/"`) requests the
  // path as the router file declares it; "/" alone says too little to count.
  bool literal = false;  // a bare `/:id` would match any one-segment request
  for (std::size_t i = 0; i < r.path.size(); ++i)
    if (r.path[i] == '/' && i + 1 < r.path.size() && r.path[i + 1] != ':' && r.path[i + 1] != '{' &&
        r.path[i + 1] != '<' && r.path[i + 1] != '[' && r.path[i + 1] != '/')
      literal = true;
  if (w.path != r.path && literal) w.inner.push_back(r.path);
  return w;
}

/// `exclude: ["health", "/metrics"]` of a NestJS global prefix, held comma-separated.
bool nestExcluded(std::string_view excluded, std::string_view path) {
  std::size_t pos = 0;
  while (pos < excluded.size()) {
    auto comma = excluded.find(',', pos);
    auto one = excluded.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!one.empty() && underPath(path, one)) return true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

std::string where(const FileResult& f, std::uint32_t line) { return f.path + ":" + std::to_string(line + 1); }

}  // namespace

std::vector<RouteRef> WorkspaceIndex::routes() const {
  std::vector<MountRef> mounts;
  std::vector<const FileResult*> hookFiles;
  const Mount* nestPrefix = nullptr;  // NestJS setGlobalPrefix (target: its excluded paths)
  bool autoload = false;
  for (const auto& [p, f] : files_) {
    if (f.facts.isTestOrGenerated()) continue;
    if (!f.facts.authHooks.empty()) hookFiles.push_back(&f);
    for (const auto& i : f.facts.imports)
      if (i.module == "@fastify/autoload" || i.module == "fastify-autoload") autoload = true;
    for (const auto& m : f.facts.mounts) {
      if (m.owner == "nest-global-prefix") {
        nestPrefix = &m;
        continue;
      }
      mounts.push_back({&f, &m, resolveModule(files_, f, m.module), mountModule(m.target)});
    }
  }
  std::vector<RouteRef> out;
  for (const auto& [p, f] : files_) {
    for (const auto& r : f.facts.routes) {
      RouteRef ref{&f, r, {}};
      Route& e = ref.route;
      if (r.framework == "nextjs" && r.auth == AuthStatus::None)
        for (const auto& m : mounts)
          if (m.mount->owner == "nextjs-middleware" && m.mount->auth && matcherCovers(m.mount->prefix, r.path)) {
            e.auth = AuthStatus::Inherited;
            e.authBy = "middleware " + m.file->path;
          }
      Walk w = walkMounts(mounts, f, r, autoload);
      if (nestPrefix && r.framework == "nestjs" && !nestExcluded(nestPrefix->target, w.path)) {
        w.inner.push_back(w.path);  // e2e tests often build the app without the global prefix
        w.path = text::joinUrlPath(nestPrefix->prefix, w.path);
      }
      e.path = w.path;
      // A public reason read from the path as declared (`GET /` of a router) is read again once mounted.
      if (e.path != r.path && !r.publicReason.empty() && r.publicReason == publicByDesign(r.method, r.path, r.handler, r.name))
        e.publicReason.clear();
      ref.testPaths = std::move(w.inner);
      if (e.auth == AuthStatus::None && w.authMount) {
        e.auth = AuthStatus::Inherited;
        e.authBy = (w.authMount->authBy.empty() ? "auth on the mount" : w.authMount->authBy) + " (" +
                   where(*w.authFile, w.authMount->line) + ")";
        e.publicReason.clear();
      }
      for (const FileResult* hf : hookFiles) {
        std::string dir = dirName(hf->path);
        if (e.auth != AuthStatus::None || !(dir.empty() || p.starts_with(dir + "/"))) continue;
        // NestJS `@Public()` opts a route out of a global guard.
        if (e.publicReason.starts_with("declared public:")) continue;
        for (const auto& h : hf->facts.authHooks) {
          auto allow = std::find_if(h.publicPaths.begin(), h.publicPaths.end(),
                                    [&](const std::string& a) { return underPath(e.path, a); });
          if (allow != h.publicPaths.end()) {
            e.publicReason = "allowlisted by the " + h.evidence + " (" + where(*hf, h.line) + ")";
          } else {
            e.auth = AuthStatus::Inherited;
            e.authBy = h.evidence + " (" + where(*hf, h.line) + ")";
            e.publicReason.clear();
          }
        }
      }
      if (e.auth == AuthStatus::None && e.publicReason.empty() && w.optional && (e.method == "GET" || e.method == "HEAD"))
        e.publicReason = "optional auth on the mount";
      if (e.auth == AuthStatus::None && e.publicReason.empty())
        e.publicReason = publicByDesign(e.method, e.path, e.handler, e.name);
      out.push_back(std::move(ref));
    }
  }
  return out;
}

bool WorkspaceIndex::refReaches(std::string_view ref, const RouteRef& r) {
  const Route& route = r.route;
  if (ref.starts_with("name:")) {
    auto name = ref.substr(5);
    if (route.name.empty()) return false;
    std::string_view rn = route.name;
    // `reverse("api:shop:cart")` for a route named "cart"; Flask `url_for("billing.add_card")`.
    return name == rn || (name.size() > rn.size() && name.ends_with(rn) &&
                          (name[name.size() - rn.size() - 1] == ':' || name[name.size() - rn.size() - 1] == '.'));
  }
  if (ref.starts_with("wired:")) {  // `router.POST("/login", handler.Login)` in a test
    auto last = [](std::string_view s) { return s.substr(s.find_last_of('.') == std::string_view::npos ? 0 : s.find_last_of('.') + 1); };
    return !route.handler.empty() && route.framework != "nextjs" && last(ref.substr(6)) == last(route.handler);
  }
  if (ref.starts_with("call:")) {
    auto callee = ref.substr(5);
    if (route.framework == "nextjs" || route.handler.empty()) return false;
    if (callee == route.handler) return true;  // `h.Login(c)` for `e.POST("/login", h.Login)`
    // Another receiver name for the same handler: only distinctive method names.
    auto last = [](std::string_view s) { return s.substr(s.find_last_of('.') == std::string_view::npos ? 0 : s.find_last_of('.') + 1); };
    auto h = last(route.handler);
    if (h != last(callee) || h.size() < 6 || callee.find('.') == std::string_view::npos) return false;
    for (std::string_view common : {"Create", "Update", "Delete", "Remove", "Handle", "Handler", "ServeHTTP", "Search",
                                    "Upload", "Render", "create", "update", "delete", "remove", "handle", "handler",
                                    "search", "upload", "render", "destroy", "Destroy", "Execute", "execute", "Process",
                                    "process", "Refresh", "refresh", "Submit", "submit", "Verify", "verify", "Public"})
      if (h == common) return false;
    return true;
  }
  if (refMatchesRoute(ref, route)) return true;
  Route alt = route;
  for (const auto& p : r.testPaths) {
    alt.path = p;
    if (refMatchesRoute(ref, alt)) return true;
  }
  return false;
}

namespace {

/// Next.js handlers called directly (`await POST(request)`) by a test that imports the route file.
bool nextHandlerCalled(const Files& files, const RouteRef& r) {
  if (r.route.framework != "nextjs") return false;
  std::string stem = r.file->path.substr(0, r.file->path.find_last_of('.'));
  for (const auto& [p, f] : files) {
    if (f.facts.role != FileRole::Test) continue;
    bool calls = std::find(f.facts.testRouteRefs.begin(), f.facts.testRouteRefs.end(), "call:" + r.route.method) !=
                 f.facts.testRouteRefs.end();
    if (!calls) continue;
    for (const auto& i : f.facts.imports) {
      if (!i.module.starts_with('.')) continue;
      std::string target = normalize(dirName(p) + "/" + i.module);
      if (target == stem || target == r.file->path || target + ".js" == r.file->path) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<RouteRef> WorkspaceIndex::untestedRoutes() const {
  std::vector<std::string_view> refs;
  for (const auto& [p, f] : files_)
    for (const auto& r : f.facts.testRouteRefs) refs.push_back(r);
  std::vector<RouteRef> out;
  for (auto& r : routes()) {
    // Infrastructure, CORS preflight and the framework's own admin site need no test of their own.
    if (exemptFromTests(r.route.path) || r.route.method == "OPTIONS" || r.route.handler == "admin.site.urls") continue;
    // Local tooling (a Storybook or template-preview server) is not the service under test.
    if (r.file->facts.role == FileRole::Tooling) continue;
    bool tested = std::any_of(refs.begin(), refs.end(), [&](std::string_view ref) { return refReaches(ref, r); }) ||
                  nextHandlerCalled(files_, r);
    if (!tested) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace agentlens::core
