// route-without-auth: routes from the route registry that nothing authenticates.
#include <cctype>
#include <optional>

#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"
#include "rules/rule.hpp"
#include "rules/security/route_auth_drf.hpp"
#include "rules/security/route_auth_fix.hpp"
#include "rules/security/route_auth_signals.hpp"
#include "rules/security/route_public_handlers.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Uses the route registry (Flask, FastAPI, Django, Express, Hono, NestJS, Next.js, net/http, gin, chi,
echo) and
reports routes whose authentication status is *none* (or inherited only from middleware that
rejects nobody: `passport.initialize()`, `passport.session()`): no auth decorator, dependency or middleware
on the route, and nothing inherited from the router or app (a `before_request` check, router
`dependencies=[…]`, `app.use(auth)` registered earlier, a gin group with `Use(auth)`, …).

Django REST framework class-based views (`APIView`, `ViewSet`) are judged on their class: a view
with no `permission_classes`, no auth mixin in its bases (`ApiAuthMixin`, `LoginRequiredMixin`) and
no public name (login, signup, callback, …, `UserCreateApi`) is open under DRF's default
`AllowAny`; its POST/PUT/PATCH/DELETE are reported, and its GET when the view serves user, account,
admin or order data or the GET writes. A project-wide `DEFAULT_PERMISSION_CLASSES` other than
`AllowAny` in the settings covers them all.

State-changing methods (POST, PUT, PATCH, DELETE) and sensitive paths (`/admin`, `/users`,
`/account`, `/settings`, `/billing`, `/orders`, `/internal`) are high severity; other GET routes
are low, as is a file with a single route (a demo).

## Why is this bad?
"I'll add auth later" ships: an endpoint without authentication can be called by anyone who finds
its URL, and state-changing ones let them create, change or delete data. Auth is easiest to get
right as a default that public routes opt out of.

Not flagged: routes public by design (`/health*`, `/ready*`, `/live*`, `/metrics`, `/login`,
`/logout`, `/signup`, `/register`, token refresh, password reset requests, `/auth/*`,
`/oauth/*`, `/callback`, `/docs`, `/openapi.json`, static files, `GET /`, CORS preflight
`OPTIONS`, a `POST /users` sign-up handler, `/forgot`, `/reset/:token`, a `/contact` form,
handlers that only redirect, checkouts that charge the caller's own card token (`stripe.charges.create({
source: req.body.stripeToken })`, no stored customer), handlers that read no request input and
change only state keyed on the caller's own session (`deleteThread(req.sessionID)`; also when the
handler lives in a controller module), token `/introspect` endpoints that check the
credentials themselves), handlers that serve anonymous visitors by design (they mint a random
visitor-id cookie when it is missing: an anonymous vote), GET routes without path parameters whose
handler touches no stored or caller data (public configuration, a price quote), GET routes of a
service that has no state-changing route at all (a read-only public catalog), routes an auth hook's allowlist lets through (a
Flask `before_request` or Fastify `onRequest` hook that requires auth for every path but a
list), routes protected from another file (a router mounted after `app.use(auth)`, a gin group
created after `v1.Use(auth)` and handed to the function that registers the routes, a gorilla
subrouter with `Use(requireAuth)`, a Fastify `autohooks` file; `agentlens facts` shows each
route's evidence), webhooks that verify a signature (`stripe.Webhook.construct_event`, an
HMAC compare), plain GET routes in a file that protects its other routes (a deliberate public
read), GET routes of site-wide settings whose writes in the same file require a role (NestJS
`@Roles(Role.Admin)` on the POST/PATCH: public configuration such as the currency), routes whose registration names a guard (`@require_admin`, `requireToken(h)`), NestJS routes
guarded by `@UseGuards(...)`/`@Roles(...)` on the method or controller or by a global `APP_GUARD`
that authenticates (routes marked `@Public()` stay public), NestJS handlers that declare an
anonymous caller (`@ReqUser() user: User | null`: a guest cart or checkout), Hono routes behind
`createRoute({ middleware: [authCheck] })` or a sub-app mounted after `app.use("/api/*", auth)`, and routes
whose auth cannot be decided statically (gateway auth, dynamic
registration): those are *unknown*, not *none*. Nor are routes of code that is not the deployed
service: tests, scripts and CLIs, local tooling such as Storybook or a template preview server.

## Example
```python
@app.route("/admin/refund", methods=["POST"])
def refund():
    ...
```

Use instead:
```python
@app.route("/admin/refund", methods=["POST"])
@login_required
def refund():
    ...
```

## Fix safety
When the file already protects other routes with an auth primitive, the fix adds the most used
one to this route: a Flask decorator above the `def` (`@login_required`), a FastAPI dependency
parameter (`current_user=Depends(get_current_user)`), or Express middleware before the handler
(`requireAuth,`). Unsafe: callers without credentials are now rejected. Without a primitive in the
file there is no automatic fix.

## References
- OWASP API Security Top 10 2023, API2 (broken authentication) and API5 (broken function level authorization)
- OWASP ASVS V4.1 (general access control design)
)md";

const RuleMeta kMeta{
    .id = "route-without-auth",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "HTTP route with no authentication",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

using route_auth::guardInRegistration;
using route_auth::isSensitivePath;
using route_auth::Primitive;
using route_auth::registrationText;
using route_auth::verifiesSignature;

/// A GET of site-wide settings (`/settings`, `/settings/:name/value`: no user, account or admin
/// segment) in a file whose writes to the same settings require a role: public configuration
/// read by the storefront, deliberately left open next to the role-guarded writes.
bool publicSettingsRead(const core::Facts& facts, const core::Route& route) {
  auto segs = core::routeSegments(route.path);
  if (segs.empty() || segs.front() != "settings") return false;
  for (const auto& s : segs)
    if (s != "settings" && isSensitivePath("/" + s)) return false;
  for (const auto& r : facts.routes) {
    bool write = r.method == "POST" || r.method == "PUT" || r.method == "PATCH" || r.method == "DELETE";
    auto by = core::text::asciiLower(r.authBy);
    auto rs = core::routeSegments(r.path);
    if (write && r.auth == core::AuthStatus::Explicit && !rs.empty() && rs.front() == "settings" &&
        (by.find("role") != std::string::npos || by.find("admin") != std::string::npos))
      return true;
  }
  return false;
}

class RouteWithoutAuth final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated()) return;
    route_auth::reportOpenDrfViews(ctx);
    if (facts.routes.empty()) return;
    auto src = ctx.source();
    std::optional<std::optional<Primitive>> primitive;  // looked up once, on the first finding
    // Routes the registry left at "none" but whose registration names a guard it did not know.
    std::vector<bool> guarded(facts.routes.size(), false);
    bool fileProtectsSome = false;
    for (std::size_t i = 0; i < facts.routes.size(); ++i) {
      const auto& r = facts.routes[i];
      if (r.auth == core::AuthStatus::Explicit || (r.auth == core::AuthStatus::Inherited && !route_auth::setupOnlyEvidence(r.authBy)))
        fileProtectsSome = true;
      if (r.auth == core::AuthStatus::None && guardInRegistration(registrationText(ctx, r))) {
        guarded[i] = true;
        fileProtectsSome = true;
      }
    }
    for (std::size_t i = 0; i < facts.routes.size(); ++i) {
      const auto& route = facts.routes[i];
      std::string method = route.method.empty() ? "GET" : route.method;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      // Public by design (login, registration, preflight, health, an allowlist): not a gap.
      if (!route.publicReason.empty() || !core::publicByDesign(method, route.path, route.handler, route.name).empty() ||
          route_auth::credentialCheckEndpoint(route.path) || route_auth::publicFlowPath(route.path))
        continue;
      ctx.countSite();
      bool setupOnly = route.auth == core::AuthStatus::Inherited && route_auth::setupOnlyEvidence(route.authBy);
      if ((route.auth != core::AuthStatus::None && !setupOnly) || guarded[i]) continue;
      std::string_view handler;
      if (route.handlerEnd > route.handlerStart && route.handlerEnd <= src.size())
        handler = src.substr(route.handlerStart, route.handlerEnd - route.handlerStart);
      bool webhook = core::text::asciiLower(route.path).find("hook") != std::string::npos;
      if (webhook && verifiesSignature(handler)) continue;
      // Anonymous by design: the handler identifies visitors by a random id cookie it mints itself.
      if (!handler.empty() && (route_auth::anonymousVisitor(handler) || route_auth::redirectOnly(handler))) continue;
      // A checkout paid with the caller's own card token; a reset of the caller's own session state.
      if (!handler.empty() && (route_auth::chargesCallersCard(handler) || route_auth::ownSessionStateOnly(handler)))
        continue;
      bool mutating = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" || method == "*";
      bool sensitive = isSensitivePath(route.path);
      // A plain GET without path parameters whose handler reads no stored or caller data (public
      // configuration, a price quote) has nothing to protect.
      if (!mutating && !sensitive && !webhook && !handler.empty() &&
          route.path.find_first_of("<{:") == std::string::npos && route_auth::touchesNoStoredData(handler))
        continue;
      // A plain GET left open in a file that protects its other routes is a deliberate choice
      // (a public read such as stock levels), not a forgotten guard.
      if (!mutating && !sensitive && !webhook && fileProtectsSome) continue;
      if (!mutating && publicSettingsRead(facts, route)) continue;
      core::Severity sev = mutating || sensitive ? core::Severity::High : core::Severity::Low;
      if (facts.routes.size() == 1) sev = core::Severity::Low;
      // Report on the registration line, without its indentation.
      std::uint32_t line = std::min(route.line, ctx.file().lines.lineCount() - 1);
      std::uint32_t s = ctx.file().lines.lineStart(line);
      std::string_view text = ctx.file().lines.lineText(line);
      std::uint32_t indent = static_cast<std::uint32_t>(text.find_first_not_of(" \t") == std::string_view::npos
                                                            ? 0
                                                            : text.find_first_not_of(" \t"));
      while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
      std::string label = (method == "*" ? std::string("ANY") : method) + " " + route.path;
      std::string why = webhook ? " (a webhook without signature verification)"
                        : mutating ? " and changes state"
                        : sensitive ? " and serves a sensitive path"
                                    : "";
      core::Finding& f = ctx.report(core::ByteRange{s + indent, s + static_cast<std::uint32_t>(text.size())},
                                    label + " has no authentication" + why +
                                        ": anyone who finds the URL can call it; require auth on the route or app-wide");
      f.severity = sev;
      if (!primitive) primitive = route_auth::filePrimitive(ctx);
      if (*primitive) route_auth::addFix(f, ctx, route, **primitive);
    }
  }
};

}  // namespace

const Rule& routeWithoutAuth() {
  static const RouteWithoutAuth rule;
  return rule;
}

}  // namespace agentlens::rules
