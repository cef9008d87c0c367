// Python facts: Flask/FastAPI/Django routes, app objects and routers, env reads, DB clients,
// logging setup, signal and error handlers, middleware, test-client route references.
#include <algorithm>
#include <optional>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {
namespace {

bool oneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string_view lastSegment(std::string_view s) {
  auto d = s.rfind('.');
  return d == std::string_view::npos ? s : s.substr(d + 1);
}

/// Strings of a list/tuple literal (`methods=["GET", "POST"]`).
std::vector<std::string> stringList(const State& st, ts::Node n) {
  std::vector<std::string> out;
  if (!n) return out;
  for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) {
    std::string v;
    if (stringValue(st, n.namedChild(i), v)) out.push_back(upper(v));
  }
  return out;
}

/// `dependencies=[Depends(verify_token)]`: true when one of them authenticates.
bool authDependencies(const State& st, ts::Node list) {
  if (!list) return false;
  std::string t(st.text(list));
  if (t.find("Security(") != std::string::npos) return true;
  std::replace(t.begin(), t.end(), '(', ' ');  // authLikeName stops at a call's parenthesis
  return authLikeName(t);
}

std::string pyFramework(const State& st, std::string_view attr) {
  if (st.facts.usesFramework("fastapi")) return "fastapi";
  if (st.facts.usesFramework("flask")) return "flask";
  if (st.facts.usesFramework("starlette")) return "starlette";
  if (st.facts.usesFramework("sanic")) return "sanic";
  return attr == "route" ? "flask" : "fastapi";
}

bool routerishName(std::string_view obj) {
  auto l = lower(obj);
  return l == "app" || l == "api" || l == "bp" || l == "blueprint" || l.ends_with("router") || l.ends_with("_bp") ||
         l.ends_with("_app") || l.ends_with("blueprint");
}

/// FastAPI parameter analysis: explicit auth via Depends/Security, typed bodies, inputs.
void fastapiParams(const State& st, ts::Node fn, Route& r, bool& explicitAuth, std::string& evidence) {
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    auto ptype = p.type();
    if (ptype == "identifier") {
      if (st.text(p) != "self") r.readsInput = true;
      continue;
    }
    if (ptype != "typed_parameter" && ptype != "default_parameter" && ptype != "typed_default_parameter") continue;
    auto whole = st.text(p);
    ts::Node type = p.field("type");
    ts::Node value = p.field("value");
    bool dep = whole.find("Depends(") != std::string_view::npos || whole.find("Security(") != std::string_view::npos;
    if (dep) {
      bool before = explicitAuth;
      if (whole.find("Security(") != std::string_view::npos) explicitAuth = true;
      auto pos = whole.find("Depends(");
      if (pos != std::string_view::npos) {
        auto arg = whole.substr(pos + 8);
        arg = arg.substr(0, arg.find_first_of(",)"));
        if (authLikeName(arg)) explicitAuth = true;
      }
      if (type && authLikeName(st.text(type).substr(0, st.text(type).find('['))) &&
          st.text(type).find("Annotated") == std::string_view::npos)
        explicitAuth = true;
      if (explicitAuth && !before) evidence = shortText(whole);
      continue;
    }
    auto typeText = type ? st.text(type) : std::string_view();
    if (oneOf(typeText, {"Request", "Response", "BackgroundTasks", "WebSocket", "Session", "AsyncSession"})) continue;
    r.readsInput = true;
    if (value && st.text(value).starts_with("Body(")) r.validatesBody = true;
    // A capitalised, non-builtin annotation on a body-carrying route is a Pydantic model.
    if (!typeText.empty() && typeText[0] >= 'A' && typeText[0] <= 'Z' &&
        !oneOf(typeText, {"UploadFile", "Optional", "Any", "Dict", "List", "Query", "Path", "Header", "Cookie"}) &&
        !typeText.starts_with("Optional[") && !typeText.starts_with("List[") && !typeText.starts_with("Annotated["))
      r.validatesBody = true;
    if (typeText.starts_with("Annotated[") && typeText.find("Body(") != std::string_view::npos) r.validatesBody = true;
  }
}

/// A route decorator (`@app.get("/x")`, `@bp.route("/x", methods=[...])`) read before the routes
/// are added: they also need the function's auth decorators, which may come after it.
struct RouteDecorator {
  ts::Node decorator;
  std::string receiver, framework;
  std::vector<std::string> methods;
  std::string path;
  bool authDeps = false;
  std::string name, evidence;
};

/// Hooks registered by decorator: Flask `before_request` (auth for every route, with its
/// allowlist), error handlers, FastAPI `@app.middleware`. True when `attr` was one of them.
bool hookDecorator(State& st, ts::Node node, ts::Node def, const std::string& fname, ts::Node e,
                   std::string_view obj, std::string_view attr) {
  if (attr == "before_request" || attr == "before_app_request") {
    bool auth = authCheckBody(st.text(def.field("body")));
    Use u{std::string(obj), node.startByte(), 0, 0xFFFFFFFFu, "", auth, true};
    u.evidence = std::string(obj) + ".before_request " + fname;
    if (auth) u.allow = allowlistOf(st, def.field("body"));
    st.uses.push_back(std::move(u));
    st.facts.middleware.push_back({std::string(obj) + ".before_request", st.line(node)});
    return true;
  }
  if (attr == "errorhandler" || attr == "exception_handler" || attr == "app_errorhandler") {
    auto args = e.type() == "call" ? callArgs(e) : std::vector<ts::Node>{};
    std::string what = std::string(attr) + "(" + (args.empty() ? "" : std::string(st.text(args[0]))) + ")";
    st.facts.errorHandlers.push_back({what, st.line(node)});
    return true;
  }
  if (attr == "middleware" && e.type() == "call") {
    st.facts.middleware.push_back({std::string(obj) + ".middleware(" + fname + ")", st.line(node)});
    return true;
  }
  return false;
}

/// The route a verb/route decorator call `e` (on `obj`) registers, or nullopt when its path is
/// not a literal or its receiver is not a known router.
std::optional<RouteDecorator> routeDecorator(State& st, ts::Node d, ts::Node e, std::string_view obj,
                                             std::string_view attr) {
  bool verb = isHttpMethodName(attr);
  auto args = callArgs(e);
  std::string path;
  bool havePath = !args.empty() && stringValue(st, args[0], path);
  if (!havePath) {
    ts::Node kw = keywordArg(st, e, attr == "route" ? "rule" : "path");
    havePath = kw && stringValue(st, kw, path);
  }
  if (!havePath) return std::nullopt;
  bool known = st.isApp(obj) || st.groups.count(std::string(obj)) || routerishName(obj);
  if (!known && st.facts.frameworks.empty()) return std::nullopt;
  if (!known && !path.starts_with('/')) return std::nullopt;
  RouteDecorator reg{d, std::string(obj), pyFramework(st, attr), {}, path, false, "", ""};
  if (verb) reg.methods.push_back(upper(attr));
  else if (attr == "websocket") reg.methods.push_back("WS");
  else {
    reg.methods = stringList(st, keywordArg(st, e, "methods"));
    if (reg.methods.empty()) reg.methods.push_back(attr == "route" ? "GET" : "*");
  }
  reg.authDeps = authDependencies(st, keywordArg(st, e, "dependencies"));
  if (ts::Node nm = keywordArg(st, e, "name")) stringValue(st, nm, reg.name);
  if (reg.authDeps) reg.evidence = "dependencies=" + shortText(st.text(keywordArg(st, e, "dependencies")));
  return reg;
}

/// One route per decorator and method, with the auth the decorators and parameters give it.
void addDecoratedRoutes(State& st, ts::Node def, const std::string& fname, const std::vector<RouteDecorator>& regs,
                        bool explicitAuth, const std::string& evidence) {
  for (const auto& reg : regs) {
    for (const auto& m : reg.methods) {
      Route r;
      r.framework = reg.framework;
      r.method = m;
      r.path = reg.path;
      r.handler = fname;
      r.handlerStart = def.startByte();
      r.handlerEnd = def.endByte();
      r.name = reg.name;
      bool paramAuth = false;
      std::string paramEvidence;
      if (r.framework == "fastapi" || r.framework == "starlette") fastapiParams(st, def, r, paramAuth, paramEvidence);
      auto& p = st.addRoute(std::move(r), reg.decorator);
      p.handler = def;
      p.receiver = reg.receiver;
      p.explicitAuth = explicitAuth || reg.authDeps || paramAuth;
      p.authEvidence = !evidence.empty() ? evidence : !reg.evidence.empty() ? reg.evidence : paramEvidence;
    }
  }
}

void decorated(State& st, ts::Node node) {
  ts::Node def = node.field("definition");
  if (!def || def.type() != "function_definition") return;
  std::string fname(st.text(def.field("name")));
  std::vector<RouteDecorator> regs;
  bool explicitAuth = false;
  std::string evidence;
  auto guard = [&](ts::Node d) {
    explicitAuth = true;
    if (evidence.empty()) evidence = shortText(st.text(d));
  };
  for (std::uint32_t i = 0; i < node.namedChildCount(); ++i) {
    ts::Node d = node.namedChild(i);
    if (d.type() != "decorator" || d.namedChildCount() == 0) continue;
    ts::Node e = d.namedChild(0);
    ts::Node callee = e.type() == "call" ? e.field("function") : e;
    if (callee.type() != "attribute") {
      if (authLikeName(st.text(callee))) guard(d);  // @login_required, @requires_auth
      continue;
    }
    auto obj = st.text(callee.field("object"));
    auto attr = st.text(callee.field("attribute"));
    if (hookDecorator(st, node, def, fname, e, obj, attr)) continue;
    if (e.type() != "call") {
      if (authLikeName(st.text(callee))) guard(d);  // @auth.login_required
      continue;
    }
    if (!isHttpMethodName(attr) && attr != "route" && attr != "api_route" && attr != "websocket") {
      if (authLikeName(st.text(callee))) guard(d);  // @jwt.requires_auth()
      continue;
    }
    if (auto reg = routeDecorator(st, d, e, obj, attr)) regs.push_back(std::move(*reg));
  }
  if (regs.empty() || !st.routesEnabled) return;
  addDecoratedRoutes(st, def, fname, regs, explicitAuth, evidence);
}

void envRead(State& st, ts::Node call, std::span<const ts::Node>) {
  auto args = callArgs(call);
  if (args.empty()) return;
  EnvRead e;
  if (!stringValue(st, args[0], e.name)) return;
  if (args.size() > 1 && args[1].type() != "keyword_argument") {
    std::string v;
    if (stringValue(st, args[1], v)) e.defaultValue = v;
    else if (auto t = args[1].type(); t == "integer" || t == "float" || t == "true" || t == "false")
      e.defaultValue = std::string(st.text(args[1]));
  }
  e.line = st.line(call);
  st.facts.envReads.push_back(std::move(e));
}

/// Set-up calls: database clients, logging configuration, signal handlers. True when the call
/// was one of them.
bool setupCall(State& st, ts::Node node, std::string_view fnText, std::string_view last,
               std::span<const ts::Node> anc) {
  const std::initializer_list<std::string_view> kDbExact = {
      "psycopg2.connect", "psycopg.connect", "pymysql.connect", "mysql.connector.connect", "sqlite3.connect",
      "redis.Redis", "redis.StrictRedis", "redis.from_url", "Redis.from_url", "asyncpg.connect",
      "asyncpg.create_pool", "aiomysql.create_pool", "psycopg_pool.ConnectionPool", "ConnectionPool"};
  if (oneOf(fnText, kDbExact) ||
      oneOf(last, {"create_engine", "create_async_engine", "MongoClient", "AsyncIOMotorClient", "ThreadedConnectionPool",
                   "SimpleConnectionPool", "AsyncConnectionPool"})) {
    st.facts.dbClients.push_back({std::string(fnText), !insideFunction(anc), st.line(node)});
    return true;
  }
  if (oneOf(fnText, {"logging.basicConfig", "basicConfig", "logging.config.dictConfig", "dictConfig",
                     "logging.config.fileConfig", "fileConfig", "structlog.configure"}) ||
      (fnText == "logger.add" && st.facts.imports_("loguru"))) {
    st.facts.loggerSetup.push_back({std::string(fnText), st.line(node)});
    return true;
  }
  // Hand-built set-up: a handler given a formatter or attached to a logger (the root logger, or
  // `app.logger.handlers.extend(gunicorn_logger.handlers)` under gunicorn). A library's
  // `addHandler(logging.NullHandler())` configures nothing.
  if (st.facts.role != FileRole::Test &&
      (last == "setFormatter" || fnText.ends_with(".handlers.extend") ||
       (last == "addHandler" && st.text(node.field("arguments")).find("NullHandler") == std::string_view::npos))) {
    st.facts.loggerSetup.push_back({std::string(fnText), st.line(node)});
    return true;
  }
  if (fnText == "signal.signal" || last == "add_signal_handler") {
    auto args = st.text(node.field("arguments"));
    for (auto sig : {"SIGTERM", "SIGINT", "SIGHUP"})
      if (args.find(sig) != std::string_view::npos) {
        st.facts.signalHandlers.push_back({sig, st.line(node)});
        break;
      }
    return true;
  }
  return false;
}

/// Servers started from code (uvicorn.run, waitress.serve, werkzeug run_simple, Flask app.run).
bool serverRun(State& st, ts::Node node, ts::Node fn, std::string_view fnText, std::string_view last) {
  if (fnText == "uvicorn.run" || (fnText == "run" && st.facts.imports_("uvicorn"))) {
    auto args = st.text(node.field("arguments"));
    bool reload = args.find("reload=True") != std::string_view::npos;
    st.facts.serverRuns.push_back({reload ? "uvicorn.run:reload" : "uvicorn.run", st.line(node)});
    return true;
  }
  if (fnText == "waitress.serve" || (fnText == "serve" && st.facts.imports_("waitress"))) {
    st.facts.serverRuns.push_back({"waitress.serve", st.line(node)});
    return true;
  }
  if (last == "run_simple" && (fnText == "run_simple" || fnText.starts_with("werkzeug"))) {
    st.facts.serverRuns.push_back({"werkzeug.run_simple", st.line(node)});
    return true;
  }
  if (last == "run" && fn.type() == "attribute" && st.facts.usesFramework("flask")) {
    auto obj = st.text(fn.field("object"));
    const auto& apps = st.facts.appObjects;
    if (obj == "app" || std::find(apps.begin(), apps.end(), obj) != apps.end()) {
      st.facts.serverRuns.push_back({"flask:app.run", st.line(node)});
      return true;
    }
  }
  return false;
}

/// Django URLconf: path("users/", views.users), include(...) mounts. True when the call was one.
bool djangoUrl(State& st, ts::Node node, std::string_view fnText) {
  if ((fnText == "path" || fnText == "re_path" || fnText == "url") && st.file.path.ends_with("urls.py") &&
      st.routesEnabled) {
    auto args = callArgs(node);
    std::string p;
    if (args.size() >= 2 && stringValue(st, args[0], p)) {
      if (args[1].type() == "call" && st.text(args[1].field("function")) == "include") {
        st.facts.mounts.push_back({"urlpatterns", std::string(st.text(args[1])), "/" + p, false, st.line(node)});
        return true;
      }
      Route r;
      r.framework = "django";
      r.method = "*";
      r.path = "/" + p;
      r.handler = std::string(st.text(args[1]));
      if (ts::Node nm = keywordArg(st, node, "name"); nm && stringValue(st, nm, r.name)) {
        auto app = st.src.find("app_name");
        std::string ns;
        if (app != std::string_view::npos) {
          auto q = st.src.find_first_of("\"'", app);
          auto e = q == std::string_view::npos ? q : st.src.find(st.src[q], q + 1);
          if (e != std::string_view::npos && e - q < 60 && st.src.substr(app, q - app).find('\n') == std::string_view::npos)
            ns = std::string(st.src.substr(q + 1, e - q - 1));
        }
        if (!ns.empty()) r.name = ns + ":" + r.name;
      }
      r.auth = authLikeName(r.handler) ? AuthStatus::Explicit : AuthStatus::Unknown;
      if (r.auth == AuthStatus::Explicit) r.authBy = shortText(r.handler);
      st.addRoute(std::move(r), node);
    }
    return true;
  }
  return false;
}

/// Flask `add_url_rule(path, endpoint, view_func, methods=[...])`.
void addUrlRule(State& st, ts::Node node, std::string_view obj, const std::vector<ts::Node>& args) {
  std::string path;
  if (!stringValue(st, args[0], path)) return;
  ts::Node view = keywordArg(st, node, "view_func");
  if (!view && args.size() >= 3 && args[2].type() != "keyword_argument") view = args[2];
  auto methods = stringList(st, keywordArg(st, node, "methods"));
  if (methods.empty()) methods.push_back("GET");
  for (const auto& m : methods) {
    Route r;
    r.framework = "flask";
    r.method = m;
    r.path = path;
    std::string ref = view ? std::string(st.text(view)) : "";
    bool wrappedAuth = false;
    if (view && view.type() == "call") {  // login_required(view) / View.as_view("name")
      wrappedAuth = authLikeName(st.text(view.field("function")));
      auto inner = callArgs(view);
      ref = wrappedAuth && !inner.empty() ? std::string(st.text(inner[0])) : std::string(st.text(view.field("function")));
    }
    r.handler = ref;
    auto& p = st.addRoute(std::move(r), node);
    p.handlerRef = ref;
    p.receiver = std::string(obj);
    p.explicitAuth = wrappedAuth;
  }
}

/// FastAPI `include_router` / Flask `register_blueprint`: a mount with its prefix and dependencies.
void mountCall(State& st, ts::Node node, std::string_view obj, std::string_view attr, const std::vector<ts::Node>& args) {
  if (args.empty()) return;
  Mount m;
  m.owner = std::string(obj);
  m.target = std::string(st.text(args[0]));
  ts::Node pre = keywordArg(st, node, attr == "include_router" ? "prefix" : "url_prefix");
  if (pre) stringValue(st, pre, m.prefix);
  m.auth = authDependencies(st, keywordArg(st, node, "dependencies"));
  if (m.auth) m.authBy = "dependencies=" + shortText(st.text(keywordArg(st, node, "dependencies")));
  m.line = st.line(node);
  std::string head = m.target.substr(0, m.target.find('.'));
  if (auto it = st.imported.find(head); it != st.imported.end()) m.module = it->second;
  // Same-file router: link it to its owner so prefixes and dependencies apply.
  std::string link = m.target + "@" + std::to_string(m.line);
  auto& g = st.groups[m.target];
  if (g.parent.empty()) {
    g.parent = link;
    st.groups[link] = Group{m.owner, m.prefix, m.auth};
  }
  st.facts.mounts.push_back(std::move(m));
}

/// Method calls: test route references, Flask/FastAPI registrations, mounts, error handlers and
/// middleware.
void attributeCall(State& st, ts::Node node, ts::Node fn, std::span<const ts::Node> anc) {
  auto obj = st.text(fn.field("object"));
  auto attr = st.text(fn.field("attribute"));
  auto args = callArgs(node);

  if (st.facts.role == FileRole::Test && isHttpMethodName(attr) && !args.empty()) {
    if (!anc.empty() && anc.back().type() == "decorator") return;  // a route defined in a test
    std::string p;
    if (testPathValue(st, args[0], p) && p.starts_with('/')) st.facts.testRouteRefs.push_back(upper(attr) + " " + p);
    return;
  }
  if (attr == "add_url_rule" && st.routesEnabled && !args.empty()) return addUrlRule(st, node, obj, args);
  if (attr == "include_router" || attr == "register_blueprint") return mountCall(st, node, obj, attr, args);
  if (attr == "add_exception_handler" || attr == "register_error_handler") {
    st.facts.errorHandlers.push_back(
        {std::string(attr) + "(" + (args.empty() ? "" : std::string(st.text(args[0]))) + ")", st.line(node)});
    return;
  }
  if (attr == "add_middleware" && !args.empty()) {
    auto mw = st.text(args[0]);
    st.facts.middleware.push_back({std::string(obj) + ".add_middleware(" + std::string(mw) + ")", st.line(node)});
    if (authLikeName(mw)) {
      st.uses.push_back({std::string(obj), node.startByte(), 0, 0xFFFFFFFFu, "", true, true});
      st.uses.back().evidence = std::string(obj) + ".add_middleware(" + shortText(mw) + ")";
    }
    return;
  }
  if ((attr == "before_request" || attr == "before_app_request") && args.size() == 1) {
    st.facts.middleware.push_back({std::string(obj) + ".before_request", st.line(node)});
    if (authLikeName(st.text(args[0]))) {
      st.uses.push_back({std::string(obj), node.startByte(), 0, 0xFFFFFFFFu, "", true, true});
      st.uses.back().evidence = std::string(obj) + ".before_request(" + shortText(st.text(args[0])) + ")";
    }
  }
}

void call(State& st, ts::Node node, std::span<const ts::Node> anc) {
  ts::Node fn = node.field("function");
  if (!fn) return;
  auto fnText = st.text(fn);
  auto last = lastSegment(fnText);

  if (oneOf(fnText, {"os.getenv", "getenv", "os.environ.get", "environ.get"})) return envRead(st, node, anc);
  if (st.facts.role == FileRole::Test) testNameOrCall(st, node, fnText);
  if (setupCall(st, node, fnText, last, anc) || serverRun(st, node, fn, fnText, last) || djangoUrl(st, node, fnText))
    return;
  if (fn.type() != "attribute") return;
  attributeCall(st, node, fn, anc);
}

void assignment(State& st, ts::Node node) {
  ts::Node left = node.field("left");
  ts::Node right = node.field("right");
  if (!left || !right || left.type() != "identifier" || right.type() != "call") return;
  auto name = st.text(left);
  auto callee = lastSegment(st.text(right.field("function")));
  if (oneOf(callee, {"Flask", "FastAPI", "APIRouter", "Blueprint", "Starlette", "Sanic", "Quart", "Application"})) {
    if (callee == "Application" && !st.facts.usesFramework("aiohttp")) return;
    st.addApp(name);
    Group g;
    ts::Node pre = keywordArg(st, right, callee == "Blueprint" ? "url_prefix" : "prefix");
    if (pre) stringValue(st, pre, g.prefix);
    g.auth = authDependencies(st, keywordArg(st, right, "dependencies"));
    if (!g.prefix.empty() || g.auth) {
      auto& existing = st.groups[std::string(name)];
      existing.prefix = g.prefix;
      if (g.auth && !existing.auth)
        existing.authBy = std::string(callee) + "(dependencies=" + shortText(st.text(keywordArg(st, right, "dependencies"))) + ")";
      existing.auth = existing.auth || g.auth;
    }
    return;
  }
  if (st.text(left) == "app.wsgi_app" || st.text(right).find("wsgi_app") != std::string_view::npos)
    st.facts.middleware.push_back({std::string(st.text(right.field("function"))), st.line(node)});
}

/// `from app.api.routes import users as u` -> u = app.api.routes.users; `import a.b as c` -> c = a.b.
void importBinding(State& st, ts::Node node) {
  std::string from;
  if (ts::Node m = node.field("module_name")) from = std::string(st.text(m));
  for (std::uint32_t i = 0; i < node.namedChildCount(); ++i) {
    ts::Node c = node.namedChild(i);
    if (c == node.field("module_name")) continue;
    std::string name, alias;
    if (c.type() == "dotted_name") name = alias = std::string(st.text(c));
    else if (c.type() == "aliased_import") {
      name = std::string(st.text(c.field("name")));
      alias = std::string(st.text(c.field("alias")));
    } else {
      continue;
    }
    if (node.type() == "import_statement" && alias == name) alias = name.substr(0, name.find('.'));
    st.imported[alias] = from.empty() ? name : from + "." + name;
  }
}

void subscript(State& st, ts::Node node, std::span<const ts::Node> anc) {
  auto value = st.text(node.field("value"));
  if (value != "os.environ" && value != "environ") return;
  if (!anc.empty()) {
    ts::Node parent = anc.back();
    if ((parent.type() == "assignment" || parent.type() == "augmented_assignment") && parent.field("left") == node) return;
    if (parent.type() == "delete_statement") return;
  }
  EnvRead e;
  if (!stringValue(st, node.field("subscript"), e.name)) return;
  e.required = true;
  e.line = st.line(node);
  st.facts.envReads.push_back(std::move(e));
}

}  // namespace

void visitPython(State& st, ts::Node node, std::span<const ts::Node> anc) {
  if (!node.isNamed()) return;
  auto t = node.type();
  if (t == "call") call(st, node, anc);
  else if (t == "decorated_definition") decorated(st, node);
  else if (t == "function_definition") st.functions.emplace(std::string(st.text(node.field("name"))), node);
  else if (t == "assignment") assignment(st, node);
  else if (t == "import_from_statement" || t == "import_statement") importBinding(st, node);
  else if (t == "subscript") subscript(st, node, anc);
}

}  // namespace agentlens::core::facts_detail
