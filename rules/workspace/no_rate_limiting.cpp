// no-rate-limiting: login, signup, password-reset or token endpoints with no rate limiter.
#include <cctype>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports authentication endpoints (login, signup/register, password reset, OTP, token) when the
workspace has no rate limiter: flask-limiter, slowapi, fastapi-limiter, DRF throttling,
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
    ctx.report(first->file->path, first->route.line,
               "`" + first->route.method + " " + first->route.path +
                   "` has no rate limit and nothing in the service limits requests: throttle authentication endpoints");
  }
};

}  // namespace

const WorkspaceCheck& noRateLimiting() {
  static const NoRateLimiting check;
  return check;
}

}  // namespace agentlens::rules
