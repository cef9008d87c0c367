// no-rate-limiting: login, signup, password-reset or token endpoints with no rate limiter.
#include <cctype>
#include <set>
#include <string>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports authentication endpoints (login, signup/register, password reset, OTP, token) when the
workspace has no rate limiter: the first authentication route, then the first unauthenticated
`POST` route of each other kind (login, signup, password reset, OTP/verification); logout and
token-refresh routes are not guessing targets and are left out. Rate limiters recognised: flask-limiter, slowapi, fastapi-limiter, DRF throttling,
django-ratelimit, express-rate-limit, rate-limiter-flexible, @upstash/ratelimit,
`golang.org/x/time/rate`, ulule/limiter, tollbooth, httprate — and no ingress rate-limit
annotation. Rate limiting done upstream (Cloudflare, an API gateway) is invisible here: suppress
the finding with that reason.

## Why is this bad?
An unthrottled login endpoint is a password-guessing oracle; an unthrottled signup or reset
endpoint is a spam and cost amplifier.

## Example
`@app.post("/login")` with nothing limiting attempts.

Use instead: `@limiter.limit("5/minute")` (flask-limiter/slowapi), `rateLimit({ windowMs: 60_000,
limit: 5 })` on the route (express-rate-limit), or `rate.NewLimiter` middleware in Go.

## References
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- Google SRE book, launch checklist: "rate-limiting"
)md";

const RuleMeta kMeta{
    .id = "no-rate-limiting",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Authentication endpoints without any rate limiting",
    .docs = kDocs,
    .planTitle = "Rate-limit login and signup",
    .effort = core::Effort::S,
};

bool authPath(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto s : {"login", "signin", "sign-in", "signup", "sign-up", "register", "password", "reset", "otp", "/token", "verify"})
    if (p.find(s) != std::string::npos) return true;
  return false;
}

/// The kind of guessing or spam an authentication path invites; "" when it is none of them.
std::string_view authKind(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto has = [&](std::string_view s) { return p.find(s) != std::string::npos; };
  if (has("password") || has("reset") || has("forgot")) return "reset";
  if (has("otp") || has("verify")) return "otp";
  if (has("signup") || has("sign-up") || has("register")) return "signup";
  if (has("login") || has("signin") || has("sign-in") || has("/token")) return "login";
  return "";
}

/// Logout and refresh are not guessing or spam targets: a caller needs a valid token already.
bool sessionUpkeep(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p.find("logout") != std::string::npos || p.find("signout") != std::string::npos ||
         p.find("sign-out") != std::string::npos || p.find("refresh") != std::string::npos;
}

class NoRateLimiting final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const core::RouteRef* first = nullptr;
    auto routes = v.index().routes();
    for (const auto& r : routes)
      if (authPath(r.route.path) && r.route.method != "GET") {
        first = &r;
        break;
      }
    if (!first) return;
    ctx.applicable();
    if (v.uses({"flask_limiter", "flask-limiter", "slowapi", "fastapi_limiter", "fastapi-limiter", "django_ratelimit",
                "django-ratelimit", "express-rate-limit", "rate-limiter-flexible", "@upstash/ratelimit", "express-slow-down",
                "@fastify/rate-limit", "golang.org/x/time/rate", "github.com/ulule/limiter/v3", "github.com/didip/tollbooth/v7",
                "github.com/go-chi/httprate"}))
      return;
    for (const auto* f : v.index().filesOfKind("k8s"))
      for (const auto& o : f->facts.k8s)
        for (const auto& ann : o.annotations)
          if (ann.find("limit-rps") != std::string::npos || ann.find("rate-limit") != std::string::npos) return;
    for (const auto* f : v.files())
      for (const auto& m : f->facts.middleware)
        if (m.what.find("Throttle") != std::string::npos || m.what.find("RateLimit") != std::string::npos ||
            m.what.find("rateLimit") != std::string::npos || m.what.find("limiter") != std::string::npos)
          return;
    // The first authentication route, then the first POST route of each other kind (login,
    // signup, reset, OTP) that a caller reaches without a session.
    std::set<std::string_view> seen{authKind(first->route.path)};
    for (const auto& r : routes) {
      if (&r != first) {
        if (r.route.method != "POST" || sessionUpkeep(r.route.path)) continue;
        if (r.route.auth == core::AuthStatus::Explicit || r.route.auth == core::AuthStatus::Inherited) continue;
        auto kind = authKind(r.route.path);
        if (kind.empty() || !seen.insert(kind).second) continue;
      }
      ctx.report(r.file->path, r.route.line,
                 "`" + r.route.method + " " + r.route.path +
                     "` has no rate limit and nothing in the service limits requests: throttle authentication endpoints");
    }
  }
};

}  // namespace

const WorkspaceCheck& noRateLimiting() {
  static const NoRateLimiting check;
  return check;
}

}  // namespace agentlens::rules
