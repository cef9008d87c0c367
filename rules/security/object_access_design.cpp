// object-access-without-ownership-check: design signals (see object_access_design.hpp).
#include "rules/security/object_access_design.hpp"

#include <algorithm>

#include "core/text/path_text.hpp"
#include "rules/rule.hpp"
#include "rules/security/object_access_paths.hpp"

namespace agentlens::rules::object_access {
namespace {

using core::text::asciiLower;

bool paramStart(char c) { return c == ':' || c == '<' || c == '{'; }

bool hasParam(std::string_view path) { return path.find_first_of(":<{") != std::string_view::npos; }

/// The path up to its first parameter segment, lower case, without a trailing '/':
/// "/users/<int:id>" -> "/users", "/:id/assign" -> "".
std::string resourcePrefix(std::string_view path) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      if (i + 1 < path.size() && paramStart(path[i + 1])) break;
      out += '/';
      ++i;
      continue;
    }
    if (paramStart(path[i])) break;
    out += path[i++];
  }
  while (!out.empty() && out.back() == '/') out.pop_back();
  return asciiLower(out);
}

/// The resource a file is named for: `role.ts` -> "role", `roles.routes.js` -> "roles",
/// `tasks/index.ts` -> "tasks", `user_routes.py` -> "user"; "" when none.
std::string fileResource(std::string_view file) {
  std::string_view base = core::text::baseName(file);
  std::string_view stem = base.substr(0, base.find('.'));
  for (std::string_view generic : {"index", "routes", "router", "handler", "handlers", "controller", "api", "views",
                                   "urls", "main", "app", "server", "mod"})
    if (stem == generic) {
      std::string_view dir = file.substr(0, file.size() - base.size());
      if (!dir.empty()) dir.remove_suffix(1);
      stem = core::text::baseName(dir);
      break;
    }
  for (std::string_view suffix : {"_routes", "-routes", "_router", "-router", "_handler", "-handler", "_controller",
                                  "-controller", "_views", "_api"})
    if (stem.size() > suffix.size() && stem.ends_with(suffix)) stem.remove_suffix(suffix.size());
  return asciiLower(stem);
}

/// The text from a route's registration line up to the end of its handler: decorators,
/// middleware and options (`preHandler: request.isAdmin`) and the handler itself.
std::string_view routeText(const RuleContext& ctx, const core::Route& r) {
  auto src = ctx.source();
  std::uint32_t from = ctx.file().lines.lineStart(std::min(r.line, ctx.file().lines.lineCount() - 1));
  std::uint32_t to = r.handlerEnd > from && r.handlerEnd <= src.size() ? r.handlerEnd : from;
  if (r.handlerStart > 0 && r.handlerStart < from) from = r.handlerStart;  // decorators below the handler start
  return src.substr(from, to - from);
}

/// A role or admin check (`request.isAdmin(reply)`, `@admin_required`, `requireRole("admin")`,
/// `@Roles(Role.Admin)`, `user.role === "admin"`).
bool roleGate(std::string_view text) {
  std::string l = asciiLower(text);
  for (auto w : {"isadmin(", "ismoderator(", "is_admin", "is_moderator", "requirerole", "require_role", "hasrole",
                 "has_role", "roles_required", "admin_required", "admin_only", "adminonly", "@roles(", "rolesguard",
                 "checkrole", "check_role", "authorizeroles", "restrictto(", "role ===", "role !==", "role ==",
                 "role !=", "isadminuser"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool userResource(std::string_view prefix) {
  std::string_view last = core::text::baseName(prefix);
  for (auto w : {"users", "user", "profiles", "profile", "members", "member", "authors", "author", "people"})
    if (last == w) return true;
  return false;
}

bool mutating(const std::string& m) {
  std::string u = asciiLower(m);
  return u == "put" || u == "patch" || u == "delete" || u == "post" || u == "*";
}

bool ownRecordRoute(std::string_view path) {
  std::string l = asciiLower(path);
  return l.ends_with("/me") || l.find("/me/") != std::string::npos;
}

}  // namespace

std::string resourcePath(std::string_view path, std::string_view file) {
  bool leading = (path.size() > 1 && path[0] == '/' && paramStart(path[1])) || (!path.empty() && paramStart(path[0]));
  std::string res = fileResource(file);
  if (!leading || res.empty()) return std::string(path);
  return "/" + res + (path[0] == '/' ? "" : "/") + std::string(path);
}

bool verifiesCurrentPassword(std::string_view handler) {
  std::string l = asciiLower(handler);
  bool field = false;
  for (auto w : {"old_password", "oldpassword", "current_password", "currentpassword", "old-password",
                 "current-password", "existing_password", "existingpassword"})
    field = field || l.find(w) != std::string::npos;
  if (!field) return false;
  for (auto w : {"comparepassword(", "verify_password(", "verifypassword(", "check_password_hash(", "check_password(",
                 "bcrypt.compare(", "bcrypt.comparesync(", "comparehashandpassword(", "argon2.verify(",
                 "checkpw(", "passwordmatches(", "validatepassword(", "ispasswordvalid(", "matchpassword("})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool roleGated(const RuleContext& ctx, const core::Route& route) { return roleGate(routeText(ctx, route)); }

std::string sharedByDesign(const RuleContext& ctx, const core::Route& route) {
  const auto& routes = ctx.facts().routes;
  std::string prefix = resourcePrefix(route.path);
  auto src = ctx.source();
  // A public profile: `/users/<id>` beside `/me`, with no change to a user by id.
  if (userResource(resourcePrefix(resourcePath(route.path, ctx.file().path)))) {
    bool me = false, writesById = false;
    for (const auto& r : routes) {
      me = me || ownRecordRoute(r.path);
      writesById = writesById || (mutating(r.method) && hasParam(r.path) && resourcePrefix(r.path) == prefix);
    }
    if (me && !writesById) return "public profile";
  }
  // A shared record: an unscoped list of the resource, and role gates on its other routes.
  bool unscopedList = false, gated = false;
  for (const auto& r : routes) {
    if (&r == &route || resourcePrefix(r.path) != prefix) continue;
    std::string m = asciiLower(r.method);
    if ((m == "get" || m.empty()) && !hasParam(r.path) && r.handlerEnd > r.handlerStart && r.handlerEnd <= src.size())
      unscopedList = unscopedList || !mentionsPrincipal(src.substr(r.handlerStart, r.handlerEnd - r.handlerStart));
    gated = gated || roleGate(routeText(ctx, r));
  }
  if (unscopedList && gated) return "shared record";
  return "";
}

}  // namespace agentlens::rules::object_access
