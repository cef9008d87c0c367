// insecure-cookie-flags, Go: `http.Cookie{…}` (flags also set on the variable afterwards) and
// gorilla `sessions.Options{…}`.
#include <string>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/cookie_flags.hpp"

namespace agentlens::rules::cookie_flags {

using core::Lang;

namespace {

/// The variable a Go composite literal (or its address) is bound to, or "".
std::string boundName(ts::Node lit, std::string_view src) {
  ts::Node n = lit.parent();
  if (n && n.type() == "unary_expression") n = n.parent();
  if (!n || n.type() != "expression_list") return "";
  ts::Node decl = n.parent();
  if (!decl || (decl.type() != "short_var_declaration" && decl.type() != "assignment_statement" &&
                decl.type() != "var_spec"))
    return "";
  ts::Node left = decl.type() == "var_spec" ? decl.field("name") : decl.field("left");
  if (left && left.type() == "expression_list" && left.namedChildCount() == 1) left = left.namedChild(0);
  return left && left.type() == "identifier" ? std::string(left.text(src)) : "";
}

}  // namespace

void go(ts::Node lit, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node type = lit.field("type");
  if (type && type.text(src) == "sessions.Options") {  // gorilla/sessions store options
    ctx.countSite();
    ts::Node body = lit.field("body");
    Flags fl{setFlag(sec::goField(body, "Secure", src)), setFlag(sec::goField(body, "HttpOnly", src)),
             setFlag(sec::goField(body, "SameSite", src))};
    std::string var = boundName(lit, src);
    std::string_view scope = enclosingFunction(ctx) ? enclosingFunction(ctx).text(src) : src;
    if (!var.empty() && scope.find(var + ".Secure") != std::string_view::npos) fl.secure = true;
    flag(ctx, lit, "session", fl, "Secure", "HttpOnly", "SameSite");
    return;
  }
  if (!type || (type.text(src) != "http.Cookie")) return;
  ctx.countSite();
  ts::Node body = lit.field("body");
  ts::Node n = sec::goField(body, "Name", src);
  std::string_view cname = n ? stringLiteralValue(n, src, Lang::Go).value_or("") : "";
  Flags fl{setFlag(sec::goField(body, "Secure", src)), setFlag(sec::goField(body, "HttpOnly", src)),
           setFlag(sec::goField(body, "SameSite", src))};
  // `c := &http.Cookie{…}` followed by `c.Secure = true`: the flags are set after the literal.
  std::string var = boundName(lit, src);
  if (!var.empty()) {
    ts::Node fn = enclosingFunction(ctx);
    std::string_view scope = fn ? fn.text(src) : src;
    if (scope.find(var + ".Secure") != std::string_view::npos) fl.secure = true;
    if (scope.find(var + ".HttpOnly") != std::string_view::npos) fl.httpOnly = true;
    if (scope.find(var + ".SameSite") != std::string_view::npos) fl.sameSite = true;
  }
  // MaxAge < 0 deletes the cookie: flags do not matter.
  ts::Node maxAge = sec::goField(body, "MaxAge", src);
  if (maxAge && maxAge.text(src).starts_with("-")) return;
  core::Finding* f = flag(ctx, lit, cname, fl, "Secure", "HttpOnly", "SameSite");
  if (!f) return;
  std::string add;
  if (!fl.secure && !sec::goField(body, "Secure", src)) add += ", Secure: true";
  if (!fl.httpOnly && !csrfName(cname) && !sec::goField(body, "HttpOnly", src)) add += ", HttpOnly: true";
  if (!fl.sameSite && !sec::goField(body, "SameSite", src)) add += ", SameSite: http.SameSiteLaxMode";
  if (add.empty() || body.namedChildCount() == 0) return;
  core::Fix fix{.title = "Add " + add.substr(2), .applicability = core::Applicability::Unsafe};
  ts::Node last = body.namedChild(body.namedChildCount() - 1);
  while (last && last.type() == "comment") last = last.prevNamedSibling();
  if (!last) return;
  core::TextEdit e;
  e.range = {last.endByte(), last.endByte()};
  e.text = add;
  fix.edits.push_back(e);
  f->fixes.push_back(std::move(fix));
}

}  // namespace agentlens::rules::cookie_flags
