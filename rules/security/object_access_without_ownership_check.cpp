// object-access-without-ownership-check: routes that load a record by the id in the URL and never
// compare it with the current user (broken object-level authorization, OWASP API1).
#include <algorithm>
#include <cctype>

#include "core/text/path_text.hpp"
#include "rules/rule.hpp"
#include "rules/security/object_access_body.hpp"
#include "rules/security/object_access_design.hpp"
#include "rules/security/object_access_drf.hpp"
#include "rules/security/object_access_paths.hpp"
#include "rules/security/route_auth_signals.hpp"
#include "core/facts/route_public.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Uses the route registry to find routes with an id parameter in their path (`/orders/<int:id>`,
`/orders/{order_id}`, `/orders/:id`, Go 1.22 `/orders/{id}`; a `slug` on PUT, PATCH and
DELETE) whose handler loads a record by it
(`Model.query.get(id)`, `get_or_404`, `session.get(Model, id)`, `get_object_or_404`,
`objects.get(pk=…)`, `findUnique`, `findById`, `findOne`, `findByPk`, `WHERE id = …`,
`QueryRow`, gorm `First`, a Go finder or mutator called with the parameter such as
`FindOneArticle(&ArticleModel{Slug: slug})`) and never mentions the current principal: `current_user`,
`request.user`, `g.user`, `req.user`, `session.user`, `ctx.Value(…)`, `c.Get("user")`, an
`owner`/`user_id`/`userId` filter, or token claims.

Django REST framework: a `ModelViewSet` (update and destroy by pk) whose `permission_classes` are
only `IsAuthenticated`/`IsAuthenticatedOrReadOnly`/`AllowAny` (or unset), with no
`has_object_permission`, no `http_method_names` limit, and no `get_queryset`/`get_object`/
`perform_update`/`perform_destroy` that mentions the user, is reported on the class.

A route without an id in its path (POST, PUT, PATCH, DELETE) whose handler loads a record by an
id-like field of the request body (`data["attempt_id"]`, `req.body.orderId`) is reported where it
loads it.

A handler defined away from its registration (a Go function registered by another) is reported
where it loads the record, which is where the check goes.

## Why is this bad?
Authentication says who the caller is; it does not say the order with id 42 is theirs. When the
handler loads "the order with the id in the URL", any logged-in user can read or change anyone's
order by counting ids. This is the most common API vulnerability (OWASP API1:2023, BOLA).

This is a hint: the check may live in a service function, a query scope or a database policy the
rule cannot see. Not flagged: admin routes (`/admin/…`), GET routes on catalog-like resources
(products, items, posts, articles, categories, roles and permissions, quizzes and courses) and
on follower/following lists (judged on the full path once router prefixes are known: `/:id`
mounted under `/products`, or a path that starts with its id in a file named for the resource:
`/:id` in `handlers/role.ts`), handlers that mention the principal, routes gated by a role
(`preHandler: request.isAdmin`, `@admin_required`, `requireRole("admin")`), a change that first
verifies the caller's current password (`comparePassword(old_password)`), a public profile (GET
`/users/<id>` in a file that serves the caller's own record at `/me` and changes no user by id),
a shared record (GET by id of a resource whose list route returns every record unscoped while
other routes of it are gated by role), tests, and routes that
`route-without-auth` reports as open (no auth at all: there is no caller to own anything, and the
missing authentication is the gap to fix first).

## Example
```python
@app.get("/orders/<int:order_id>")
@login_required
def get_order(order_id):
    return jsonify(Order.query.get_or_404(order_id).to_dict())
```

Use instead:
```python
@app.get("/orders/<int:order_id>")
@login_required
def get_order(order_id):
    order = Order.query.filter_by(id=order_id, owner_id=current_user.id).first_or_404()
    return jsonify(order.to_dict())
```

## References
- OWASP API Security Top 10 2023, API1 (broken object level authorization)
- OWASP ASVS V4.2 (operation level access control)
)md";

const RuleMeta kMeta{
    .id = "object-access-without-ownership-check",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Low,
    .languages = kAllCode,
    .summary = "Record loaded by URL id without checking it belongs to the caller",
    .docs = kDocs,
    .mode = ScoreMode::Density,
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The name of an id-like path parameter (`id`, `order_id`, `orderId`, `pk`, `uuid`), or "".
std::string idParam(std::string_view path, bool mutating) {
  std::string slug;
  std::size_t pos = 0;
  while (pos < path.size()) {
    auto open = path.find_first_of("<{:", pos);
    if (open == std::string_view::npos) return slug;
    std::size_t end;
    std::string_view name;
    if (path[open] == ':') {
      end = path.find('/', open);
      if (end == std::string_view::npos) end = path.size();
      name = path.substr(open + 1, end - open - 1);
    } else {
      char close = path[open] == '<' ? '>' : '}';
      end = path.find(close, open);
      if (end == std::string_view::npos) return slug;
      name = path.substr(open + 1, end - open - 1);
      auto colon = name.rfind(':');  // <int:order_id>
      if (colon != std::string_view::npos) name = name.substr(colon + 1);
    }
    std::string l = lower(name);
    if (l == "id" || l == "pk" || l == "uuid" || l.ends_with("_id") || l.ends_with("id") || l.ends_with("_pk"))
      return std::string(name);
    // A slug names one record too; reading by slug is usually public (articles), changing is not.
    if (mutating && l == "slug" && slug.empty()) slug = std::string(name);
    pos = end + 1;
  }
  return slug;
}

bool loadsById(std::string_view h) {
  for (auto w : {".query.get(", "get_or_404(", "first_or_404(", "session.get(", "get_object_or_404(", "objects.get(",
                 "findUnique(", "findUniqueOrThrow(", "findById(", "findByIdAndUpdate(", "findByIdAndDelete(",
                 "findOneAndUpdate(", "findOneAndDelete(", "findOne(", "findByPk(", "findFirst(",
                 "WHERE id", "where id", "WHERE ID", "QueryRow(", "QueryRowContext(", ".First(&", ".Find(&",
                 "db.get(", ".get(Order", "filter_by(id=", "filter(id="})
    if (h.find(w) != std::string_view::npos) return true;
  return false;
}

/// Go: where the handler calls a finder or mutator (`FindOneArticle(…)`, `DeleteCommentModel(…)`,
/// `store.GetOrder(…)`) with the path parameter's variable among its arguments, or npos.
std::size_t goLoadByParam(std::string_view h, std::string_view id) {
  std::string var = lower(id);
  for (std::size_t i = 0; i + 1 < h.size(); ++i) {
    if (!std::isupper(static_cast<unsigned char>(h[i])) || (i > 0 && (std::isalnum(static_cast<unsigned char>(h[i - 1])) || h[i - 1] == '_')))
      continue;
    std::size_t e = i;
    while (e < h.size() && (std::isalnum(static_cast<unsigned char>(h[e])) || h[e] == '_')) ++e;
    std::string_view name = h.substr(i, e - i);
    if (e >= h.size() || h[e] != '(') { i = e; continue; }
    bool verb = false;
    for (auto v : {"Find", "Get", "Delete", "Update", "Load", "Remove", "Fetch"})
      verb = verb || name.starts_with(v);
    auto close = h.find(')', e);
    if (verb && close != std::string_view::npos) {
      std::string args = lower(h.substr(e + 1, close - e - 1));
      for (auto at = args.find(var); at != std::string::npos; at = args.find(var, at + 1)) {
        bool before = at == 0 || !(std::isalnum(static_cast<unsigned char>(args[at - 1])) || args[at - 1] == '_' || args[at - 1] == '"');
        std::size_t end = at + var.size();
        bool after = end >= args.size() || !(std::isalnum(static_cast<unsigned char>(args[end])) || args[end] == '_' || args[end] == '"');
        if (before && after) return i;
      }
    }
    i = e;
  }
  return std::string_view::npos;
}

/// A route without an id in its path whose handler loads a record by an id from the body.
void bodyId(RuleContext& ctx, const core::Route& route, const std::string& method) {
  auto src = ctx.source();
  if (method == "GET" || method.empty() || route.handlerEnd <= route.handlerStart || route.handlerEnd > src.size()) return;
  std::string_view h = src.substr(route.handlerStart, route.handlerEnd - route.handlerStart);
  auto load = object_access::bodyIdLoad(h);
  if (!load || object_access::mentionsPrincipal(h) || object_access::verifiesCurrentPassword(h)) return;
  ctx.countSite();
  std::uint32_t at = route.handlerStart + static_cast<std::uint32_t>(load->at);
  std::uint32_t line = ctx.file().lines.lineOf(at);
  std::uint32_t s = ctx.file().lines.lineStart(line);
  std::string_view text = ctx.file().lines.lineText(line);
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  auto indent = text.find_first_not_of(" \t");
  if (indent == std::string_view::npos) indent = 0;
  ctx.report(core::ByteRange{s + static_cast<std::uint32_t>(indent), s + static_cast<std::uint32_t>(text.size())},
             method + " " + route.path + " loads a record by `" + load->key +
                 "` from the request body without checking it belongs to the caller: filter by the current user "
                 "(or check ownership) before returning or changing it");
}

class ObjectAccessWithoutOwnershipCheck final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated()) return;
    object_access::reportDrfViewSets(ctx);
    auto src = ctx.source();
    // A file that serves the app itself (app.run, listen) and authenticates none of its routes:
    // route-without-auth reports its open routes, and an ownership finding would repeat it (the
    // workspace pass does the same for routers in other files).
    bool serves = !facts.serverRuns.empty();
    bool protects = false;
    for (const auto& r : facts.routes)
      protects = protects || r.auth == core::AuthStatus::Explicit ||
                 (r.auth == core::AuthStatus::Inherited && !route_auth::setupOnlyEvidence(r.authBy));
    auto open = [&](const core::Route& r, const std::string& method) {
      return serves && !protects && r.auth == core::AuthStatus::None && r.publicReason.empty() &&
             core::publicByDesign(method, r.path, r.handler, r.name).empty() &&
             !route_auth::guardInRegistration(route_auth::registrationText(ctx, r));
    };
    for (const auto& route : facts.routes) {
      std::string method = route.method;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string id = idParam(route.path, method == "PUT" || method == "PATCH" || method == "DELETE");
      if (id.empty()) {
        bodyId(ctx, route, method);
        continue;
      }
      ctx.countSite();
      if (route.handlerEnd <= route.handlerStart || route.handlerEnd > src.size()) continue;
      if (open(route, method.empty() ? std::string("GET") : method)) continue;
      if (lower(route.path).find("admin") != std::string::npos) continue;
      bool read = method == "GET" || method.empty();
      if (read && object_access::catalogPath(object_access::resourcePath(route.path, ctx.file().path))) continue;
      std::string_view h = src.substr(route.handlerStart, route.handlerEnd - route.handlerStart);
      bool goLoad = ctx.lang() == core::Lang::Go && goLoadByParam(h, id) != std::string_view::npos;
      if ((!loadsById(h) && !goLoad) || object_access::mentionsPrincipal(h)) continue;
      if (object_access::verifiesCurrentPassword(h) || object_access::roleGated(ctx, route)) continue;
      if (read && !object_access::sharedByDesign(ctx, route).empty()) continue;
      std::uint32_t line = std::min(route.line, ctx.file().lines.lineCount() - 1);
      // A handler defined away from its registration (a Go func registered in another function):
      // report where it loads the record, which is where the owner check goes.
      const auto& lines = ctx.file().lines;
      std::uint32_t first = lines.lineOf(route.handlerStart), last = lines.lineOf(route.handlerEnd);
      bool apart = route.line > last || (route.line < first && (ctx.lang() == core::Lang::Go || route.line + 12 < first));
      if (!route.handler.empty() && apart) {
        std::size_t at = goLoad ? goLoadByParam(h, id) : std::string_view::npos;
        line = lines.lineOf(route.handlerStart + static_cast<std::uint32_t>(at == std::string_view::npos ? 0 : at));
      }
      std::uint32_t s = ctx.file().lines.lineStart(line);
      std::string_view text = ctx.file().lines.lineText(line);
      while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
      auto indent = text.find_first_not_of(" \t");
      if (indent == std::string_view::npos) indent = 0;
      ctx.report(core::ByteRange{s + static_cast<std::uint32_t>(indent), s + static_cast<std::uint32_t>(text.size())},
                 (method.empty() ? std::string("GET") : method) + " " + route.path + " loads a record by `" + id +
                     "` without checking it belongs to the caller: filter by the current user (or check ownership) "
                     "before returning or changing it");
    }
  }
};

}  // namespace

namespace object_access {

bool mentionsPrincipal(std::string_view h) {
  std::string l = lower(h);
  for (auto w : {"current_user", "request.user", "g.user", "req.user", "req.auth", "session.user", "session[\"user",
                 "session['user", "ctx.value(", "mustget(\"user", "mustget(\"my_user", "usermodel", "c.get(\"user", "c.locals", "res.locals.user", "user_id", "userid",
                 "owner", "claims", "principal", "auth()", "getserversession", "currentuser(", "tenant",
                 "account_id", "accountid", "customer_id", "customerid", "is_admin", "isadmin", "has_perm",
                 "authorize", "ability.can(", ".can(\"", "permission"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool catalogPath(std::string_view path) {
  std::string l = core::text::asciiLower(path);
  for (auto w : {"/product", "/item", "/post", "/article", "/categor", "/catalog", "/blog", "/page", "/public",
                 "/tag", "/docs", "/role", "/permission", "/follower", "/following", "/quiz", "/course", "/lesson"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace object_access

const Rule& objectAccessWithoutOwnershipCheck() {
  static const ObjectAccessWithoutOwnershipCheck rule;
  return rule;
}

}  // namespace agentlens::rules
