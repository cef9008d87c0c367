// Request-path helpers: which function is a request handler (the route registry first, syntax
// as the fallback), the route path a registration gives it, and its parameter names. HTTP
// statuses are in web_status.cpp, logging and rethrow in web_logging.cpp, Go results in web_go.cpp.
#include "rules/common/web.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::array<std::string_view, 12> kHttpVerbs = {"get", "post", "put", "patch", "delete", "route",
                                                         "api_route", "head", "options", "all", "use", "websocket"};

bool isVerb(std::string_view m) { return std::find(kHttpVerbs.begin(), kHttpVerbs.end(), m) != kHttpVerbs.end(); }

/// Receivers that hold an app or router (`app`, `router`, `bp`, `api`, `userRouter`, `v1`).
bool looksLikeApp(std::string_view obj, const core::Facts& facts) {
  if (std::find(facts.appObjects.begin(), facts.appObjects.end(), obj) != facts.appObjects.end()) return true;
  std::string l = core::text::asciiLower(obj);
  for (auto s : {"app", "router", "bp", "blueprint", "api", "server", "routes", "r", "mux", "v1", "v2", "group", "g"})
    if (l == s) return true;
  return l.ends_with("router") || l.ends_with("app") || l.ends_with("_bp") || l.ends_with("blueprint") ||
         l.ends_with("routes") || l.ends_with("api");
}

Handler pythonHandler(ts::Node fn, std::span<const ts::Node> anc, std::size_t idx, const RuleContext& ctx) {
  auto src = ctx.source();
  if (fn.type() != "function_definition") return {};
  const auto& facts = ctx.facts();
  std::string_view fw = facts.usesFramework("fastapi")   ? "fastapi"
                        : facts.usesFramework("flask")   ? "flask"
                        : facts.usesFramework("django")  ? "django"
                        : facts.usesFramework("starlette") ? "starlette"
                                                           : "";
  if (idx > 0 && anc[idx - 1].type() == "decorated_definition") {
    ts::Node dd = anc[idx - 1];
    for (std::uint32_t i = 0; i < dd.namedChildCount(); ++i) {
      ts::Node d = dd.namedChild(i);
      if (d.type() != "decorator" || d.namedChildCount() == 0) continue;
      ts::Node e = d.namedChild(0);
      if (e.type() == "call") e = e.field("function");
      auto t = e.text(src);
      if (t == "api_view" || t.ends_with(".api_view")) return {fn, "django"};
      if (e.type() != "attribute") continue;
      auto method = e.field("attribute").text(src);
      auto obj = e.field("object").text(src);
      if (isVerb(method) && method != "use" && looksLikeApp(obj, facts)) return {fn, fw};
    }
  }
  // Django views: `def view(request, ...)` in views.py / a module that imports django.
  auto params = paramNames(fn, src, Lang::Python);
  if (!params.empty() && params[0] == "request" && facts.usesFramework("django")) return {fn, "django"};
  if (params.size() >= 2 && params[0] == "self" && params[1] == "request" && facts.usesFramework("django"))
    return {fn, "django"};
  return {};
}

Handler jsHandler(ts::Node fn, std::span<const ts::Node> anc, std::size_t idx, const RuleContext& ctx) {
  auto src = ctx.source();
  const auto& facts = ctx.facts();
  auto params = paramNames(fn, src, ctx.lang());
  // Passed to a registration: app.get(path, mw, handler) / router.use(fn) / http.createServer(fn).
  if (idx >= 2 && anc[idx - 1].type() == "arguments" && anc[idx - 2].type() == "call_expression") {
    ts::Node call = anc[idx - 2];
    ts::Node callee = call.field("function");
    if (callee.type() == "member_expression") {
      auto method = callee.field("property").text(src);
      auto obj = callee.field("object");
      auto objText = obj.text(src);
      if (objText == "http" || objText == "https") {
        if (method == "createServer") return {fn, "node:http"};
      } else if (isVerb(method) && (looksLikeApp(objText, facts) || obj.type() == "call_expression")) {
        Handler h{fn, "express"};
        h.errorMiddleware = params.size() == 4;
        return h;
      }
    }
  }
  // Named handlers defined elsewhere: (req, res[, next]) and (err, req, res, next).
  if (params.size() >= 2 && (params[0] == "req" || params[0] == "request") &&
      (params[1] == "res" || params[1] == "response" || params[1] == "reply"))
    return {fn, facts.usesFramework("express") ? "express" : ""};
  if (params.size() == 4 && (params[0] == "err" || params[0] == "error") && params[1] == "req")
    return Handler{fn, "express", true};
  // Next.js route handlers: exported HTTP-verb functions in app/**/route.* ; pages/api default export.
  const auto& path = ctx.file().path;
  bool routeFile = path.find("route.") != std::string::npos &&
                   (path.starts_with("app/") || path.find("/app/") != std::string::npos);
  bool pagesApi = path.find("pages/api/") != std::string::npos;
  if ((routeFile || pagesApi) && idx >= 1 && anc[idx - 1].type() == "export_statement") {
    auto name = functionName(fn, src);
    for (auto v : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
      if (name == v) return {fn, "nextjs"};
    if (pagesApi && anc[idx - 1].text(src).starts_with("export default")) return {fn, "nextjs"};
  }
  return {};
}

Handler goHandler(ts::Node fn, const RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node params = fn.field("parameters");
  if (!params) return {};
  auto p = params.text(src);
  if (p.find("http.ResponseWriter") != std::string_view::npos && p.find("http.Request") != std::string_view::npos)
    return {fn, "net/http"};
  if (p.find("*gin.Context") != std::string_view::npos) return {fn, "gin"};
  if (p.find("echo.Context") != std::string_view::npos) return {fn, "echo"};
  if (p.find("*fiber.Ctx") != std::string_view::npos) return {fn, "fiber"};
  return {};
}

/// Python: the route decorator call of a decorated handler (`@app.get("/x")`, `@api_view(...)`).
ts::Node pythonRouteDecorator(ts::Node parent, std::string_view src) {
  if (!parent || parent.type() != "decorated_definition") return ts::Node();
  for (std::uint32_t i = 0; i < parent.namedChildCount(); ++i) {
    ts::Node d = parent.namedChild(i);
    if (d.type() != "decorator" || d.namedChildCount() == 0) continue;
    ts::Node e = d.namedChild(0);
    if (e.type() != "call") continue;
    ts::Node fn = e.field("function");
    if ((fn.type() == "attribute" && isVerb(fn.field("attribute").text(src))) || fn.text(src) == "api_view") return e;
  }
  return ts::Node();
}

}  // namespace

std::string_view routePathOf(ts::Node parent, std::string_view src, core::Lang lang) {
  auto firstString = [&](ts::Node args) -> std::string_view {
    if (!args || args.namedChildCount() == 0) return {};
    auto v = stringLiteralValue(args.namedChild(0), src, lang);
    return v ? *v : std::string_view();
  };
  if (lang == Lang::Python) {
    ts::Node call = pythonRouteDecorator(parent, src);
    return call ? firstString(call.field("arguments")) : std::string_view();
  }
  // JS `x.<verb>("/path", …, fn)`, Go `mux.HandleFunc("GET /path", fn)`: fn is an argument.
  if (!parent || (parent.type() != "arguments" && parent.type() != "argument_list")) return {};
  ts::Node call = parent.parent();
  if (!call || call.type() != "call_expression") return {};
  auto path = firstString(call.field("arguments"));
  if (auto sp = path.find(' '); sp != std::string_view::npos) path = path.substr(sp + 1);  // Go 1.22 "GET /x"
  return path;
}

bool isFunctionNodeLang(ts::Node n, core::Lang lang) { return isFunctionNode(n, lang); }

int enclosingFunctionIndex(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  for (int i = static_cast<int>(anc.size()) - 1; i >= 0; --i)
    if (isFunctionNode(anc[static_cast<std::size_t>(i)], ctx.lang())) return i;
  return -1;
}

Handler handlerFor(ts::Node fn, std::span<const ts::Node> anc, const RuleContext& ctx) {
  std::size_t idx = anc.size();
  switch (ctx.lang()) {
    case Lang::Python: return pythonHandler(fn, anc, idx, ctx);
    case Lang::Go: return goHandler(fn, ctx);
    default: return jsHandler(fn, anc, idx, ctx);
  }
}

Handler enclosingHandler(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  const auto& facts = ctx.facts();
  // The route registry first: the outermost function inside the registered handler range.
  if (!anc.empty()) {
    if (const core::Route* r = facts.routeAt(anc.back().startByte())) {
      for (std::size_t i = 0; i < anc.size(); ++i) {
        ts::Node n = anc[i];
        if (isFunctionNode(n, ctx.lang()) && n.startByte() >= r->handlerStart && n.endByte() <= r->handlerEnd) {
          Handler h{n, r->framework};
          auto params = paramNames(n, ctx.source(), ctx.lang());
          h.errorMiddleware = r->framework == "express" && params.size() == 4;
          return h;
        }
      }
    }
  }
  // Syntax: innermost function ancestor that is a handler.
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (!isFunctionNode(anc[i], ctx.lang())) continue;
    Handler h;
    switch (ctx.lang()) {
      case Lang::Python: h = pythonHandler(anc[i], anc, i, ctx); break;
      case Lang::Go: h = goHandler(anc[i], ctx); break;
      default: h = jsHandler(anc[i], anc, i, ctx); break;
    }
    if (h) return h;
  }
  return {};
}

std::vector<std::string_view> paramNames(ts::Node fn, std::string_view src, core::Lang lang) {
  std::vector<std::string_view> out;
  if (!fn) return out;
  ts::Node params = fn.field("parameters");
  if (!params && lang != Lang::Python && lang != Lang::Go) {
    ts::Node one = fn.field("parameter");  // x => …
    if (one) out.push_back(one.text(src));
    return out;
  }
  if (!params) return out;
  for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    auto t = p.type();
    if (t == "comment") continue;
    if (t == "identifier") {
      out.push_back(p.text(src));
    } else if (lang == Lang::Go && t == "parameter_declaration") {
      bool any = false;
      for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
        if (p.namedChild(k).type() == "identifier") {
          out.push_back(p.namedChild(k).text(src));
          any = true;
        }
      if (!any) out.push_back("");
    } else if (t == "typed_parameter" || t == "default_parameter" || t == "typed_default_parameter") {
      ts::Node n = p.field("name");
      if (!n && p.namedChildCount() > 0) n = p.namedChild(0);
      out.push_back(n && n.type() == "identifier" ? n.text(src) : "");
    } else if (t == "required_parameter" || t == "optional_parameter") {  // TypeScript
      ts::Node n = p.field("pattern");
      out.push_back(n && n.type() == "identifier" ? n.text(src) : "");
    } else if (t == "assignment_pattern") {
      ts::Node n = p.field("left");
      out.push_back(n && n.type() == "identifier" ? n.text(src) : "");
    } else {
      out.push_back("");
    }
  }
  return out;
}

}  // namespace agentlens::rules
