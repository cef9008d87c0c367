// Helpers shared by the security rules: request-data sources and the locals that hold request
// data inside one function (a light, one-pass taint).
#include <vector>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::sec {

using core::Lang;

bool mentionsRequestSource(std::string_view t, Lang lang) {
  static constexpr std::string_view kPy[] = {
      "request.args",  "request.json",         "request.form",        "request.get_json", "request.values",
      "request.data",  "request.files",        "request.GET",         "request.POST",     "request.body",
      "request.query_params", "request.path_params", "request.headers", "request.cookies", "request.match_info",
      "request.rel_url"};
  static constexpr std::string_view kJs[] = {
      "req.query", "req.body", "req.params", "req.headers", "req.cookies", "request.json()", "searchParams",
      "request.body", "ctx.query", "ctx.request.body", "ctx.params", "request.query", "request.params",
      "c.req.query", "c.req.param", "c.req.json", "formData()"};
  static constexpr std::string_view kGo[] = {
      "URL.Query()", ".FormValue(", ".PostFormValue(", ".PathValue(", "r.Form", "r.PostForm", "r.Body",
      "r.Header.Get(", "c.Param(", "c.Query(", "c.PostForm(", "c.DefaultQuery(", "c.GetQuery(", "mux.Vars(",
      "chi.URLParam(", "c.QueryParam(", "c.Params(", "c.BodyParser(", "ShouldBind"};
  auto any = [&](auto& list) {
    for (auto p : list)
      if (t.find(p) != std::string_view::npos) return true;
    return false;
  };
  if (lang == Lang::Python) return any(kPy);
  if (lang == Lang::Go) return any(kGo);
  return any(kJs);
}

namespace {

bool isIdentType(std::string_view t) {
  return t == "identifier" || t == "shorthand_property_identifier_pattern" || t == "shorthand_property_identifier";
}

void collectBound(ts::Node left, std::string_view src, std::vector<std::string>& out) {
  ts::walk(left, [&](ts::Node n) {
    if (isIdentType(n.type())) out.emplace_back(n.text(src));
    // JS `{ a: b }` patterns bind b, not a; keep it simple: both are added (harmless).
    return true;
  });
}

/// Python: a handler decorated with a route registration.
bool routeDecorated(ts::Node fn, std::string_view src) {
  ts::Node p = fn.parent();
  if (!p || p.type() != "decorated_definition") return false;
  for (std::uint32_t i = 0; i < p.namedChildCount(); ++i) {
    ts::Node d = p.namedChild(i);
    if (d.type() != "decorator") continue;
    std::string_view t = d.text(src);
    for (std::string_view m : {".route(", ".get(", ".post(", ".put(", ".patch(", ".delete(", ".api_route(",
                               ".websocket("})
      if (t.find(m) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> taintedNames(ts::Node fn, std::string_view src, Lang lang, bool routeHandler) {
  std::vector<std::string> out;
  if (!fn) return out;
  if (lang == Lang::Python && fn.type() == "function_definition" && (routeHandler || routeDecorated(fn, src))) {
    ts::Node params = fn.field("parameters");
    for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
      ts::Node p = params.namedChild(i);
      std::string_view pt = p.text(src);
      if (pt.find("Depends(") != std::string_view::npos || pt.find("Security(") != std::string_view::npos) continue;
      ts::Node id = p.type() == "identifier" ? p : p.namedChild(0);
      if (!id || id.type() != "identifier") continue;
      std::string_view name = id.text(src);
      if (name == "self" || name == "request" || name == "response" || name == "db" || name == "session" ||
          name == "background_tasks")
        continue;
      out.emplace_back(name);
    }
  }
  ts::Node body = fn.field("body");
  if (!body) return out;
  ts::walk(body, [&](ts::Node n) {
    auto t = n.type();
    ts::Node left, right;
    if (t == "assignment" || t == "augmented_assignment" || t == "assignment_expression" ||
        t == "short_var_declaration" || t == "assignment_statement") {
      left = n.field("left");
      right = n.field("right");
    } else if (t == "variable_declarator") {
      left = n.field("name");
      right = n.field("value");
    } else if (t == "for_statement" && lang == Lang::Python) {
      left = n.field("left");
      right = n.field("right");
    }
    if (left && right && exprTainted(right, src, lang, out)) collectBound(left, src, out);
    return !isFunctionNode(n, lang) || n == fn;
  });
  return out;
}

bool exprTainted(ts::Node expr, std::string_view src, Lang lang, const std::vector<std::string>& tainted) {
  if (!expr) return false;
  if (mentionsRequestSource(expr.text(src), lang)) return true;
  if (tainted.empty()) return false;
  return ts::anyDescendant(expr, [&](ts::Node n) {
    if (n.type() != "identifier") return false;
    // `obj.attr`: only the object part names a local.
    ts::Node p = n.parent();
    if (p && (p.type() == "attribute" || p.type() == "member_expression" || p.type() == "selector_expression") &&
        p.namedChild(0) != n)
      return false;
    auto name = n.text(src);
    return std::find(tainted.begin(), tainted.end(), name) != tainted.end();
  });
}

ts::Node localAssignment(ts::Node scope, std::string_view name, std::uint32_t before, std::string_view src,
                         Lang lang) {
  ts::Node found;
  ts::walk(scope, [&](ts::Node n) {
    if (n.startByte() >= before) return false;
    auto t = n.type();
    ts::Node left, right;
    if (t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
        t == "assignment_statement") {
      left = n.field("left");
      right = n.field("right");
    } else if (t == "variable_declarator") {
      left = n.field("name");
      right = n.field("value");
    } else if (t == "var_spec") {
      left = n.field("name");
      right = n.field("value");
    }
    if (left && right) {
      if (left.type() == "expression_list" && left.namedChildCount() == 1) left = left.namedChild(0);
      if (right.type() == "expression_list" && right.namedChildCount() == 1) right = right.namedChild(0);
      if (left.text(src) == name) found = right;
    }
    (void)lang;
    return true;
  });
  return found;
}

}  // namespace agentlens::rules::sec
