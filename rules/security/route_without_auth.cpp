// route-without-auth: routes from the route registry that nothing authenticates.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Uses the route registry (Flask, FastAPI, Django, Express, Next.js, net/http, gin, chi, echo) and
reports routes whose authentication status is *none*: no auth decorator, dependency or middleware
on the route, and nothing inherited from the router or app (a `before_request` check, router
`dependencies=[…]`, `app.use(auth)` registered earlier, a gin group with `Use(auth)`, …).

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
`OPTIONS`, a `POST /users` sign-up handler), routes an auth hook's allowlist lets through (a
Flask `before_request` or Fastify `onRequest` hook that requires auth for every path but a
list), routes protected from another file (a router mounted after `app.use(auth)`, a gin group
created after `v1.Use(auth)` and handed to the function that registers the routes, a gorilla
subrouter with `Use(requireAuth)`, a Fastify `autohooks` file; `agentlens facts` shows each
route's evidence), webhooks that verify a signature (`stripe.Webhook.construct_event`, an
HMAC compare), plain GET routes in a file that protects its other routes (a deliberate public
read), routes whose registration names a guard (`@require_admin`, `requireToken(h)`), and routes
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

bool isSensitivePath(std::string_view path) {
  for (const auto& s : core::routeSegments(path))
    for (auto w : {"admin", "user", "users", "account", "accounts", "settings", "billing", "order", "orders",
                   "internal", "payments", "payment", "refund", "refunds", "me", "profile", "invoices"})
      if (s == w) return true;
  return false;
}

bool verifiesSignature(std::string_view handler) {
  for (auto w : {"construct_event", "constructEvent", "compare_digest", "timingSafeEqual", "hmac.Equal",
                 "verify_signature", "verifySignature", "verifyWebhook", "verify_webhook", "Webhook(", "svix",
                 "ValidateSignature", "validate_signature", "X-Hub-Signature", "x-hub-signature"})
    if (handler.find(w) != std::string_view::npos) return true;
  return false;
}

bool authName(std::string_view name) {
  std::string l = core::text::asciiLower(name);
  for (auto w : {"login_required", "auth", "token_required", "jwt_required", "permission", "requires_user",
                 "current_user", "verify", "require", "protect", "ensure_logged", "isloggedin", "passport", "session"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

/// The auth primitive this file already uses most, for the fix.
struct Primitive {
  std::string text;  ///< `@login_required`, `get_current_user`, `requireAuth`
};

std::optional<Primitive> filePrimitive(const RuleContext& ctx) {
  auto src = ctx.source();
  std::map<std::string, int> counts;
  Lang lang = ctx.lang();
  std::size_t pos = 0;
  while (pos < src.size()) {
    auto nl = src.find('\n', pos);
    std::string_view line = src.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? src.size() : nl + 1;
    auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    if (lang == Lang::Python) {
      if (line.starts_with("@")) {
        std::string_view deco = line.substr(0, line.find_first_of(" #\r"));
        std::string_view name = deco.substr(1, deco.find('(') == std::string_view::npos ? std::string_view::npos : deco.find('(') - 1);
        if (name.find('.') == std::string_view::npos && authName(name) && name.find("route") == std::string_view::npos)
          ++counts[std::string(deco)];
      }
      for (std::size_t at = line.find("Depends("); at != std::string_view::npos; at = line.find("Depends(", at + 1)) {
        auto close = line.find(')', at);
        if (close == std::string_view::npos) break;
        std::string_view dep = line.substr(at + 8, close - at - 8);
        if (!dep.empty() && dep.find_first_of(" ,(") == std::string_view::npos && authName(dep))
          ++counts["Depends:" + std::string(dep)];
      }
    } else if (core::isJsFamily(lang)) {
      // app.get("/x", requireAuth, handler)
      for (auto verb : {".get(", ".post(", ".put(", ".patch(", ".delete(", ".all("}) {
        auto at = line.find(verb);
        if (at == std::string_view::npos) continue;
        std::string_view rest = line.substr(at + std::string_view(verb).size());
        auto comma = rest.find(',');
        if (comma == std::string_view::npos) continue;
        rest = rest.substr(comma + 1);
        auto s = rest.find_first_not_of(' ');
        if (s == std::string_view::npos) continue;
        rest = rest.substr(s);
        auto e = rest.find(',');
        if (e == std::string_view::npos) continue;
        std::string_view mw = rest.substr(0, e);
        while (!mw.empty() && mw.back() == ' ') mw.remove_suffix(1);
        if (mw.find("=>") != std::string_view::npos || mw.find("function") != std::string_view::npos) continue;
        if (authName(mw)) ++counts[std::string(mw)];
      }
    }
  }
  if (counts.empty()) return std::nullopt;
  auto best = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
  return Primitive{best->first};
}

/// The function node whose range starts at `start` (the handler), found by descending the tree.
ts::Node nodeAt(const core::ParsedFile& file, std::uint32_t start, std::uint32_t end) {
  ts::Node root = file.tree.root();
  TSNode n = ts_node_descendant_for_byte_range(root.raw(), start, end);
  ts::Node node(n);
  while (node && !isFunctionNode(node, file.lang) && node.type() != "decorated_definition") node = node.parent();
  return node;
}

/// The text that registers a route, up to its handler: Flask/FastAPI decorator lines down to the
/// `def`, Express arguments before the handler, a Go `mux.Handle(…)` line. The route's own path is
/// blanked so that `/admin/…` does not read as an auth guard.
std::string registrationText(const RuleContext& ctx, const core::Route& route) {
  const auto& lines = ctx.file().lines;
  auto src = ctx.source();
  std::string out;
  std::uint32_t last = std::min(lines.lineCount(), route.line + 12);
  for (std::uint32_t l = route.line; l < last; ++l) {
    std::string_view t = lines.lineText(l);
    std::uint32_t start = lines.lineStart(l);
    if (l > route.line) {
      auto f = t.find_first_not_of(" \t");
      std::string_view body = f == std::string_view::npos ? std::string_view() : t.substr(f);
      if (ctx.lang() != Lang::Python) break;
      if (!body.starts_with("@") && !body.starts_with("def ") && !body.starts_with("async def ")) break;
      if (!body.starts_with("@")) break;
    }
    if (route.handlerStart > start && route.handlerStart < start + t.size() && ctx.lang() != Lang::Python)
      t = t.substr(0, route.handlerStart - start);
    out += std::string(t);
    out += '\n';
  }
  (void)src;
  for (std::size_t at = out.find(route.path); !route.path.empty() && at != std::string::npos;
       at = out.find(route.path, at + 1))
    out.replace(at, route.path.size(), std::string(route.path.size(), ' '));
  return out;
}

/// True when the registration text names an auth guard the registry did not recognise
/// (`@require_admin`, `s.requireToken(h)`, `ensureSignedIn,`).
bool guardInRegistration(std::string_view text) {
  std::string l = core::text::asciiLower(text);
  for (auto w : {"require", "auth", "token", "login", "admin", "permission", "role", "jwt", "protect", "guard",
                 "verify", "signed_in", "signedin", "authenticated", "apikey", "api_key"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

class RouteWithoutAuth final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.routes.empty()) return;
    auto src = ctx.source();
    std::optional<std::optional<Primitive>> primitive;  // looked up once, on the first finding
    // Routes the registry left at "none" but whose registration names a guard it did not know.
    std::vector<bool> guarded(facts.routes.size(), false);
    bool fileProtectsSome = false;
    for (std::size_t i = 0; i < facts.routes.size(); ++i) {
      const auto& r = facts.routes[i];
      if (r.auth == core::AuthStatus::Explicit || r.auth == core::AuthStatus::Inherited) fileProtectsSome = true;
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
      if (!route.publicReason.empty() || !core::publicByDesign(method, route.path, route.handler, route.name).empty())
        continue;
      ctx.countSite();
      if (route.auth != core::AuthStatus::None || guarded[i]) continue;
      std::string_view handler;
      if (route.handlerEnd > route.handlerStart && route.handlerEnd <= src.size())
        handler = src.substr(route.handlerStart, route.handlerEnd - route.handlerStart);
      bool webhook = core::text::asciiLower(route.path).find("hook") != std::string::npos;
      if (webhook && verifiesSignature(handler)) continue;
      bool mutating = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" || method == "*";
      bool sensitive = isSensitivePath(route.path);
      // A plain GET left open in a file that protects its other routes is a deliberate choice
      // (a public read such as stock levels), not a forgotten guard.
      if (!mutating && !sensitive && !webhook && fileProtectsSome) continue;
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
      if (!primitive) primitive = filePrimitive(ctx);
      if (*primitive) addFix(f, ctx, route, **primitive);
    }
  }

 private:
  static void addFix(core::Finding& f, RuleContext& ctx, const core::Route& route, const Primitive& p) {
    if (route.handlerEnd <= route.handlerStart) return;
    auto src = ctx.source();
    ts::Node fn = nodeAt(ctx.file(), route.handlerStart, route.handlerEnd);
    if (!fn) return;
    core::TextEdit e;
    std::string title;
    if (ctx.lang() == Lang::Python) {
      if (fn.type() == "decorated_definition") fn = fn.field("definition");
      if (!fn || fn.type() != "function_definition") return;
      if (p.text.starts_with("@")) {
        std::uint32_t at = lineStartOf(src, fn.startByte());
        e.range = {at, at};
        e.text = std::string(lineIndent(src, fn.startByte())) + p.text + "\n";
        title = "Protect the route with " + p.text;
      } else if (p.text.starts_with("Depends:")) {
        std::string dep = p.text.substr(8);
        ts::Node params = fn.field("parameters");
        if (!params) return;
        for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
          auto t = params.namedChild(i).type();
          if (t == "list_splat_pattern" || t == "dictionary_splat_pattern") return;
          if (params.namedChild(i).text(src).starts_with("current_user")) return;
        }
        std::uint32_t close = params.endByte() - 1;
        std::string_view inner = src.substr(params.startByte() + 1, close - params.startByte() - 1);
        auto last = inner.find_last_not_of(" \t\r\n");
        bool empty = last == std::string_view::npos;
        bool trailingComma = !empty && inner[last] == ',';
        e.range = {close, close};
        e.text = std::string(empty ? "" : trailingComma ? " " : ", ") + "current_user=Depends(" + dep + ")";
        title = "Require " + dep + " as a dependency";
      } else {
        return;
      }
    } else if (core::isJsFamily(ctx.lang())) {
      e.range = {fn.startByte(), fn.startByte()};
      e.text = p.text + ", ";
      title = "Protect the route with " + p.text;
    } else {
      return;
    }
    core::Fix fix{.title = title, .applicability = core::Applicability::Unsafe};
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }
};

}  // namespace

const Rule& routeWithoutAuth() {
  static const RouteWithoutAuth rule;
  return rule;
}

}  // namespace agentlens::rules
