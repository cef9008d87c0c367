// insecure-cookie-flags: cookies set without Secure / HttpOnly / SameSite.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds cookies written without the flags that protect them: Flask/Starlette
`response.set_cookie(…)` without `secure`, `httponly` or `samesite`; Django settings
`SESSION_COOKIE_SECURE = False` / `CSRF_COOKIE_SECURE = False`; Express `res.cookie(…)`
without `httpOnly`, `secure` or `sameSite`; `express-session`/`cookie-session` with
`cookie.secure: false`, a cookie configuration without `secure`, or none at all; Next.js
`cookies().set(…)`; Go `http.Cookie{…}` and gorilla `sessions.Options{…}` literals without
`Secure`, `HttpOnly` or `SameSite`. Options held in a local or module constant are read through it. Session, token, auth,
JWT, sid and remember-me cookies are medium severity; other cookies are info.

Not flagged: flags set from an expression (`secure: process.env.NODE_ENV === "production"`),
CSRF double-submit cookies (`XSRF-TOKEN`, `csrftoken`) without HttpOnly — scripts must read
them — development settings files and tests, and Next.js middleware's `request.cookies.set(…)`,
which changes the incoming request for later code and sends no cookie.

## Why is this bad?
Without `Secure` the cookie is sent over plain HTTP, where anyone on the network can read it;
without `HttpOnly` any injected script can steal the session; without `SameSite` other sites
can make requests that carry it (CSRF).

## Example
```javascript
res.cookie("session", token);
```

Use instead:
```javascript
res.cookie("session", token, { httpOnly: true, secure: true, sameSite: "lax" });
```

## Fix safety
Adds the missing flags (`secure=True, httponly=True, samesite="Lax"`;
`httpOnly: true, secure: true, sameSite: "lax"`; `Secure: true, HttpOnly: true,
SameSite: http.SameSiteLaxMode`). Unsafe: a `Secure` cookie is not sent over plain
`http://localhost`, and scripts that read the cookie stop seeing it.

## References
- OWASP Session Management Cheat Sheet (cookies); MDN Set-Cookie
- semgrep express-cookie-settings, python/flask/security/audit/secure-set-cookie; gosec G124; Django security.W012/W016
)md";

const RuleMeta kMeta{
    .id = "insecure-cookie-flags",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Cookie set without Secure, HttpOnly or SameSite",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

bool sensitiveName(std::string_view n) {
  std::string l = sec::lowerCopy(n);
  for (std::string_view w : {"sess", "token", "auth", "jwt", "sid", "remember", "login", "refresh"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool csrfName(std::string_view n) {
  std::string l = sec::lowerCopy(n);
  return l.find("csrf") != std::string::npos || l.find("xsrf") != std::string::npos;
}

struct Flags {
  bool secure = false, httpOnly = false, sameSite = false;
};

class InsecureCookieFlags final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment"};
    if (lang == Lang::Go) return {"composite_literal"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || sec::inDevelopmentOnlyCode(ctx)) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  /// A flag counts as set unless it is absent or the literal false.
  static bool setFlag(ts::Node v) { return v && !sec::isFalse(v); }

  static std::string missingList(const Flags& f, bool csrf, std::string_view s, std::string_view h,
                                 std::string_view ss) {
    std::string out;
    auto add = [&](std::string_view x) { out += (out.empty() ? "" : ", ") + std::string(x); };
    if (!f.secure) add(s);
    if (!f.httpOnly && !csrf) add(h);
    if (!f.sameSite) add(ss);
    return out;
  }

  static core::Finding* flag(RuleContext& ctx, ts::Node at, std::string_view name, const Flags& fl,
                             std::string_view s, std::string_view h, std::string_view ss) {
    bool csrf = csrfName(name);
    std::string missing = missingList(fl, csrf, s, h, ss);
    if (missing.empty()) return nullptr;
    bool sensitive = sensitiveName(name) && !csrf;
    std::string label = name.empty() ? "cookie" : "cookie `" + std::string(name) + "`";
    std::vector<std::string> ways;
    if (!fl.secure) ways.emplace_back("over HTTP");
    if (!fl.httpOnly && !csrf) ways.emplace_back("to scripts");
    if (!fl.sameSite) ways.emplace_back("to other sites");
    std::string leak = ": it can leak ";
    for (std::size_t i = 0; i < ways.size(); ++i)
      leak += (i == 0 ? "" : i + 1 == ways.size() ? " or " : ", ") + ways[i];
    core::Finding& f = ctx.report(at, label + " is set without " + missing +
                                          (sensitive ? leak : std::string(": set the flags unless scripts must read it")));
    if (!sensitive) f.severity = core::Severity::Info;
    return &f;
  }

  static void python(ts::Node node, RuleContext& ctx) {
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

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    std::string_view name = calleeName(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.type() != "arguments") return;
    bool sessionMw = (callee == "session" && ctx.facts().imports_("express-session")) ||
                     (callee == "cookieSession" && ctx.facts().imports_("cookie-session"));
    if (sessionMw) {
      ctx.countSite();
      ts::Node opts = sec::unwrap(sec::positionalArg(args, 0));
      if (!opts || opts.type() != "object") return;
      ts::Node cookie = callee == "session" ? sec::objectProp(opts, "cookie", src) : opts;
      if (!cookie) {
        if (auto* f = flag(ctx, call, "session", Flags{}, "secure", "httpOnly", "sameSite")) {
          f->message = "session cookie has no `cookie` options: set `cookie: { secure: true, httpOnly: true, "
                       "sameSite: \"lax\" }`";
          core::Fix fix{.title = "Add cookie flags", .applicability = core::Applicability::Unsafe};
          core::TextEdit e;
          e.range = {opts.startByte() + 1, opts.startByte() + 1};
          e.text = " cookie: { secure: true, httpOnly: true, sameSite: \"lax\" },";
          fix.edits.push_back(e);
          f->fixes.push_back(std::move(fix));
        }
        return;
      }
      if (cookie.type() != "object") return;
      ts::Node secure = sec::objectProp(cookie, "secure", src);
      if (!secure && cookie.text(src).find("...") == std::string_view::npos) {
        // express-session and cookie-session default to secure: false and no SameSite (HttpOnly is on).
        Flags fl{false, true, static_cast<bool>(sec::objectProp(cookie, "sameSite", src))};
        flag(ctx, callee == "session" ? cookie.parent() : call, "session", fl, "secure", "httpOnly", "sameSite");
        return;
      }
      if (sec::isFalse(secure)) {
        core::Finding& f = ctx.report(secure.parent(), "session cookie with `secure: false` is sent over plain HTTP: "
                                                       "set it to true (or from NODE_ENV)");
        core::Fix fix{.title = "Set secure: true", .applicability = core::Applicability::Unsafe};
        fix.edits.push_back(sec::replaceNode(secure, "true"));
        f.fixes.push_back(std::move(fix));
      }
      return;
    }
    // res.cookie(name, value, opts) / cookies().set(name, value, opts) / response.cookies.set(...)
    bool expressCookie = name == "cookie" && callee.find("res") != std::string_view::npos;
    bool nextCookie = name == "set" && (callee.find("cookies()") != std::string_view::npos ||
                                        callee.ends_with("cookies.set"));
    if (!expressCookie && !nextCookie) return;
    // request.cookies.set(…) in Next.js middleware changes the incoming request for later code:
    // no cookie is sent.
    if (callee.starts_with("request.") || callee.starts_with("req.")) return;
    ctx.countSite();
    ts::Node first = sec::unwrap(sec::positionalArg(args, 0));
    ts::Node opts;
    std::string_view cname;
    if (first && first.type() == "object") {  // cookies().set({ name, value, ... })
      opts = first;
      ts::Node n = sec::objectProp(first, "name", src);
      cname = n ? stringLiteralValue(n, src, ctx.lang()).value_or("") : "";
    } else {
      cname = first ? stringLiteralValue(first, src, ctx.lang()).value_or("") : "";
      opts = sec::unwrap(sec::positionalArg(args, 2));
    }
    if (opts && opts.type() == "identifier") {  // options held in a local or module constant
      ts::Node fn = enclosingFunction(ctx);
      ts::Node rhs = fn ? sec::localAssignment(fn, opts.text(src), call.startByte(), src, ctx.lang()) : ts::Node();
      if (!rhs) rhs = sec::localAssignment(ctx.file().tree.root(), opts.text(src), call.startByte(), src, ctx.lang());
      if (rhs) opts = sec::unwrap(rhs);
    }
    if (opts && opts.type() != "object") return;  // options from elsewhere: cannot tell
    if (opts && opts.text(src).find("...") != std::string_view::npos) return;
    Flags fl;
    if (opts) {
      fl = {setFlag(sec::objectProp(opts, "secure", src)), setFlag(sec::objectProp(opts, "httpOnly", src)),
            setFlag(sec::objectProp(opts, "sameSite", src))};
    }
    core::Finding* f = flag(ctx, call, cname, fl, "secure", "httpOnly", "sameSite");
    if (!f) return;
    std::vector<std::string> add;
    if (!fl.secure && !(opts && sec::objectProp(opts, "secure", src))) add.push_back("secure: true");
    if (!fl.httpOnly && !csrfName(cname) && !(opts && sec::objectProp(opts, "httpOnly", src)))
      add.push_back("httpOnly: true");
    if (!fl.sameSite && !(opts && sec::objectProp(opts, "sameSite", src))) add.push_back("sameSite: \"lax\"");
    if (add.empty()) return;
    std::string joined;
    for (auto& a : add) joined += (joined.empty() ? "" : ", ") + a;
    core::Fix fix{.title = "Add " + joined, .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    if (!opts) {
      ts::Node last = args.namedChild(args.namedChildCount() - 1);
      e.range = {last.endByte(), last.endByte()};
      e.text = ", { " + joined + " }";
    } else if (opts.namedChildCount() == 0) {
      e = sec::replaceNode(opts, "{ " + joined + " }");
    } else {
      ts::Node last = opts.namedChild(opts.namedChildCount() - 1);
      e.range = {last.endByte(), last.endByte()};
      e.text = ", " + joined;
    }
    fix.edits.push_back(e);
    f->fixes.push_back(std::move(fix));
  }

  /// The variable a Go composite literal (or its address) is bound to, or "".
  static std::string boundName(ts::Node lit, std::string_view src) {
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

  static void go(ts::Node lit, RuleContext& ctx) {
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
};

}  // namespace

const Rule& insecureCookieFlags() {
  static const InsecureCookieFlags rule;
  return rule;
}

}  // namespace agentlens::rules
