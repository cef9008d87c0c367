// JavaScript/TypeScript facts: Express/Koa/Fastify/Hono routes and middleware, Next.js
// file-system routes, env reads, DB clients, logger setup, signal and error handlers,
// supertest-style route references in tests.
#include <algorithm>

#include "core/facts/extract.hpp"
#include "core/facts/extract_hono.hpp"
#include "core/facts/extract_nest.hpp"

namespace agentlens::core::facts_detail {
namespace {

bool oneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string jsFramework(const State& st) {
  for (auto fw : {"express", "koa", "fastify", "hono"})
    if (st.facts.usesFramework(fw)) return fw;
  return "express";
}

bool routerishName(std::string_view obj) {
  auto l = lower(obj);
  return l == "app" || l == "router" || l == "server" || l == "api" || l == "routes" || l == "fastify" ||
         l.ends_with("router") || l.ends_with("routes") || l.ends_with("app");
}

std::uint32_t paramCount(ts::Node fn) {
  ts::Node params = fn.field("parameters");
  if (!params) return fn.field("parameter") ? 1 : 0;
  std::uint32_t n = 0;
  for (std::uint32_t i = 0; i < params.namedChildCount(); ++i)
    if (params.namedChild(i).type() != "comment") ++n;
  return n;
}

std::vector<std::string> paramNames(const State& st, ts::Node fn) {
  std::vector<std::string> out;
  ts::Node params = fn.field("parameters");
  if (!params) {
    if (ts::Node p = fn.field("parameter")) out.emplace_back(st.text(p));
    return out;
  }
  for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    if (p.type() == "comment") continue;
    ts::Node pat = p.field("pattern");
    out.emplace_back(st.text(pat ? pat : p));
  }
  return out;
}

bool isJsFunction(ts::Node n) {
  auto t = n.type();
  return t == "arrow_function" || t == "function_expression" || t == "function" || t == "function_declaration";
}

/// `(req, res)` / `(req, res, next)` / `(request, response)`: an Express-style handler.
bool handlerSignature(const State& st, ts::Node fn) {
  auto names = paramNames(st, fn);
  if (names.size() < 2 || names.size() > 3) return false;
  auto a = lower(names[0]), b = lower(names[1]);
  return (a.starts_with("req") || a == "_req") && (b.starts_with("res") || b == "_res");
}

void recordFunction(State& st, std::string_view name, ts::Node fn) {
  if (name.empty()) return;
  st.functions.emplace(std::string(name), fn);
  if (handlerSignature(st, fn)) st.facts.handlerSpans.push_back({fn.startByte(), fn.endByte(), std::string(name)});
}

/// Unwraps `asyncHandler(fn)` / `requireAuth(fn)`: the innermost handler, noting auth wrappers.
ts::Node unwrapHandler(const State& st, ts::Node h, bool& auth) {
  for (int guard = 0; guard < 4 && h && h.type() == "call_expression"; ++guard) {
    if (authLikeName(st.text(h.field("function")))) auth = true;
    auto args = callArgs(h);
    if (args.empty()) break;
    h = args.back();
  }
  return h;
}

void addJsRoute(State& st, ts::Node call, std::string_view receiver, std::string method, std::string path,
                std::span<const ts::Node> rest) {
  if (rest.empty() || !st.routesEnabled) return;
  Route r;
  r.framework = jsFramework(st);
  r.method = std::move(method);
  r.path = std::move(path);
  bool explicitAuth = false;
  std::string evidence;
  for (std::size_t i = 0; i + 1 < rest.size(); ++i) {
    auto mw = st.text(rest[i]);
    if (authLikeName(mw) && !explicitAuth) {
      explicitAuth = true;
      evidence = shortText(mw);
    }
    auto l = lower(mw);
    if (l.find("validat") != std::string::npos || l.find("celebrate") != std::string::npos ||
        l.find("checkschema") != std::string::npos || l.find("body(") != std::string::npos ||
        l.find("schema") != std::string::npos)
      r.validatesBody = true;
  }
  ts::Node h = unwrapHandler(st, rest.back(), explicitAuth);
  std::string ref;
  if (h && isJsFunction(h)) {
    r.handlerStart = h.startByte();
    r.handlerEnd = h.endByte();
  } else if (h) {
    ref = std::string(st.text(h));
    r.handler = ref;
  }
  auto& p = st.addRoute(std::move(r), call);
  if (h && isJsFunction(h)) p.handler = h;
  p.handlerRef = ref;
  p.receiver = std::string(receiver);
  p.explicitAuth = explicitAuth;
  p.authEvidence = evidence;
}

/// Hono's typed test client: `client.users[":id"].$get(…)` requests GET /users/:id
/// (`index` is the client's name for "/").
void honoClientRef(State& st, ts::Node obj, std::string_view method) {
  std::vector<std::string> segs;
  for (int guard = 0; guard < 12 && obj; ++guard) {
    std::string seg;
    if (obj.type() == "member_expression") seg = std::string(st.text(obj.field("property")));
    else if (obj.type() == "subscript_expression") {
      if (!stringValue(st, obj.field("index"), seg)) return;
    } else {
      break;
    }
    if (seg != "index") segs.push_back(seg);
    obj = obj.field("object");
  }
  if (!obj || obj.type() != "identifier" || segs.empty()) return;
  std::string path;
  for (auto it = segs.rbegin(); it != segs.rend(); ++it) path += "/" + *it;
  st.facts.testRouteRefs.push_back(upper(method) + " " + path);
}

/// In tests: `request(app).get("/users")` and Hono's `client.users.$get()` request a route.
void testRequestRef(State& st, ts::Node objNode, std::string_view prop, const std::vector<ts::Node>& args) {
  std::string p;
  if (isHttpMethodName(prop) && !args.empty() && testPathValue(st, args[0], p) && p.starts_with('/'))
    st.facts.testRouteRefs.push_back(upper(prop) + " " + p);
  if (prop.size() > 1 && prop[0] == '$' && isHttpMethodName(prop.substr(1))) honoClientRef(st, objNode, prop.substr(1));
}

void middlewareUse(State& st, ts::Node call, std::string_view receiver, std::span<const ts::Node> anc) {
  auto args = callArgs(call);
  std::string prefix;
  std::size_t i = 0;
  if (!args.empty() && stringValue(st, args[0], prefix)) i = 1;
  // Hono and Express 5 wildcards: `app.use("/api/*", auth)` covers `/api`.
  if (prefix.ends_with('*')) prefix.pop_back();
  if (prefix.size() > 1 && prefix.ends_with('/')) prefix.pop_back();
  ts::Node scope = enclosingFunction(anc);
  for (; i < args.size(); ++i) {
    ts::Node a = args[i];
    auto text = st.text(a);
    bool errorHandler = false;
    if (isJsFunction(a)) errorHandler = paramCount(a) == 4;
    else if (a.type() == "identifier") {
      auto it = st.functions.find(std::string(text));
      errorHandler = it != st.functions.end() && paramCount(it->second) == 4;
      if (it == st.functions.end() && lower(text).find("error") != std::string::npos) errorHandler = true;
    }
    if (errorHandler) {
      st.facts.errorHandlers.push_back({std::string(receiver) + ".use(" + shortText(isJsFunction(a) ? "(err, req, res, next) => …" : text) + ")",
                                        st.line(call)});
      continue;
    }
    st.facts.middleware.push_back({std::string(receiver) + ".use(" + shortText(text) + ")", st.line(a)});
    bool auth = authLikeName(text) && !optionalAuthText(text);
    if (auth) {
      Use u{std::string(receiver), call.startByte(), 0, 0xFFFFFFFFu, prefix, true, false};
      u.evidence = std::string(receiver) + ".use(" + shortText(text) + ")";
      if (scope) {
        u.scopeStart = scope.startByte();
        u.scopeEnd = scope.endByte();
      }
      st.uses.push_back(std::move(u));
    } else if (a.type() == "identifier" || a.type() == "member_expression" || a.type() == "call_expression") {
      auto l = lower(text);
      if (l.find("router") != std::string::npos || l.find("routes") != std::string::npos || !prefix.empty() ||
          st.isApp(text)) {
        // Auth middleware registered on the receiver before the mount protects the mounted router.
        auto authUse = std::find_if(st.uses.begin(), st.uses.end(), [&](const Use& u) {
          return u.auth && u.receiver == receiver && (u.pathPrefix.empty() || prefix.starts_with(u.pathPrefix));
        });
        Mount m{std::string(receiver), std::string(text), prefix, authUse != st.uses.end(), st.line(call)};
        if (m.auth) m.authBy = authUse->evidence;
        if (auto it = st.imported.find(m.target); it != st.imported.end()) m.module = it->second;
        st.facts.mounts.push_back(std::move(m));
        // A router of this file: its routes live under the mount prefix, and app-level
        // middleware applies to them by the mount's position.
        std::string target(text);
        if (a.type() == "identifier" && st.isApp(text) && target != receiver && !st.groups[target].parent.size()) {
          std::string link = target + "@" + std::to_string(st.line(call));
          st.groups[target].parent = link;
          st.groups[link] = Group{std::string(receiver), prefix, false, call.startByte()};
        }
      }
    }
  }
}

/// Fastify `addHook("onRequest", fn)`: in an `autohooks` file it guards every route of its folder
/// and below (@fastify/autoload with autoHooks + cascadeHooks); elsewhere, the routes of its
/// instance. The string paths the hook compares the URL with are its allowlist.
void fastifyHook(State& st, ts::Node call, std::string_view receiver, const std::vector<ts::Node>& args) {
  std::string event;
  if (!stringValue(st, args[0], event) || (event != "onRequest" && event != "preHandler" && event != "preValidation"))
    return;
  ts::Node fn = args[1];
  if (fn.type() == "identifier" || fn.type() == "member_expression") {
    if (!authLikeName(st.text(fn))) return;
  } else if (!isJsFunction(fn) || !authCheckBody(st.text(fn.field("body")))) {
    return;
  }
  std::string evidence = event + " hook" + (isJsFunction(fn) ? std::string() : " " + shortText(st.text(fn)));
  std::string_view path = st.file.path;
  auto base = path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1);
  if (base.starts_with("autohooks.")) {
    AuthHook h{"dir", evidence, {}, st.line(call)};
    if (isJsFunction(fn)) h.publicPaths = allowlistOf(st, fn.field("body"));
    std::erase_if(h.publicPaths, [](const std::string& p) { return !p.starts_with('/'); });
    st.facts.authHooks.push_back(std::move(h));
    return;
  }
  Use u{std::string(receiver), call.startByte(), 0, 0xFFFFFFFFu, "", true, true};
  u.evidence = std::string(receiver) + "." + evidence;
  if (isJsFunction(fn)) u.allow = allowlistOf(st, fn.field("body"));
  st.uses.push_back(std::move(u));
}

void envMember(State& st, ts::Node node, std::span<const ts::Node> anc) {
  auto obj = st.text(node.field("object"));
  if (obj != "process.env" && obj != "import.meta.env") return;
  EnvRead e;
  if (node.type() == "member_expression") e.name = std::string(st.text(node.field("property")));
  else if (!stringValue(st, node.field("index"), e.name)) return;
  if (!anc.empty()) {
    ts::Node parent = anc.back();
    if (parent.type() == "assignment_expression" && parent.field("left") == node) return;
    if (parent.type() == "binary_expression" && parent.field("left") == node) {
      auto op = st.text(parent.child(1));
      std::string v;
      ts::Node right = parent.field("right");
      if ((op == "||" || op == "??") && right) {
        if (stringValue(st, right, v)) e.defaultValue = v;
        else if (right.type() == "number" || right.type() == "true" || right.type() == "false")
          e.defaultValue = std::string(st.text(right));
      }
    }
  }
  e.line = st.line(node);
  st.facts.envReads.push_back(std::move(e));
}

void callExpr(State& st, ts::Node node, std::span<const ts::Node> anc) {
  ts::Node fn = node.field("function");
  if (!fn) return;
  auto callee = st.text(fn);
  auto args = callArgs(node);
  if (st.facts.role == FileRole::Test) testNameOrCall(st, node, callee);

  if (oneOf(callee, {"pino", "winston.createLogger", "bunyan.createLogger", "pinoHttp", "morgan", "log4js.configure",
                     "createLogger", "expressWinston.logger"})) {
    st.facts.loggerSetup.push_back({std::string(callee), st.line(node)});
  }
  if (oneOf(callee, {"mysql.createConnection", "mysql.createPool", "mongoose.connect", "mongoose.createConnection",
                     "knex", "drizzle", "createPool", "createConnection"}) ||
      (callee == "createClient" && (st.facts.imports_("redis") || st.facts.imports_("@supabase/supabase-js"))) ||
      (callee == "postgres" && st.facts.imports_("postgres"))) {
    st.facts.dbClients.push_back({std::string(callee), !insideFunction(anc), st.line(node)});
  }
  if (callee == "createRoute") return honoCreateRoute(st, node, args);
  if (fn.type() != "member_expression") return;
  ts::Node objNode = fn.field("object");
  auto obj = st.text(objNode);
  auto prop = st.text(fn.field("property"));

  if (obj == "process" && (prop == "on" || prop == "once") && !args.empty()) {
    std::string ev;
    if (!stringValue(st, args[0], ev)) return;
    if (ev == "SIGTERM" || ev == "SIGINT") st.facts.signalHandlers.push_back({ev, st.line(node)});
    else if (ev == "unhandledRejection" || ev == "uncaughtException")
      st.facts.errorHandlers.push_back({"process.on(" + ev + ")", st.line(node)});
    return;
  }
  if (prop == "addHook" && args.size() >= 2 && st.routesEnabled) return fastifyHook(st, node, obj, args);
  // Fastify's app-level error handler: `fastify.setErrorHandler((err, request, reply) => …)`.
  if (prop == "setErrorHandler" && args.size() == 1 &&
      std::find(st.facts.frameworks.begin(), st.facts.frameworks.end(), "fastify") != st.facts.frameworks.end()) {
    st.facts.errorHandlers.push_back({std::string(obj) + ".setErrorHandler(…)", st.line(node)});
    return;
  }
  if (prop == "setGlobalPrefix" && st.facts.usesFramework("nest")) return nestGlobalPrefix(st, node, args);
  if (prop == "close" && (lower(obj).find("server") != std::string::npos || st.isApp(obj))) {
    st.facts.shutdownCalls.push_back({std::string(callee), st.line(node)});
    return;
  }
  bool isVerb = isHttpMethodName(prop) || prop == "all";
  if (st.facts.role == FileRole::Test) return testRequestRef(st, objNode, prop, args);
  if (prop == "openapi") return honoOpenApiInclude(st, node, args);
  // app.route("/book").get(h).post(h)
  if (isVerb && objNode.type() == "call_expression") {
    ts::Node inner = objNode;
    for (int guard = 0; guard < 8 && inner.type() == "call_expression"; ++guard) {
      ts::Node f = inner.field("function");
      if (f.type() != "member_expression") break;
      auto p = st.text(f.field("property"));
      if (p == "route") {
        auto rargs = callArgs(inner);
        std::string path;
        if (!rargs.empty() && stringValue(st, rargs[0], path))
          addJsRoute(st, node, st.text(f.field("object")), prop == "all" ? "*" : upper(prop), path, args);
        return;
      }
      if (!isHttpMethodName(p) && p != "all") break;
      inner = f.field("object");
    }
    return;
  }
  if (objNode.type() != "identifier" && objNode.type() != "member_expression") return;
  bool known = st.isApp(obj) || (routerishName(obj) && (!st.facts.frameworks.empty() || objNode.type() == "identifier"));
  if (!known) return;
  if (prop == "use") return middlewareUse(st, node, obj, anc);
  if (prop == "route" && honoMount(st, node, obj, args)) return;
  if (!isVerb || args.size() < 2) return;
  std::string path;
  if (!stringValue(st, args[0], path) || (!path.starts_with('/') && path != "*")) return;
  // Precision: `api.get("/users", { params })` on an HTTP client is not a route. The handler must
  // be a function or a reference; without a server framework or a known app object, an inline
  // (req, res) function.
  ts::Node last = args.back();
  auto lt = last.type();
  if (!isJsFunction(last) && lt != "identifier" && lt != "member_expression" && lt != "call_expression") return;
  bool serverFramework = st.facts.usesFramework("express") || st.facts.usesFramework("koa") ||
                         st.facts.usesFramework("fastify") || st.facts.usesFramework("hono");
  if (!st.isApp(obj) && !serverFramework && !(isJsFunction(last) && paramCount(last) >= 1)) return;
  if (st.facts.role == FileRole::Frontend) return;
  addJsRoute(st, node, obj, prop == "all" ? "*" : upper(prop), path, std::span(args).subspan(1));
}

void newExpr(State& st, ts::Node node, std::span<const ts::Node> anc) {
  auto ctor = st.text(node.field("constructor"));
  if (oneOf(ctor, {"PrismaClient", "MongoClient", "Sequelize", "Pool", "pg.Pool", "pg.Client", "Redis", "IORedis",
                   "DataSource"}) ||
      (ctor == "Client" && st.facts.imports_("pg")))
    st.facts.dbClients.push_back({"new " + std::string(ctor), !insideFunction(anc), st.line(node)});
}

void routeTable(State& st, ts::Node array);

void declarator(State& st, ts::Node node) {
  ts::Node name = node.field("name");
  ts::Node value = node.field("value");
  if (!name || !value) return;
  if (name.type() == "object_pattern" && (st.text(value) == "process.env")) {
    for (std::uint32_t i = 0; i < name.namedChildCount(); ++i) {
      ts::Node p = name.namedChild(i);
      EnvRead e;
      if (p.type() == "shorthand_property_identifier_pattern") e.name = std::string(st.text(p));
      else if (p.type() == "object_assignment_pattern") {
        e.name = std::string(st.text(p.field("left")));
        std::string v;
        if (stringValue(st, p.field("right"), v)) e.defaultValue = v;
        else if (p.field("right").type() == "number") e.defaultValue = std::string(st.text(p.field("right")));
      } else if (p.type() == "pair_pattern") e.name = std::string(st.text(p.field("key")));
      else continue;
      e.line = st.line(p);
      st.facts.envReads.push_back(std::move(e));
    }
    return;
  }
  if (name.type() != "identifier") return;
  auto n = st.text(name);
  if (isJsFunction(value)) return recordFunction(st, n, value);
  if (value.type() == "call_expression" && st.text(value.field("function")) == "require") {
    std::string spec;
    auto rargs = callArgs(value);
    if (!rargs.empty() && stringValue(st, rargs[0], spec)) st.imported[std::string(n)] = spec;
    return;
  }
  if (value.type() == "array") return routeTable(st, value);
  ts::Node v = value.type() == "await_expression" && value.namedChildCount() ? value.namedChild(0) : value;
  if (v.type() == "call_expression") {
    auto callee = st.text(v.field("function"));
    if (oneOf(callee, {"express", "express.Router", "Router", "Fastify", "fastify", "createApp"})) st.addApp(n);
    // Hono `new Hono().basePath("/api")`: every route of the app is served under the base path.
    ts::Node f = v.field("function");
    auto vargs = callArgs(v);
    std::string base;
    if (f.type() == "member_expression" && st.text(f.field("property")) == "basePath" && !vargs.empty() &&
        stringValue(st, vargs[0], base) && base.starts_with('/') && f.field("object").type() == "new_expression") {
      st.addApp(n);
      st.groups[std::string(n)].prefix = base;
    }
  } else if (v.type() == "new_expression") {
    auto ctor = st.text(v.field("constructor"));
    if (oneOf(ctor, {"Hono", "OpenAPIHono", "Koa", "Router", "KoaRouter", "Elysia"})) st.addApp(n);
  }
}

/// `[{ path: "/auth", route: authRoute }, …]` iterated into `router.use(r.path, r.route)`:
/// each entry mounts an imported router under its path.
void routeTable(State& st, ts::Node array) {
  if (!st.routesEnabled) return;
  for (std::uint32_t i = 0; i < array.namedChildCount(); ++i) {
    ts::Node obj = array.namedChild(i);
    if (obj.type() != "object") continue;
    std::string path, target;
    for (std::uint32_t k = 0; k < obj.namedChildCount(); ++k) {
      ts::Node pair = obj.namedChild(k);
      if (pair.type() != "pair") continue;
      auto key = st.text(pair.field("key"));
      ts::Node v = pair.field("value");
      if (key == "path" || key == "prefix") stringValue(st, v, path);
      else if (v.type() == "identifier" && st.imported.count(std::string(st.text(v)))) target = std::string(st.text(v));
    }
    if (path.starts_with('/') && !target.empty()) {
      Mount m{"router", target, path, false, st.line(obj)};
      m.module = st.imported[target];
      st.facts.mounts.push_back(std::move(m));
    }
  }
}

/// `import authRoute from "./auth.route"` / `import { router as users } from "./users"`.
void importBinding(State& st, ts::Node node) {
  std::string spec;
  if (!stringValue(st, node.field("source"), spec)) return;
  ts::walk(node, [&](ts::Node n) {
    auto t = n.type();
    if (t == "import_clause") {
      for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) {
        ts::Node c = n.namedChild(i);
        if (c.type() == "identifier") st.imported[std::string(st.text(c))] = spec;
        // `import * as routes from "./users.routes"`
        if (c.type() == "namespace_import" && c.namedChildCount())
          st.imported[std::string(st.text(c.namedChild(0)))] = spec;
      }
      return true;
    }
    if (t == "import_specifier") {
      ts::Node alias = n.field("alias");
      st.imported[std::string(st.text(alias ? alias : n.field("name")))] = spec;
      return false;
    }
    return t == "named_imports" || t == "import_statement";
  });
}

std::string_view stripExt(std::string_view name) {
  auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

/// Next.js: app/**/route.ts exports and pages/api/** default exports, path from the file path.
void nextRoutes(State& st) {
  std::string_view path = st.file.path;
  std::string norm = "/" + std::string(path);
  std::string routePath;
  bool appRouter = false, pagesApi = false;
  auto slash = norm.rfind('/');
  auto fileName = std::string_view(norm).substr(slash + 1);
  if (auto a = norm.find("/app/"); a != std::string::npos && stripExt(fileName) == "route") {
    appRouter = true;
    std::string_view dirs = std::string_view(norm).substr(a + 4, slash - (a + 4));
    std::size_t pos = 0;
    while (pos < dirs.size()) {
      auto next = dirs.find('/', pos + 1);
      auto seg = dirs.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
      if (!seg.empty() && !(seg.front() == '(' && seg.back() == ')') && !seg.starts_with('@'))
        routePath += "/" + std::string(seg);
      if (next == std::string_view::npos) break;
      pos = next;
    }
    if (routePath.empty()) routePath = "/";
  } else if (auto p = norm.find("/pages/api/"); p != std::string::npos) {
    pagesApi = true;
    routePath = std::string(stripExt(std::string_view(norm).substr(p + 6)));
    if (routePath.ends_with("/index")) routePath.resize(routePath.size() - 6);
  }
  if (!appRouter && !pagesApi) return;
  ts::Node root = st.file.tree.root();
  auto add = [&](std::string method, ts::Node fn, std::string ref, ts::Node at) {
    Route r;
    r.framework = "nextjs";
    r.method = std::move(method);
    r.path = routePath;
    r.handler = ref;
    if (fn) {
      r.handlerStart = fn.startByte();
      r.handlerEnd = fn.endByte();
    }
    auto& p = st.addRoute(std::move(r), at);
    p.handler = fn;
    p.handlerRef = std::move(ref);
  };
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() != "export_statement") continue;
    ts::Node decl = n.field("declaration");
    if (appRouter && decl) {
      if (decl.type() == "function_declaration") {
        auto name = st.text(decl.field("name"));
        if (isHttpMethodName(lower(name)) && name == upper(name)) add(std::string(name), decl, std::string(name), n);
      } else if (decl.type() == "lexical_declaration") {
        for (std::uint32_t k = 0; k < decl.namedChildCount(); ++k) {
          ts::Node d = decl.namedChild(k);
          if (d.type() != "variable_declarator") continue;
          auto name = st.text(d.field("name"));
          ts::Node v = d.field("value");
          if (isHttpMethodName(lower(name)) && name == upper(name))
            add(std::string(name), v && isJsFunction(v) ? v : ts::Node(), std::string(name), n);
        }
      }
    } else if (pagesApi && st.text(n).find("default") != std::string_view::npos) {
      ts::Node v = decl ? decl : n.field("value");
      if (v && isJsFunction(v)) add("*", v, std::string(st.text(v.field("name"))), n);
      else if (v && v.type() == "identifier") add("*", ts::Node(), std::string(st.text(v)), n);
    }
  }
}

/// Next.js `middleware.ts` (project root or src/): its `config.matcher` paths are protected when
/// the middleware authenticates. Recorded as mounts owned by "nextjs-middleware"; the
/// WorkspaceIndex applies them to the Next.js routes they match.
void nextMiddleware(State& st) {
  std::string_view path = st.file.path;
  auto slash = path.find_last_of('/');
  auto dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
  auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (stripExt(name) != "middleware" || !(dir.empty() || dir == "src/" || dir.ends_with("/src/"))) return;
  if (!st.facts.usesFramework("nextjs") && st.src.find("NextResponse") == std::string_view::npos &&
      st.src.find("next-auth") == std::string_view::npos && st.src.find("@clerk") == std::string_view::npos)
    return;
  auto l = lower(st.src);
  bool auth = false;
  for (std::string_view w : {"auth(", "getToken", "clerkmiddleware", "withauth", "authmiddleware", "getsession",
                             "jwtverify", "verifytoken", "next-auth", "updatesession", "auth.getuser"})
    if (l.find(w) != std::string::npos) auth = true;
  std::vector<std::string> matchers;
  ts::walk(st.file.tree.root(), [&](ts::Node n) {
    if (n.type() == "pair" && st.text(n.field("key")) == "matcher") {
      ts::Node v = n.field("value");
      std::string m;
      if (stringValue(st, v, m)) matchers.push_back(m);
      for (std::uint32_t i = 0; v && v.type() == "array" && i < v.namedChildCount(); ++i)
        if (stringValue(st, v.namedChild(i), m)) matchers.push_back(m);
      return false;
    }
    return !isJsFunction(n);
  });
  if (matchers.empty()) matchers.emplace_back("");
  for (auto& m : matchers) st.facts.mounts.push_back({"nextjs-middleware", "middleware", m, auth, 0});
  st.facts.middleware.push_back({"nextjs middleware", 0});
}

}  // namespace

void beginJs(State& st) {
  nextRoutes(st);
  nextMiddleware(st);
}

void visitJs(State& st, ts::Node node, std::span<const ts::Node> anc) {
  if (!node.isNamed()) return;
  auto t = node.type();
  if (t == "call_expression") callExpr(st, node, anc);
  else if (t == "member_expression" || t == "subscript_expression") envMember(st, node, anc);
  else if (t == "variable_declarator") declarator(st, node);
  else if (t == "function_declaration") recordFunction(st, st.text(node.field("name")), node);
  else if (t == "new_expression") newExpr(st, node, anc);
  else if (t == "import_statement") importBinding(st, node);
  else if ((t == "class_declaration" || t == "abstract_class_declaration") && st.facts.usesFramework("nest"))
    nestController(st, node, anc);
  else if (t == "object" && st.facts.usesFramework("nest") && st.src.find("APP_GUARD") != std::string_view::npos)
    nestGlobalGuard(st, node);
}

}  // namespace agentlens::core::facts_detail
