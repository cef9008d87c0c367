// route-without-auth: the fix. Finds the auth primitive a file already uses most (a Flask
// decorator, a FastAPI dependency, an Express middleware) and adds it to an unprotected route.
#pragma once
#include <optional>
#include <string>

namespace agentlens::core {
struct Finding;
struct Route;
}  // namespace agentlens::core

namespace agentlens::rules {
class RuleContext;

namespace route_auth {

/// The auth primitive this file already uses most, for the fix.
struct Primitive {
  std::string text;  ///< `@login_required`, `Depends:get_current_user`, `requireAuth`
};

/// The most used auth primitive of the file, if any.
std::optional<Primitive> filePrimitive(const RuleContext& ctx);

/// Adds the fix that protects `route` with `p` (Python decorator or dependency, JS middleware).
void addFix(core::Finding& f, RuleContext& ctx, const core::Route& route, const Primitive& p);

}  // namespace route_auth
}  // namespace agentlens::rules
