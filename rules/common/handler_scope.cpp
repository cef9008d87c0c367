#include "rules/common/handler_scope.hpp"

#include "rules/common/syntax.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kVerbs[] = {"get", "post", "put", "patch", "delete", "route", "api_route",
                                       "head", "options", "all", "websocket"};

bool isVerb(std::string_view v) {
  for (auto k : kVerbs)
    if (v == k) return true;
  return false;
}

/// Python: the route decorator call of a decorated handler, or a null node.
ts::Node pythonRouteDecorator(ts::Node parent, std::string_view src) {
  if (!parent || parent.type() != "decorated_definition") return ts::Node();
  for (std::uint32_t i = 0; i < parent.namedChildCount(); ++i) {
    ts::Node d = parent.namedChild(i);
    if (d.type() != "decorator" || d.namedChildCount() == 0) continue;
    ts::Node e = d.namedChild(0);
    if (e.type() == "call") {
      ts::Node fn = e.field("function");
      if (fn.type() == "attribute" && isVerb(fn.field("attribute").text(src))) return e;
      if (fn.text(src) == "api_view") return e;
    }
  }
  return ts::Node();
}

bool goHandlerParams(ts::Node fn, std::string_view src) {
  ts::Node params = fn.field("parameters");
  if (!params) return false;
  auto t = params.text(src);
  return t.find("http.ResponseWriter") != std::string_view::npos || t.find("*gin.Context") != std::string_view::npos ||
         t.find("echo.Context") != std::string_view::npos || t.find("*fiber.Ctx") != std::string_view::npos;
}

/// JS: the registration call when fn is an argument of `x.<verb>("/path", …, fn)`.
ts::Node jsRegistration(ts::Node parent) {
  if (!parent || parent.type() != "arguments") return ts::Node();
  ts::Node call = parent.parent();
  if (!call || call.type() != "call_expression") return ts::Node();
  return call;
}

}  // namespace

std::string_view routePathOf(ts::Node fn, ts::Node parent, std::string_view src, core::Lang lang) {
  auto firstString = [&](ts::Node args) -> std::string_view {
    if (!args || args.namedChildCount() == 0) return {};
    auto v = stringLiteralValue(args.namedChild(0), src, lang);
    return v ? *v : std::string_view();
  };
  if (lang == core::Lang::Python) {
    ts::Node call = pythonRouteDecorator(parent, src);
    return call ? firstString(call.field("arguments")) : std::string_view();
  }
  if (core::isJsFamily(lang) || lang == core::Lang::Go) {
    ts::Node call = jsRegistration(parent);
    if (!call && lang == core::Lang::Go && parent && parent.type() == "argument_list") call = parent.parent();
    if (!call) return {};
    auto path = firstString(call.field("arguments"));
    // Go 1.22 patterns: "GET /health".
    if (auto sp = path.find(' '); sp != std::string_view::npos) path = path.substr(sp + 1);
    (void)fn;
    return path;
  }
  return {};
}

bool looksLikeHandler(ts::Node fn, ts::Node parent, std::string_view src, core::Lang lang) {
  if (!fn) return false;
  if (lang == core::Lang::Python) return static_cast<bool>(pythonRouteDecorator(parent, src));
  if (lang == core::Lang::Go) return goHandlerParams(fn, src);
  if (core::isJsFamily(lang)) {
    ts::Node call = jsRegistration(parent);
    if (call) {
      ts::Node callee = call.field("function");
      if (callee.type() == "member_expression" && isVerb(callee.field("property").text(src))) {
        ts::Node args = call.field("arguments");
        if (args && args.namedChildCount() >= 2 &&
            (args.namedChild(0).type() == "string" || args.namedChild(0).type() == "template_string"))
          return true;
      }
    }
    // Next.js route modules: export async function GET(req) {…}
    if (fn.type() == "function_declaration" && parent && parent.type() == "export_statement") {
      auto name = fn.field("name").text(src);
      for (auto v : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        if (name == v) return true;
    }
    // (req, res) / (req, res, next) callbacks registered elsewhere.
    ts::Node params = fn.field("parameters");
    if (params) {
      auto p = params.text(src);
      if (p.starts_with("(req, res") || p.starts_with("(request, response") || p.starts_with("(req: Request, res: Response"))
        return true;
    }
  }
  return false;
}

ts::Node enclosingHandlerNode(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    ts::Node n = anc[i];
    if (!isFunctionNode(n, ctx.lang())) continue;
    if (ctx.facts().routeAt(n.startByte())) return n;
    ts::Node parent = i > 0 ? anc[i - 1] : ts::Node();
    if (looksLikeHandler(n, parent, ctx.source(), ctx.lang())) return n;
    // A callback inside a handler (e.g. `rows.forEach(r => …)`) belongs to the handler.
    if (n.type() == "arrow_function" || n.type() == "func_literal" || n.type() == "lambda" ||
        n.type() == "function_expression") {
      bool registered = parent && (parent.type() == "arguments" || parent.type() == "argument_list");
      if (registered) continue;
    }
    return ts::Node();
  }
  return ts::Node();
}

}  // namespace agentlens::rules
