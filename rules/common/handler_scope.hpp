// Request-handler scope: is the node being visited inside an HTTP handler? Used by the database
// and deployment rules ("inside a handler"). Prefers the route registry (Facts::routeAt) and
// falls back to local syntax (route decorators, framework registration calls, handler
// signatures) so the rules work before and beside the registry.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

/// True when `fn` (a function node) looks like an HTTP handler by its own syntax:
/// Python route decorators (`@app.get(...)`, `@bp.route(...)`, `@router.post(...)`, `@api_view`),
/// JS functions passed to `app|router.<verb>(path, …)` or exported as `GET`/`POST`/… from a
/// Next.js route module, Go functions with `(http.ResponseWriter, *http.Request)`,
/// `*gin.Context`, `echo.Context` or `*fiber.Ctx` parameters. `parent` is fn's parent node.
bool looksLikeHandler(ts::Node fn, ts::Node parent, std::string_view src, core::Lang lang);

/// The innermost enclosing function of the visited node that is a request handler (by the route
/// registry or by looksLikeHandler), or a null node. Only the innermost function is considered:
/// a callback defined inside a handler counts as the handler's own code.
ts::Node enclosingHandlerNode(const RuleContext& ctx);

/// The path literal a JS/Python/Go route registration gives its handler (`"/health"`), or "".
std::string_view routePathOf(ts::Node fn, ts::Node parent, std::string_view src, core::Lang lang);

}  // namespace agentlens::rules
