// Go facts: net/http (Go 1.22 method patterns), gin, chi, echo, fiber and gorilla routes with
// groups, `Use` middleware and chi `Route`/`With`; handler signatures; env reads; DB clients;
// logger setup; signal handling and Shutdown; httptest route references in tests.
#include <algorithm>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {
namespace {

bool oneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// "POST /items/{id}" -> ("POST", "/items/{id}"); "/x" -> ("*", "/x").
std::pair<std::string, std::string> splitPattern(std::string_view pat) {
  auto sp = pat.find(' ');
  if (sp != std::string_view::npos) {
    auto m = pat.substr(0, sp);
    bool allUpper = !m.empty() && std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (allUpper) {
      auto rest = pat.substr(sp + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      return {std::string(m), std::string(rest)};
    }
  }
  return {"*", std::string(pat)};
}

/// Handler signature: `(w http.ResponseWriter, r *http.Request)`, `(c *gin.Context)`,
/// `(c echo.Context) error`, `(c *fiber.Ctx) error`.
bool handlerSignature(const State& st, ts::Node fn) {
  ts::Node params = fn.field("parameters");
  if (!params) return false;
  auto t = st.text(params);
  return (t.find("http.ResponseWriter") != std::string_view::npos && t.find("*http.Request") != std::string_view::npos) ||
         t.find("*gin.Context") != std::string_view::npos || t.find("echo.Context") != std::string_view::npos ||
         t.find("*fiber.Ctx") != std::string_view::npos;
}

/// chi `r.Route("/prefix", func(r chi.Router) {…})`: prefixes of the enclosing Route calls.
std::string chiPrefix(const State& st, std::span<const ts::Node> anc) {
  std::string prefix;
  for (std::size_t i = 0; i + 2 < anc.size(); ++i) {
    if (anc[i].type() != "call_expression" || anc[i + 1].type() != "argument_list" || anc[i + 2].type() != "func_literal")
      continue;
    ts::Node f = anc[i].field("function");
    if (f.type() != "selector_expression" || st.text(f.field("field")) != "Route") continue;
    auto args = callArgs(anc[i]);
    std::string p;
    if (!args.empty() && stringValue(st, args[0], p)) prefix = joinPath(prefix, p);
  }
  return prefix;
}

/// The function declaring `receiver` as a router parameter (`func ArticlesRegister(router
/// *gin.RouterGroup)`), or "" when the receiver is not a parameter.
std::string registrarOf(const State& st, std::string_view receiver, std::span<const ts::Node> anc) {
  ts::Node fn = enclosingFunction(anc);
  if (!fn || (fn.type() != "function_declaration" && fn.type() != "method_declaration")) return "";
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    auto type = st.text(p.field("type"));
    bool router = type.find("Router") != std::string_view::npos || type.find("gin.Engine") != std::string_view::npos ||
                  type.find("echo.Group") != std::string_view::npos || type.find("echo.Echo") != std::string_view::npos ||
                  type.find("ServeMux") != std::string_view::npos || type.find("chi.Mux") != std::string_view::npos;
    if (!router) continue;
    // The receiver itself or the router its group was made from (`api := r.Group("/api")`).
    auto chain = receiverChain(st, std::string(receiver));
    for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
      if (p.namedChild(k).type() == "identifier" &&
          std::find(chain.begin(), chain.end(), st.text(p.namedChild(k))) != chain.end())
        return std::string(st.text(fn.field("name")));
  }
  return "";
}

/// The innermost block around a node (Go `{ r := …; r.Use(auth); register(r) }`).
ts::Node enclosingBlock(std::span<const ts::Node> anc) {
  for (auto it = anc.rbegin(); it != anc.rend(); ++it)
    if (it->type() == "block") return *it;
  return ts::Node();
}

/// `X.Group("/p")` or `X.PathPrefix("/p").Subrouter()`: the parent and the prefix.
bool groupCall(const State& st, ts::Node value, std::string& parent, std::string& prefix, std::vector<ts::Node>& rest) {
  if (!value || value.type() != "call_expression") return false;
  ts::Node fn = value.field("function");
  if (fn.type() != "selector_expression") return false;
  auto field = st.text(fn.field("field"));
  if (field == "Subrouter") {
    ts::Node inner = fn.field("operand");
    if (inner.type() != "call_expression") return false;
    ts::Node ifn = inner.field("function");
    if (ifn.type() != "selector_expression" || st.text(ifn.field("field")) != "PathPrefix") return false;
    auto args = callArgs(inner);
    parent = std::string(st.text(ifn.field("operand")));
    return !args.empty() && stringValue(st, args[0], prefix);
  }
  if (field != "Group") return false;
  auto args = callArgs(value);
  parent = std::string(st.text(fn.field("operand")));
  if (args.empty() || !stringValue(st, args[0], prefix)) return false;
  rest.assign(args.begin() + 1, args.end());
  return true;
}

/// `articles.Register(v1.Group("/articles"))`, `s.registerDialRoutes(r)`: a function that
/// registers routes on the router it is given, called in another file. Recorded as a mount
/// ("func:<Name>") with the prefix and the auth the router carries here.
void registrarCall(State& st, ts::Node call, std::string_view callee, const std::vector<ts::Node>& args) {
  if (!st.routesEnabled) return;
  for (ts::Node a : args) {
    std::string owner, prefix;
    std::vector<ts::Node> rest;
    bool auth = false, optional = false;
    std::string evidence;
    if (groupCall(st, a, owner, prefix, rest)) {
      for (ts::Node m : rest)
        if (authLikeName(st.text(m))) {
          auth = true;
          evidence = shortText(st.text(m));
        }
      prefix = joinPath(chainPrefix(st, owner), prefix);
    } else if (a.type() == "identifier" && (st.isApp(st.text(a)) || st.groups.count(std::string(st.text(a))))) {
      owner = std::string(st.text(a));
      prefix = chainPrefix(st, owner);
    } else {
      continue;
    }
    if (!auth) auth = authBefore(st, owner, call.startByte(), evidence, optional);
    auto dot = callee.find_last_of('.');
    std::string name(dot == std::string_view::npos ? callee : callee.substr(dot + 1));
    Mount m{owner, std::string(callee), prefix == "/" ? "" : prefix, auth, st.line(call)};
    // `orders.Register(…)`: the function of the imported package `…/orders`; `s.register(…)`,
    // `register(…)`: a function of this package.
    m.module = "func:" + name;
    std::string_view qualifier = dot == std::string_view::npos ? std::string_view() : callee.substr(0, dot);
    for (const auto& imp : st.facts.imports)
      if (!qualifier.empty() && (imp.module == qualifier || imp.module.ends_with("/" + std::string(qualifier))))
        m.module += "@" + imp.module;
    m.authBy = evidence;
    m.optionalAuth = optional && !auth;
    st.facts.mounts.push_back(std::move(m));
    return;
  }
}

ts::Node unwrapHandler(const State& st, ts::Node h, bool& auth) {
  for (int guard = 0; guard < 4 && h && h.type() == "call_expression"; ++guard) {
    auto callee = st.text(h.field("function"));
    if (authLikeName(callee)) auth = true;
    auto args = callArgs(h);
    if (args.empty()) break;
    h = callee == "http.HandlerFunc" || callee == "http.Handler" ? args[0] : args.back();
  }
  return h;
}

void addGoRoute(State& st, ts::Node call, std::string_view receiver, std::string framework, std::string method,
                std::string path, std::span<const ts::Node> handlers, bool explicitAuth, std::span<const ts::Node> anc) {
  if (handlers.empty() || !st.routesEnabled) return;
  Route r;
  r.framework = std::move(framework);
  r.method = std::move(method);
  r.path = joinPath(chiPrefix(st, anc), path);
  r.registrar = registrarOf(st, receiver, anc);
  std::string evidence;
  for (std::size_t i = 0; i + 1 < handlers.size(); ++i)
    if (authLikeName(st.text(handlers[i])) && !explicitAuth) {
      explicitAuth = true;
      evidence = shortText(st.text(handlers[i]));
    }
  bool wrapped = false;
  ts::Node h = unwrapHandler(st, handlers.back(), wrapped);
  if (wrapped && !explicitAuth) evidence = shortText(st.text(handlers.back()).substr(0, st.text(handlers.back()).find('(')));
  explicitAuth = explicitAuth || wrapped;
  std::string ref;
  if (h && h.type() == "func_literal") {
    r.handlerStart = h.startByte();
    r.handlerEnd = h.endByte();
  } else if (h) {
    ref = std::string(st.text(h));
    r.handler = ref;
  }
  auto& p = st.addRoute(std::move(r), call);
  if (h && h.type() == "func_literal") p.handler = h;
  p.handlerRef = ref;
  p.receiver = std::string(receiver);
  p.explicitAuth = explicitAuth;
  p.authEvidence = evidence;
  if (ts::Node scope = enclosingFunction(anc)) {
    p.scopeStart = scope.startByte();
    p.scopeEnd = scope.endByte();
  }
}

/// Environment reads, database clients, logger set-up and signal handlers. True when the call was
/// one of them.
bool setupCall(State& st, ts::Node node, std::string_view callee, const std::vector<ts::Node>& args,
               std::span<const ts::Node> anc) {
  if ((callee == "os.Getenv" || callee == "os.LookupEnv") && !args.empty()) {
    EnvRead e;
    if (stringValue(st, args[0], e.name)) {
      e.line = st.line(node);
      st.facts.envReads.push_back(std::move(e));
    }
    return true;
  }
  if (oneOf(callee, {"sql.Open", "sqlx.Open", "sqlx.Connect", "sqlx.MustConnect", "sqlx.MustOpen", "pgx.Connect",
                     "pgxpool.New", "pgxpool.Connect", "pgxpool.NewWithConfig", "gorm.Open", "redis.NewClient",
                     "mongo.Connect", "mongo.NewClient"})) {
    st.facts.dbClients.push_back({std::string(callee), !insideFunction(anc), st.line(node)});
    return true;
  }
  if (oneOf(callee, {"slog.SetDefault", "zap.NewProduction", "zap.NewDevelopment", "zap.New", "zerolog.New",
                     "logrus.SetFormatter", "logrus.New", "log.SetOutput", "log.SetFlags", "zap.ReplaceGlobals"})) {
    st.facts.loggerSetup.push_back({std::string(callee), st.line(node)});
    return true;
  }
  if (callee == "signal.Notify" || callee == "signal.NotifyContext") {
    auto t = st.text(node.field("arguments"));
    std::string sig = t.find("SIGTERM") != std::string_view::npos ? "SIGTERM"
                      : (t.find("Interrupt") != std::string_view::npos || t.find("SIGINT") != std::string_view::npos)
                          ? "SIGINT"
                          : "signal";
    st.facts.signalHandlers.push_back({sig, st.line(node)});
    return true;
  }
  return false;
}

/// Tests: `httptest.NewRequest("GET", "/users", …)` and friends reference a route. True when the
/// call was such a constructor.
bool testRequest(State& st, std::string_view callee, const std::vector<ts::Node>& args) {
  if (st.facts.role == FileRole::Test &&
      (callee == "httptest.NewRequest" || callee == "http.NewRequest" || callee == "http.NewRequestWithContext")) {
    std::size_t off = callee == "http.NewRequestWithContext" ? 1 : 0;
    if (args.size() < off + 2) return true;
    std::string method;
    if (!stringValue(st, args[off], method)) {
      auto t = st.text(args[off]);
      if (t.starts_with("http.Method")) method = upper(t.substr(11));
      else return true;
    }
    ts::Node target = args[off + 1];
    // `srv.URL + "/users"`: the path is on the right; `"/users/" + id`: a parameter.
    if (target.type() == "binary_expression" && !target.field("left").type().ends_with("string_literal"))
      target = target.field("right");
    std::string path;
    if (testPathValue(st, target, path) && path.starts_with('/')) st.facts.testRouteRefs.push_back(method + " " + path);
    return true;
  }
  return false;
}

/// `r.Use(mw…)`: middleware, recovery handlers, and auth for the routes registered after it in
/// the same block.
void useCall(State& st, ts::Node node, std::string_view recv, const std::vector<ts::Node>& args,
             std::span<const ts::Node> anc) {
  ts::Node scope = enclosingBlock(anc);
  if (!scope) scope = enclosingFunction(anc);
  bool auth = false, optional = false;
  std::string evidence;
  for (ts::Node a : args) {
    auto t = st.text(a);
    if (t.find("Recover") != std::string_view::npos) st.facts.errorHandlers.push_back({shortText(t), st.line(node)});
    st.facts.middleware.push_back({std::string(recv) + ".Use(" + shortText(t) + ")", st.line(a)});
    if (authLikeName(t)) {
      (optionalAuthText(t) ? optional : auth) = true;
      evidence = std::string(recv) + ".Use(" + shortText(t) + ")";
    }
  }
  if (auth || optional) {
    Use u{std::string(recv), node.startByte(), 0, 0xFFFFFFFFu, "", auth, false};
    u.evidence = evidence;
    u.optional = optional && !auth;
    if (scope) {
      u.scopeStart = scope.startByte();
      u.scopeEnd = scope.endByte();
    }
    st.uses.push_back(std::move(u));
  }
}

/// net/http, chi and gorilla `HandleFunc("/x", h)` / `Handle(...)` (gorilla `.Methods("POST")`).
void handleFuncRoute(State& st, ts::Node node, const std::string& receiver, const std::vector<ts::Node>& args,
                     bool withAuth, std::span<const ts::Node> anc) {
  std::string path;
  if (args.size() < 2 || !stringValue(st, args[0], path)) return;
  auto [method, p] = splitPattern(path);
  std::string fw = "net/http";
  if (auto it = st.appFramework.find(receiver); it != st.appFramework.end()) fw = it->second;
  else if (receiver != "http" && st.facts.usesFramework("chi")) fw = "chi";
  // gorilla/mux: r.HandleFunc("/x", h).Methods("POST")
  if (anc.size() >= 2 && anc.back().type() == "selector_expression" && st.text(anc.back().field("field")) == "Methods") {
    ts::Node mcall = anc[anc.size() - 2];
    auto margs = callArgs(mcall);
    std::string m;
    if (!margs.empty() && stringValue(st, margs[0], m)) method = upper(m);
    fw = "gorilla";
  }
  addGoRoute(st, node, receiver, fw, method, p, std::span(args).subspan(1), withAuth, anc);
}

/// Route registrations on a router or group: gin/echo verbs, chi verbs and Method, HandleFunc,
/// chi `r.With(auth).Get(...)`, and calls that register through a local helper.
void routeCall(State& st, ts::Node node, ts::Node fn, std::string_view callee, const std::vector<ts::Node>& args,
               std::span<const ts::Node> anc) {
  ts::Node operand = fn.field("operand");
  auto recv = st.text(operand);
  auto field = st.text(fn.field("field"));
  if (field != "Group" && field != "Route" && field != "Mount" && field != "With" && field != "PathPrefix" &&
      field != "Subrouter" && !oneOf(field, {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any", "Get",
                                             "Post", "Put", "Patch", "Delete", "Head", "Options", "All", "Handle",
                                             "HandleFunc", "Method", "MethodFunc", "Methods"}))
    registrarCall(st, node, callee, args);
  // chi r.With(auth).Get(...): the With call is the operand.
  bool withAuth = false;
  std::string receiver(recv);
  if (operand.type() == "call_expression") {
    ts::Node of = operand.field("function");
    if (of.type() == "selector_expression" && st.text(of.field("field")) == "With") {
      for (ts::Node a : callArgs(operand))
        if (authLikeName(st.text(a))) withAuth = true;
      receiver = std::string(st.text(of.field("operand")));
    } else {
      return;
    }
  }
  std::string path;
  if (field == "HandleFunc" || field == "Handle") {
    handleFuncRoute(st, node, receiver, args, withAuth, anc);
    return;
  }
  bool upperVerb = oneOf(field, {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any"});
  bool chiVerb = oneOf(field, {"Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "All"});
  if (field == "Method" || field == "MethodFunc") {  // chi r.Method("GET", "/x", h)
    std::string m;
    if (args.size() < 3 || !stringValue(st, args[0], m) || !stringValue(st, args[1], path)) return;
    addGoRoute(st, node, receiver, "chi", upper(m), path, std::span(args).subspan(2), withAuth, anc);
    return;
  }
  if (!upperVerb && !chiVerb) return;
  if (args.size() < 2 || !stringValue(st, args[0], path)) return;
  // `g.POST("", h)`: the group's own path, on a known router or group only.
  if (!path.starts_with('/') && !(path.empty() && (st.isApp(receiver) || st.groups.count(receiver) ||
                                                   !registrarOf(st, receiver, anc).empty())))
    return;
  std::string fw;
  if (upperVerb) fw = st.facts.usesFramework("echo") && !st.facts.usesFramework("gin") ? "echo" : "gin";
  else fw = st.facts.usesFramework("fiber") ? "fiber" : "chi";
  bool known = st.isApp(receiver) || st.groups.count(receiver) ||
               (upperVerb ? (st.facts.usesFramework("gin") || st.facts.usesFramework("echo"))
                          : (st.facts.usesFramework("chi") || st.facts.usesFramework("fiber")));
  if (!known) return;
  std::string method = field == "Any" || field == "All" ? "*" : upper(field);
  addGoRoute(st, node, receiver, fw, method, path, std::span(args).subspan(1), withAuth, anc);
}

void callExpr(State& st, ts::Node node, std::span<const ts::Node> anc) {
  ts::Node fn = node.field("function");
  if (!fn) return;
  auto callee = st.text(fn);
  auto args = callArgs(node);
  if (st.facts.role == FileRole::Test) testNameOrCall(st, node, callee);
  if (setupCall(st, node, callee, args, anc) || testRequest(st, callee, args)) return;
  if (fn.type() == "identifier" && !args.empty()) return registrarCall(st, node, callee, args);
  if (fn.type() != "selector_expression") return;
  auto field = st.text(fn.field("field"));
  if (field == "Shutdown") {
    st.facts.shutdownCalls.push_back({std::string(callee), st.line(node)});
    return;
  }
  if (field == "Use") return useCall(st, node, st.text(fn.field("operand")), args, anc);
  if (!st.routesEnabled) return;
  routeCall(st, node, fn, callee, args, anc);
}

/// `v1 := r.Group("/v1", mw)` and `r := gin.Default()`.
void binding(State& st, std::string_view name, ts::Node value) {
  if (!value || value.type() != "call_expression" || name.empty() || name == "_") return;
  ts::Node fn = value.field("function");
  auto callee = st.text(fn);
  if (oneOf(callee, {"http.NewServeMux", "gin.New", "gin.Default", "chi.NewRouter", "chi.NewMux", "echo.New",
                     "fiber.New", "mux.NewRouter"})) {
    st.addApp(name);
    std::string fw(callee.substr(0, callee.find('.')));
    st.appFramework[std::string(name)] = fw == "http" ? "net/http" : fw == "mux" ? "gorilla" : fw;
    if (callee == "gin.Default") st.facts.errorHandlers.push_back({"gin.Default (Recovery)", value.startPoint().row});
    return;
  }
  Group g;
  std::vector<ts::Node> rest;
  if (groupCall(st, value, g.parent, g.prefix, rest)) {
    for (ts::Node a : rest)
      if (authLikeName(st.text(a)) && !optionalAuthText(st.text(a))) {
        g.auth = true;
        g.authBy = std::string(st.text(fn.field("operand"))) + ".Group(…, " + shortText(st.text(a)) + ")";
      }
    if (g.prefix == "/") g.prefix.clear();
    st.groups[std::string(name)] = std::move(g);
    st.addApp(name);
  }
}

void declaration(State& st, ts::Node node) {
  auto name = st.text(node.field("name"));
  st.functions.emplace(std::string(name), node);
  if (handlerSignature(st, node)) st.facts.handlerSpans.push_back({node.startByte(), node.endByte(), std::string(name)});
}

}  // namespace

void visitGo(State& st, ts::Node node, std::span<const ts::Node> anc) {
  if (!node.isNamed()) return;
  auto t = node.type();
  if (t == "call_expression") callExpr(st, node, anc);
  else if (t == "short_var_declaration" || t == "assignment_statement") {
    ts::Node l = node.field("left"), r = node.field("right");
    if (l && r && l.namedChildCount() >= 1 && r.namedChildCount() >= 1)
      binding(st, st.text(l.namedChild(0)), r.namedChild(0));
  } else if (t == "var_spec") {
    ts::Node v = node.field("value");
    if (v && v.namedChildCount() >= 1) binding(st, st.text(node.field("name")), v.namedChild(0));
  } else if (t == "function_declaration" || t == "method_declaration") {
    declaration(st, node);
  } else if (t == "func_literal" && handlerSignature(st, node)) {
    st.facts.handlerSpans.push_back({node.startByte(), node.endByte(), ""});
  }
}

}  // namespace agentlens::core::facts_detail
