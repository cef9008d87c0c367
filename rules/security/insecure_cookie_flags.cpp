// insecure-cookie-flags: cookies set without Secure / HttpOnly / SameSite. The per-language
// checks live in cookie_flags_{python,js,go}.cpp.
#include <string>
#include <vector>

#include "rules/common/security.hpp"
#include "rules/rule.hpp"
#include "rules/security/cookie_flags.hpp"

namespace agentlens::rules::cookie_flags {
namespace {

bool sensitiveName(std::string_view n) {
  std::string l = sec::lowerCopy(n);
  for (std::string_view w : {"sess", "token", "auth", "jwt", "sid", "remember", "login", "refresh"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

std::string missingList(const Flags& f, bool csrf, std::string_view s, std::string_view h,
                        std::string_view ss) {
  std::string out;
  auto add = [&](std::string_view x) { out += (out.empty() ? "" : ", ") + std::string(x); };
  if (!f.secure) add(s);
  if (!f.httpOnly && !csrf) add(h);
  if (!f.sameSite) add(ss);
  return out;
}

}  // namespace

bool setFlag(ts::Node v) { return v && !sec::isFalse(v); }

bool csrfName(std::string_view n) {
  std::string l = sec::lowerCopy(n);
  return l.find("csrf") != std::string::npos || l.find("xsrf") != std::string::npos;
}

core::Finding* flag(RuleContext& ctx, ts::Node at, std::string_view name, const Flags& fl, std::string_view s,
                    std::string_view h, std::string_view ss) {
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

}  // namespace agentlens::rules::cookie_flags

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
      case Lang::Python: cookie_flags::python(node, ctx); break;
      case Lang::Go: cookie_flags::go(node, ctx); break;
      default: cookie_flags::js(node, ctx); break;
    }
  }
};

}  // namespace

const Rule& insecureCookieFlags() {
  static const InsecureCookieFlags rule;
  return rule;
}

}  // namespace agentlens::rules
