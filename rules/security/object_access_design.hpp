// object-access-without-ownership-check: routes whose design shows that a record loaded by id is
// not the caller's to own (a public profile, a shared record) or that the caller proves it is.
#pragma once
#include <string>
#include <string_view>

namespace agentlens::core {
struct Route;
}

namespace agentlens::rules {
class RuleContext;

namespace object_access {

/// The route's path with its resource named: a path that starts with its parameter (`/:id`,
/// `/{id}/change-password`) registered in a file named for its resource (`handlers/role.ts`,
/// `routes/roles.js`, `tasks/index.ts`) reads as `/role/:id`. Other paths are returned unchanged.
std::string resourcePath(std::string_view path, std::string_view file);

/// The handler verifies a current or old password from the request against the stored one
/// (`comparePassword(old_password)`, `check_password_hash(user.password, data["current_password"])`):
/// the caller proves the account is theirs.
bool verifiesCurrentPassword(std::string_view handler);

/// The route is gated by a role or admin check in its registration or handler
/// (`preHandler: request.isAdmin`, `@admin_required`, `requireRole("admin")`): it is meant for
/// every holder of the role, not for one owner.
bool roleGated(const RuleContext& ctx, const core::Route& route);

/// Why a GET of one record by id needs no owner filter, from the routes around it in the same
/// file, or "" when nothing says so:
/// - a public profile: a users/profiles/members resource whose caller's own record has its own
///   route (`/me`) and whose records are never changed by id in this file;
/// - a shared record: the resource's list route returns every record without a caller filter,
///   and its other routes are gated by role (`isAdmin`, `require_role`): authorization is decided
///   per route by role, and reads are open to every member.
std::string sharedByDesign(const RuleContext& ctx, const core::Route& route);

}  // namespace object_access
}  // namespace agentlens::rules
