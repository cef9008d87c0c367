// permissive-cors: findings, fixes, hand-written headers and Go's cors packages (see
// permissive_cors_parts.hpp).
#include "rules/security/permissive_cors_parts.hpp"

#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/cors_values.hpp"

namespace agentlens::rules::cors {

using core::Lang;

core::Finding& flag(RuleContext& ctx, ts::Node at, bool credentials, const std::string& what) {
  core::Finding& f = ctx.report(at, what + (credentials ? " and allows credentials: any site can call the API as "
                                                          "the signed-in user; list the allowed origins"
                                                        : ": list the origins that may call this API"));
  if (credentials) f.severity = core::Severity::High;
  return f;
}

void addFix(core::Finding& f, RuleContext& ctx, core::TextEdit e, std::vector<core::TextEdit> imports) {
  core::Fix fix{.title = "Read allowed origins from CORS_ALLOWED_ORIGINS", .applicability = core::Applicability::Unsafe};
  fix.edits = std::move(imports);
  fix.edits.push_back(std::move(e));
  mergeInsertions(fix.edits);
  f.fixes.push_back(std::move(fix));
  (void)ctx;
}

void headerCall(ts::Node call, ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  Lang lang = ctx.lang();
  ts::Node k = sec::positionalArg(args, 0), v = sec::positionalArg(args, 1);
  if (!k || !v) return;
  auto key = stringLiteralValue(k, src, lang);
  if (!key || sec::lowerCopy(*key) != "access-control-allow-origin") return;
  if (cors::checkedAgainstAllowlist(v, ctx)) return;  // if allowed.includes(origin) { …echo… }
  v = cors::resolveLocal(v, ctx);  // const origin = req.headers.origin; … setHeader(…, origin)
  std::string_view vt = v.text(src);
  auto val = stringLiteralValue(v, src, lang);
  bool star = val && *val == "*";
  bool checked = v.type() == "ternary_expression" || v.type() == "conditional_expression";  // allowlist
  bool reflect = !checked && sec::icontains(vt, "origin") && (vt.find("req") != std::string_view::npos ||
                                                  vt.find("r.Header") != std::string_view::npos ||
                                                  vt.find("request") != std::string_view::npos);
  if (!star && !reflect) return;
  ts::Node fn = enclosingFunction(ctx);
  bool cred = fn && sec::icontains(fn.text(src), "Access-Control-Allow-Credentials");
  flag(ctx, call, cred || reflect,
       reflect ? "Access-Control-Allow-Origin echoes the request's Origin, which allows every origin"
               : "Access-Control-Allow-Origin is `*`");
}

void goCors(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  if (node.type() == "call_expression") {
    std::string_view callee = calleeText(node, src);
    std::string_view name = calleeName(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    if (name == "Set" || name == "Add") {
      headerCall(node, args, ctx);
      return;
    }
    bool corsPkg = ctx.facts().imports_("github.com/rs/cors") || ctx.facts().imports_("github.com/gin-contrib/cors");
    if (corsPkg && (callee == "cors.AllowAll" || callee == "cors.Default") && sec::positionalCount(args) == 0)
      flag(ctx, node, false, "`" + std::string(callee) + "()` allows every origin");
    return;
  }
  // composite literal: cors.Config{…} / cors.Options{…}
  ts::Node type = node.field("type");
  std::string_view tt = type ? type.text(src) : "";
  if (tt != "cors.Config" && tt != "cors.Options") return;
  ts::Node body = node.field("body");
  // gin-contrib/cors sends a literal `*` for a wildcard, which browsers refuse on credentialed
  // requests: the credentials flag adds no exposure there (rs/cors echoes the origin instead).
  bool cred = tt == "cors.Options" && sec::isTrue(sec::goField(body, "AllowCredentials", src));
  ts::Node all = sec::goField(body, "AllowAllOrigins", src);
  if (sec::isTrue(all)) {
    flag(ctx, all.parent().type() == "keyed_element" ? all.parent() : node, cred, "`AllowAllOrigins: true`");
    return;
  }
  for (std::string_view key : {"AllowOrigins", "AllowedOrigins"}) {
    ts::Node o = sec::goField(body, key, src);
    if (o && isWildcardList(o, src, Lang::Go)) {
      ts::Node at = o.parent();
      while (at && at.type() != "keyed_element") at = at.parent();
      auto& f = flag(ctx, at ? at : node, cred, "`" + std::string(key) + "` contains \"*\"");
      auto edits = goEnsureImport(ctx.file(), "os");
      auto more = goEnsureImport(ctx.file(), "strings");
      edits.insert(edits.end(), more.begin(), more.end());
      addFix(f, ctx, sec::replaceNode(o, "strings.Split(os.Getenv(\"CORS_ALLOWED_ORIGINS\"), \",\")"), edits);
      return;
    }
  }
  ts::Node fn = sec::goField(body, "AllowOriginFunc", src);
  if (fn && fn.type() == "func_literal") {
    ts::Node b = fn.field("body");
    std::string t;
    for (char c : b.text(src))
      if (!std::isspace(static_cast<unsigned char>(c))) t += c;
    if (t == "{returntrue}") flag(ctx, fn, cred, "`AllowOriginFunc` accepts every origin");
  }
}
}  // namespace agentlens::rules::cors
