// no-auth-layer: routes that change state, and no authentication mechanism anywhere.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "rules/security/route_auth_signals.hpp"

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a service whose routes include state-changing (`POST`, `PUT`, `PATCH`, `DELETE`) or
sensitive ones (`/admin`, `/users`, `/account`, `/orders`, …) while the workspace has no
authentication mechanism at all: no route with explicit or inherited auth, and none of the usual
libraries (flask-login, flask-jwt-extended, authlib, `fastapi.security`, fastapi-users,
Django's auth with `login_required` or its mixins, DRF permissions and authentication classes,
simplejwt, drf-jwt, dj-rest-auth, knox, django-oauth-toolkit, passport, express-jwt,
jsonwebtoken, next-auth/Auth.js, Clerk, Supabase, lucia, firebase-admin, golang-jwt, go-oidc,
casbin). Auth counts wherever it is applied: on the route, on a router mounted after
`app.use(auth)` in another file, on a Go group handed to the function that registers the routes,
in a Fastify `autohooks` file, in a Flask `before_request` hook with an allowlist of public
paths. Routes public by design (login, registration, CORS preflight, health) and Django's admin
site (`admin.site.urls`, behind its own staff login) and handlers that serve anonymous visitors by
design (they mint a random visitor-id cookie when it is missing: an anonymous vote) do not count as routes that need it.
Critical when state-changing routes exist. While this check fails, the per-route
`route-without-auth` findings are grouped under it in the plan and not scored twice.

## Why is this bad?
"I'll add auth later" ships: anyone who finds the URL can create, change or delete data. Adding
auth as a layer (middleware, router dependency) is cheap now and expensive after clients depend on
open endpoints.

## Example
An Express app with `app.post("/orders", …)` and no auth middleware anywhere.

Use instead: an auth middleware applied before the routes (`app.use(requireAuth)`, a FastAPI
router dependency, a Flask `before_request` check with an allowlist of public paths).

## References
- OWASP API Security Top 10: API2 Broken Authentication
- Google SRE book, launch checklist: "security … authentication"
)md";

const RuleMeta kMeta{
    .id = "no-auth-layer",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Routes change data but the service has no authentication layer",
    .docs = kDocs,
    .gate = true,
    .planTitle = "Put an authentication layer in front of the routes",
    .effort = core::Effort::M,
    .subsumes = {"route-without-auth"},
};

bool sensitivePath(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto s : {"/admin", "/user", "/account", "/settings", "/billing", "/order", "/internal", "/payment"})
    if (p.find(s) != std::string::npos) return true;
  return false;
}

bool publicPath(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto s : {"/login", "/logout", "/signup", "/register", "/auth", "/oauth", "/callback", "/webhook", "/health",
                 "/ready", "/metrics", "/docs", "/openapi"})
    if (p.find(s) != std::string::npos) return true;
  return false;
}

/// The route's handler serves anonymous visitors by design (mints a visitor-id cookie).
bool anonymousByDesign(const WorkspaceView& v, const core::RouteRef& r,
                       std::map<std::string, std::optional<std::string>>& texts) {
  if (r.route.handlerEnd <= r.route.handlerStart) return false;
  auto it = texts.find(r.file->path);
  if (it == texts.end()) it = texts.emplace(r.file->path, v.read(r.file->path)).first;
  if (!it->second || r.route.handlerEnd > it->second->size()) return false;
  return route_auth::anonymousVisitor(
      std::string_view(*it->second).substr(r.route.handlerStart, r.route.handlerEnd - r.route.handlerStart));
}

class NoAuthLayer final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    auto routes = v.index().routes();
    bool mutating = false;
    const core::RouteRef* first = nullptr;  // the first mutating route, else the first sensitive one
    std::map<std::string, std::optional<std::string>> texts;  // handler sources, read on demand
    for (const auto& r : routes) {
      if (publicPath(r.route.path) || !r.route.publicReason.empty()) continue;  // login, preflight, allowlisted
      if (anonymousByDesign(v, r, texts)) continue;  // a visitor-id cookie: anonymous on purpose
      if (r.route.handler == "admin.site.urls") continue;  // Django's admin site: its own staff login
      bool m = r.route.method == "POST" || r.route.method == "PUT" || r.route.method == "PATCH" ||
               r.route.method == "DELETE" || r.route.method == "*";
      if (m && !mutating) {
        first = &r;
        mutating = true;
      } else if (!first && sensitivePath(r.route.path)) {
        first = &r;
      }
    }
    if (!first) return;  // only public or read-only routes
    ctx.applicable();
    for (const auto& r : routes)
      if (r.route.auth == core::AuthStatus::Explicit || r.route.auth == core::AuthStatus::Inherited) return;
    if (v.uses({"flask_login", "flask-login", "flask_jwt_extended", "flask-jwt-extended", "authlib", "fastapi.security",
                "fastapi_users", "fastapi-users", "rest_framework_simplejwt", "djangorestframework-simplejwt",
                "django.contrib.auth.decorators", "django.contrib.auth.mixins", "rest_framework.permissions",
                "rest_framework.authentication", "rest_framework_jwt", "djangorestframework-jwt", "drf-jwt",
                "dj_rest_auth", "knox", "oauth2_provider", "passport", "express-jwt", "jsonwebtoken", "jose", "next-auth",
                "@auth/core", "@clerk/nextjs", "@clerk/express", "@supabase/ssr", "lucia", "firebase-admin",
                "github.com/golang-jwt/jwt/v5", "github.com/golang-jwt/jwt/v4", "github.com/coreos/go-oidc/v3/oidc",
                "github.com/casbin/casbin/v2", "oauth2-proxy"}))
      return;
    core::Finding& f = ctx.report(first->file->path, first->route.line,
                                  "no authentication anywhere, and `" + first->route.method + " " + first->route.path +
                                      "` " + (mutating ? "changes data" : "exposes sensitive data") +
                                      ": add an auth layer (middleware or router dependency) with an allowlist of public paths");
    if (mutating) f.severity = core::Severity::Critical;
  }
};

}  // namespace

const WorkspaceCheck& noAuthLayer() {
  static const NoAuthLayer check;
  return check;
}

}  // namespace agentlens::rules
