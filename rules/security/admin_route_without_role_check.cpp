// admin-route-without-role-check: an authenticated route that manages privileges (admin paths, role
// and permission management) where nothing checks the caller's role.
#include <cctype>
#include <filesystem>
#include <string>

#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Uses the route registry and reports authenticated routes that manage privileges while nothing in
sight checks the caller's role:
- any route under an `admin` path segment (`/admin/users`, `/api/admins/:id`);
- a route that creates, changes or deletes roles or permissions: a `roles` / `permissions` path
  segment, or a write route (POST, PUT, PATCH, DELETE) of a router file named `role(s)` or
  `permission(s)` whose paths are relative (`/`, `/:id`).

"Role evidence" that silences it: a name on the route, its auth middleware or the file that reads
as a role or permission check (`requireRole`, `RolesGuard`, `@Roles`, `isAdmin`, `is_admin`,
`admin_required`, `IsAdminUser`, `staff_member_required`, `user_passes_test`, `permission_classes`,
`hasPermission`, `authorize`, `policy`, `scope`, `rbac`, `acl`, …) or a comparison with a role in
the handler.

## Why is this bad?
Authentication says who the caller is, not what they may do. When an admin or role-management
route only requires a session, every signed-up user can call it: list or delete every account,
create roles, or grant themselves more. Check the role (or permission) on the route, its router or
in the handler.

Not flagged: unauthenticated routes (reported by `route-without-auth`), routes whose router or
middleware name says it checks a role, files that check roles anywhere (the rule cannot tell
which routes the check covers, so it stays silent), tests.

## Example
```ts
roles.post('/', authorization(), async (c) => c.json(await repo.create(await c.req.json()), 201))
```

Use instead:
```ts
roles.post('/', authorization(), requireRole('admin'), async (c) => …)
```

## References
- OWASP API Security Top 10 2023, API5: Broken Function Level Authorization
- CWE-285: Improper Authorization
)md";

const RuleMeta kMeta{
    .id = "admin-route-without-role-check",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Admin or role-management route that checks no role",
    .docs = kDocs,
    .planTitle = "Check roles on admin routes",
    .effort = core::Effort::S,
};

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// Words that read as a role or permission check (lower case).
bool roleEvidence(std::string_view lowered) {
  for (auto w : {"admin", "role", "permission", "staff", "superuser", "user_passes_test", "authorize", "policy",
                 "scope", "rbac", "acl", "privilege", "casbin", "ability", "cancan", "guard"})
    if (has(lowered, w)) return true;
  return false;
}

/// Role evidence in the file once the route paths and role-resource words are masked: a file of
/// role routes says "role" everywhere without checking one.
bool fileChecksRoles(std::string_view src) {
  std::string l = core::text::asciiLower(src);
  for (auto w : {"requirerole", "require_role", "hasrole", "has_role", "checkrole", "check_role", "rolesguard",
                 "@roles(", "isadmin", "is_admin", "admin_required", "adminrequired", "requireadmin",
                 "require_admin", "adminonly", "admin_only", "isadminuser", "staff_member_required", "is_staff",
                 "is_superuser", "user_passes_test", "permission_classes", "permission_required", "haspermission",
                 "has_permission", "checkpermission", "authorize(", "policy", "casbin", "rbac", "role ==",
                 "role ===", "role !=", "role !==", ".role==", "role in ", "roles.includes", "role.name =="})
    if (has(l, w)) return true;
  return false;
}

bool segmentIs(const std::vector<std::string>& segs, std::initializer_list<std::string_view> words) {
  for (const auto& s : segs)
    for (auto w : words)
      if (s == w) return true;
  return false;
}

/// "admin", "roles", or "" when the route does not manage privileges.
std::string_view privilegeResource(const core::Route& r, std::string_view method, std::string_view fileStem) {
  auto segs = core::routeSegments(r.path);
  if (segmentIs(segs, {"admin", "admins"})) return "an admin route";
  bool write = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  if (!write) return "";
  if (segmentIs(segs, {"role", "roles", "permission", "permissions"})) return "a role-management route";
  bool relative = true;  // only parameters and verbs: the resource is named by the router's prefix
  for (const auto& s : segs)
    if (!s.empty() && s[0] != ':' && s[0] != '{' && s[0] != '<' && !has(s, "delete") && !has(s, "restore"))
      relative = false;
  std::string stem = core::text::asciiLower(fileStem);
  if (relative && (stem == "role" || stem == "roles" || stem == "permission" || stem == "permissions"))
    return "a role-management route";
  return "";
}

class AdminRouteWithoutRoleCheck final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.routes.empty()) return;
    auto src = ctx.source();
    if (fileChecksRoles(src)) return;
    std::string stem = std::filesystem::path(std::string(ctx.file().path)).stem().string();
    for (const auto& route : facts.routes) {
      if (route.auth != core::AuthStatus::Explicit && route.auth != core::AuthStatus::Inherited) continue;
      std::string method = route.method;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      auto what = privilegeResource(route, method, stem);
      if (what.empty()) continue;
      if (roleEvidence(core::text::asciiLower(route.authBy))) continue;
      std::uint32_t line = std::min(route.line, ctx.file().lines.lineCount() - 1);
      std::uint32_t s = ctx.file().lines.lineStart(line);
      std::string_view text = ctx.file().lines.lineText(line);
      auto indent = text.find_first_not_of(" \t");
      if (indent == std::string_view::npos) continue;
      while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
      ctx.report(core::ByteRange{s + static_cast<std::uint32_t>(indent), s + static_cast<std::uint32_t>(text.size())},
                 method + " " + route.path + " is " + std::string(what) + " that only requires a login (" +
                     route.authBy + "): nothing checks the caller's role, so any signed-up user can call it; "
                                    "require an admin role or permission on the route");
    }
  }
};

}  // namespace

const Rule& adminRouteWithoutRoleCheck() {
  static const AdminRouteWithoutRoleCheck rule;
  return rule;
}

}  // namespace agentlens::rules
