// insecure-cookie-flags, Python: Flask/Starlette/Django `set_cookie(…)` and Django's
// `SESSION_COOKIE_SECURE = False`-style settings.
#include <string>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/cookie_flags.hpp"

namespace agentlens::rules::cookie_flags {

using core::Lang;

void python(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  if (node.type() == "assignment") {
    std::string_view l = node.field("left").text(src);
    if ((l == "SESSION_COOKIE_SECURE" || l == "CSRF_COOKIE_SECURE" || l == "SESSION_COOKIE_HTTPONLY") &&
        sec::isFalse(node.field("right"))) {
      std::string_view p = ctx.file().path;
      if (p.ends_with("dev.py") || p.ends_with("local.py") || p.ends_with("development.py")) return;
      ctx.countSite();
      ctx.report(node, "`" + std::string(l) + " = False` sends the " +
                           (l.starts_with("CSRF") ? "CSRF" : "session") +
                           " cookie without protection: set it to True in production settings");
    }
    return;
  }
  if (calleeName(node, src) != "set_cookie") return;
  ts::Node args = callArguments(node);
  if (!args || args.type() != "argument_list") return;
  // http.cookiejar / requests jars: set_cookie(cookie_object) is client-side storage.
  if (sec::positionalCount(args) < 2 && !sec::keywordArg(args, "value", src) && !sec::keywordArg(args, "key", src))
    return;
  ctx.countSite();
  ts::Node nameArg = sec::positionalArg(args, 0);
  if (!nameArg) nameArg = sec::keywordArg(args, "key", src);
  std::string_view name = nameArg ? stringLiteralValue(nameArg, src, Lang::Python).value_or("") : "";
  if (args.text(src).find("**") != std::string_view::npos) return;  // flags may come from a dict
  Flags fl{setFlag(sec::keywordArg(args, "secure", src)), setFlag(sec::keywordArg(args, "httponly", src)),
           setFlag(sec::keywordArg(args, "samesite", src))};
  // Starlette (FastAPI) defaults samesite to "lax"; Flask and Django default to none.
  bool starlette = ctx.facts().usesFramework("fastapi") || ctx.facts().usesFramework("starlette");
  if (starlette && !sec::keywordArg(args, "samesite", src)) fl.sameSite = true;
  core::Finding* f = flag(ctx, node, name, fl, "secure", "httponly", "samesite");
  if (!f) return;
  std::string add;
  if (!fl.secure && !sec::keywordArg(args, "secure", src)) add += ", secure=True";
  if (!fl.httpOnly && !csrfName(name) && !sec::keywordArg(args, "httponly", src)) add += ", httponly=True";
  if (!fl.sameSite && !sec::keywordArg(args, "samesite", src)) add += ", samesite=\"Lax\"";
  if (add.empty()) return;
  core::Fix fix{.title = "Add " + add.substr(2), .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  ts::Node last = args.namedChild(args.namedChildCount() - 1);
  e.range = {last.endByte(), last.endByte()};
  e.text = add;
  fix.edits.push_back(e);
  f->fixes.push_back(std::move(fix));
}

}  // namespace agentlens::rules::cookie_flags
