#include "rules/common/web.hpp"

#include <algorithm>
#include <array>
#include <cctype>

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
  std::string l;
  for (char c : obj) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

}  // namespace

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

std::optional<int> statusValue(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '(')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == ')')) t.remove_suffix(1);
  if (t.size() == 3 && std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
  // status.HTTP_404_NOT_FOUND / HTTP_500_INTERNAL_SERVER_ERROR
  if (auto p = t.find("HTTP_"); p != std::string_view::npos && p + 8 <= t.size()) {
    auto d = t.substr(p + 5, 3);
    if (std::all_of(d.begin(), d.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
  }
  struct Named {
    std::string_view name;
    int code;
  };
  static constexpr std::array<Named, 22> kNamed = {{
      {"StatusBadRequest", 400}, {"StatusUnauthorized", 401}, {"StatusForbidden", 403}, {"StatusNotFound", 404},
      {"StatusMethodNotAllowed", 405}, {"StatusConflict", 409}, {"StatusGone", 410},
      {"StatusRequestEntityTooLarge", 413}, {"StatusUnprocessableEntity", 422}, {"StatusTooManyRequests", 429},
      {"StatusInternalServerError", 500}, {"StatusBadGateway", 502}, {"StatusServiceUnavailable", 503},
      {"StatusGatewayTimeout", 504}, {"BAD_REQUEST", 400}, {"UNAUTHORIZED", 401}, {"FORBIDDEN", 403},
      {"NOT_FOUND", 404}, {"CONFLICT", 409}, {"UNPROCESSABLE_ENTITY", 422}, {"INTERNAL_SERVER_ERROR", 500},
      {"SERVICE_UNAVAILABLE", 503},
  }};
  auto dot = t.find_last_of('.');
  auto last = dot == std::string_view::npos ? t : t.substr(dot + 1);
  for (const auto& n : kNamed)
    if (last == n.name) return n.code;
  return std::nullopt;
}

bool mentions4xx(std::string_view t) {
  for (std::size_t i = 0; i + 3 <= t.size(); ++i) {
    bool boundL = i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]));
    bool boundR = i + 3 == t.size() || !std::isalnum(static_cast<unsigned char>(t[i + 3]));
    if (boundL && boundR && t[i] == '4' && std::isdigit(static_cast<unsigned char>(t[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(t[i + 2])))
      return true;
  }
  for (auto n : {"HTTP_4", "StatusBadRequest", "StatusUnauthorized", "StatusForbidden", "StatusNotFound",
                 "StatusConflict", "StatusUnprocessableEntity", "StatusTooManyRequests", "BAD_REQUEST", "NOT_FOUND",
                 "UNPROCESSABLE_ENTITY", "abort(4", "BadRequest", "NotFound", "Forbidden", "Unauthorized"})
    if (t.find(n) != std::string_view::npos) return true;
  return false;
}

bool isLoggerReceiver(std::string_view r) {
  auto dot = r.find_last_of('.');
  auto last = dot == std::string_view::npos ? r : r.substr(dot + 1);
  std::string l;
  for (char c : last) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!l.empty() && l.front() == '_') l.erase(0, 1);
  return l == "logger" || l == "log" || l == "logging" || l == "slog" || l == "zap" || l == "zerolog" ||
         l.ends_with("logger") || l.ends_with("_log") || l == "structlog" || l == "sugar";
}

bool isLoggingCall(ts::Node call, std::string_view src, core::Lang lang) {
  auto t = call.type();
  if (t != "call" && t != "call_expression") return false;
  auto callee = calleeText(call, src);
  auto name = calleeName(call, src);
  if (name == "capture_exception" || name == "captureException" || name == "record_exception" ||
      name == "recordException" || name == "capture_message" || name == "captureMessage")
    return true;
  auto dot = callee.find_last_of('.');
  if (dot == std::string_view::npos) return false;
  auto recv = callee.substr(0, dot);
  if (lang != Lang::Python && lang != Lang::Go && recv == "console")
    return name == "error" || name == "warn";
  if (lang == Lang::Go && recv.ends_with("Logger()")) return true;  // c.Logger().Error, zerolog.Ctx().…
  if (!isLoggerReceiver(recv) && recv.find("logger") == std::string_view::npos && recv != "req.log")
    return false;
  for (auto lvl : {"error", "exception", "critical", "fatal", "warning", "warn", "Error", "ErrorContext", "Errorf",
                   "Warn", "WarnContext", "Warnf", "Printf", "Println", "Print", "Fatal", "Fatalf", "Panic",
                   "Log", "LogAttrs", "Errorw", "Warnw", "log", "info", "Info", "InfoContext"})
    if (name == lvl) return true;
  return false;
}

bool containsLogging(ts::Node n, std::string_view src, core::Lang lang) {
  bool found = false;
  walkSameFunction(n, lang, [&](ts::Node c) {
    if (!found && isLoggingCall(c, src, lang)) found = true;
  });
  return found;
}

bool containsRethrow(ts::Node n, std::string_view src, core::Lang lang) {
  bool found = false;
  walkSameFunction(n, lang, [&](ts::Node c) {
    if (found) return;
    auto t = c.type();
    if (t == "raise_statement" || t == "throw_statement") found = true;
    else if ((t == "call" || t == "call_expression") && calleeText(c, src) == "next") {
      ts::Node args = c.field("arguments");
      if (args && args.namedChildCount() > 0) found = true;
    } else if (t == "call_expression" && lang == Lang::Go && calleeText(c, src) == "panic") {
      found = true;
    }
  });
  return found;
}

namespace {
std::optional<int> firstArgStatus(ts::Node call, std::string_view src) {
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() == 0) return std::nullopt;
  return statusValue(args.namedChild(0).text(src));
}
std::optional<int> kwStatus(ts::Node call, std::string_view src) {
  ts::Node args = call.field("arguments");
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument") {
      auto n = a.field("name").text(src);
      if (n == "status_code" || n == "status") return statusValue(a.field("value").text(src));
    }
  }
  return std::nullopt;
}
}  // namespace

ts::Node find5xxResponse(ts::Node block, std::string_view src, core::Lang lang) {
  ts::Node found;
  auto is5xx = [](std::optional<int> s) { return s && *s >= 500 && *s < 600; };
  walkSameFunction(block, lang, [&](ts::Node n) {
    if (found) return;
    auto t = n.type();
    if (lang == Lang::Python) {
      if (t == "return_statement" && n.namedChildCount() == 1 && n.namedChild(0).type() == "expression_list") {
        ts::Node v = n.namedChild(0);
        if (v.namedChildCount() >= 2 && is5xx(statusValue(v.namedChild(1).text(src)))) found = n;
      } else if (t == "call") {
        auto name = calleeName(n, src);
        if ((name == "abort" || name == "HTTPException") && (is5xx(firstArgStatus(n, src)) || is5xx(kwStatus(n, src))))
          found = n;
        else if (name.ends_with("Response") && is5xx(kwStatus(n, src)))
          found = n;
      }
    } else if (lang == Lang::Go) {
      if (t != "call_expression") return;
      auto callee = calleeText(n, src);
      auto name = calleeName(n, src);
      ts::Node args = n.field("arguments");
      if (!args) return;
      if (callee == "http.Error" && args.namedChildCount() == 3 && is5xx(statusValue(args.namedChild(2).text(src))))
        found = n;
      else if ((name == "WriteHeader" || name == "JSON" || name == "String" || name == "AbortWithStatus" ||
                name == "AbortWithStatusJSON" || name == "Status" || name == "IndentedJSON" || name == "NoContent") &&
               is5xx(firstArgStatus(n, src)))
        found = n;
    } else {
      if (t != "call_expression") return;
      auto name = calleeName(n, src);
      if ((name == "status" || name == "sendStatus") && is5xx(firstArgStatus(n, src))) found = n;
      else if (name == "json" || name == "Response") {
        ts::Node args = n.field("arguments");
        if (args && args.namedChildCount() >= 2) {
          auto opt = args.namedChild(1).text(src);
          auto p = opt.find("status");
          if (p != std::string_view::npos) {
            auto rest = opt.substr(p + 6);
            auto d = rest.find_first_of("0123456789");
            if (d != std::string_view::npos && d < 4 && is5xx(statusValue(rest.substr(d, 3)))) found = n;
          }
        }
      }
    }
  });
  return found;
}

std::vector<std::string_view> goResultTypes(ts::Node fn, std::string_view src) {
  std::vector<std::string_view> types;
  ts::Node result = fn ? fn.field("result") : ts::Node();
  if (!result) return types;
  if (result.type() == "parameter_list") {
    for (std::uint32_t i = 0; i < result.namedChildCount(); ++i) {
      ts::Node p = result.namedChild(i);
      if (p.type() != "parameter_declaration") continue;
      ts::Node t = p.field("type");
      std::uint32_t names = 0;
      for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
        if (p.namedChild(k).type() == "identifier") ++names;
      for (std::uint32_t k = 0; k < std::max(1u, names); ++k) types.push_back(t.text(src));
    }
  } else {
    types.push_back(result.text(src));
  }
  return types;
}

std::string goZeroValue(std::string_view type) {
  static constexpr std::string_view kNums[] = {"int", "int8", "int16", "int32", "int64", "uint", "uint8",
                                               "uint16", "uint32", "uint64", "uintptr", "float32", "float64",
                                               "byte", "rune", "complex64", "complex128"};
  for (auto t : kNums)
    if (type == t) return "0";
  if (type == "string") return "\"\"";
  if (type == "bool") return "false";
  if (type == "error" || type.starts_with("*") || type.starts_with("[]") || type.starts_with("map[") ||
      type.starts_with("chan ") || type.starts_with("func") || type == "any" || type.starts_with("interface"))
    return "nil";
  return std::string(type) + "{}";
}

}  // namespace agentlens::rules
