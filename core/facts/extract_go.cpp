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
  for (std::size_t i = 0; i + 1 < handlers.size(); ++i)
    if (authLikeName(st.text(handlers[i]))) explicitAuth = true;
  ts::Node h = unwrapHandler(st, handlers.back(), explicitAuth);
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
  if (ts::Node scope = enclosingFunction(anc)) {
    p.scopeStart = scope.startByte();
    p.scopeEnd = scope.endByte();
  }
}

void callExpr(State& st, ts::Node node, std::span<const ts::Node> anc) {
  ts::Node fn = node.field("function");
  if (!fn) return;
  auto callee = st.text(fn);
  auto args = callArgs(node);

  if ((callee == "os.Getenv" || callee == "os.LookupEnv") && !args.empty()) {
    EnvRead e;
    if (stringValue(st, args[0], e.name)) {
      e.line = st.line(node);
      st.facts.envReads.push_back(std::move(e));
    }
    return;
  }
  if (oneOf(callee, {"sql.Open", "sqlx.Open", "sqlx.Connect", "sqlx.MustConnect", "sqlx.MustOpen", "pgx.Connect",
                     "pgxpool.New", "pgxpool.Connect", "pgxpool.NewWithConfig", "gorm.Open", "redis.NewClient",
                     "mongo.Connect", "mongo.NewClient"})) {
    st.facts.dbClients.push_back({std::string(callee), !insideFunction(anc), st.line(node)});
    return;
  }
  if (oneOf(callee, {"slog.SetDefault", "zap.NewProduction", "zap.NewDevelopment", "zap.New", "zerolog.New",
                     "logrus.SetFormatter", "logrus.New", "log.SetOutput", "log.SetFlags", "zap.ReplaceGlobals"})) {
    st.facts.loggerSetup.push_back({std::string(callee), st.line(node)});
    return;
  }
  if (callee == "signal.Notify" || callee == "signal.NotifyContext") {
    auto t = st.text(node.field("arguments"));
    std::string sig = t.find("SIGTERM") != std::string_view::npos ? "SIGTERM"
                      : (t.find("Interrupt") != std::string_view::npos || t.find("SIGINT") != std::string_view::npos)
                          ? "SIGINT"
                          : "signal";
    st.facts.signalHandlers.push_back({sig, st.line(node)});
    return;
  }
  if (st.facts.role == FileRole::Test &&
      (callee == "httptest.NewRequest" || callee == "http.NewRequest" || callee == "http.NewRequestWithContext")) {
    std::size_t off = callee == "http.NewRequestWithContext" ? 1 : 0;
    if (args.size() < off + 2) return;
    std::string method;
    if (!stringValue(st, args[off], method)) {
      auto t = st.text(args[off]);
      if (t.starts_with("http.Method")) method = upper(t.substr(11));
      else return;
    }
    ts::Node target = args[off + 1];
    if (target.type() == "binary_expression") target = target.field("right");
    std::string path;
    if (stringValue(st, target, path) && path.starts_with('/')) st.facts.testRouteRefs.push_back(method + " " + path);
    return;
  }
  if (fn.type() != "selector_expression") return;
  ts::Node operand = fn.field("operand");
  auto recv = st.text(operand);
  auto field = st.text(fn.field("field"));

  if (field == "Shutdown") {
    st.facts.shutdownCalls.push_back({std::string(callee), st.line(node)});
    return;
  }
  if (field == "Use") {
    ts::Node scope = enclosingFunction(anc);
    bool auth = false;
    for (ts::Node a : args) {
      auto t = st.text(a);
      if (t.find("Recover") != std::string_view::npos) st.facts.errorHandlers.push_back({shortText(t), st.line(node)});
      st.facts.middleware.push_back({std::string(recv) + ".Use(" + shortText(t) + ")", st.line(a)});
      if (authLikeName(t)) auth = true;
    }
    if (auth) {
      Use u{std::string(recv), node.startByte(), 0, 0xFFFFFFFFu, "", true, false};
      if (scope) {
        u.scopeStart = scope.startByte();
        u.scopeEnd = scope.endByte();
      }
      st.uses.push_back(std::move(u));
    }
    return;
  }
  if (!st.routesEnabled) return;
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
  if (args.size() < 2 || !stringValue(st, args[0], path) || !path.starts_with('/')) return;
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
  if (fn.type() == "selector_expression" && st.text(fn.field("field")) == "Group") {
    auto args = callArgs(value);
    Group g;
    g.parent = std::string(st.text(fn.field("operand")));
    if (!args.empty() && stringValue(st, args[0], g.prefix)) {
      for (std::size_t i = 1; i < args.size(); ++i)
        if (authLikeName(st.text(args[i]))) g.auth = true;
      st.groups[std::string(name)] = std::move(g);
      st.addApp(name);
    }
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
