// permissive-cors values (see cors_values.hpp).
#include "rules/security/cors_values.hpp"

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::cors {

bool isWildcardList(ts::Node n, std::string_view src, core::Lang lang) {
  n = sec::unwrap(n);
  if (!n) return false;
  if (auto v = stringLiteralValue(n, src, lang)) return *v == "*";
  auto t = n.type();
  if (t == "list" || t == "tuple" || t == "array" || t == "composite_literal") {
    bool star = false;
    ts::walk(n, [&](ts::Node c) {
      if (auto v = stringLiteralValue(c, src, lang); v && *v == "*") star = true;
      return true;
    });
    return star;
  }
  return false;
}

ts::Node resolveLocal(ts::Node n, const RuleContext& ctx) {
  ts::Node u = sec::unwrap(n);
  if (!u || u.type() != "identifier") return n;
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  ts::Node rhs;
  if (fn) rhs = sec::localAssignment(fn, u.text(src), u.startByte(), src, ctx.lang());
  if (!rhs) rhs = sec::localAssignment(ctx.file().tree.root(), u.text(src), u.startByte(), src, ctx.lang());
  return rhs ? rhs : n;
}

bool checkedAgainstAllowlist(ts::Node value, const RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view name = sec::unwrap(value) ? sec::unwrap(value).text(src) : "";
  if (name.empty()) return false;
  for (ts::Node a : ctx.ancestors()) {
    if (a.type() != "if_statement") continue;
    ts::Node c = sec::unwrap(a.field("condition"));
    std::string_view t = c ? c.text(src) : "";
    while (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
    if (t.find(name) == std::string_view::npos || t == name || (t.size() > 1 && t.substr(1) == name)) continue;
    if (t.find('(') != std::string_view::npos || t.find(" in ") != std::string_view::npos ||
        t.find("==") != std::string_view::npos)
      return true;
  }
  return false;
}

}  // namespace agentlens::rules::cors
