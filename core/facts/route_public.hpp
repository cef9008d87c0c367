// Routes that are public by their nature: the ones a caller must reach before it has credentials
// (login, registration, token refresh, password reset request), infrastructure (health, metrics,
// docs, static files) and CORS preflight. Shared by the facts (Route::publicReason) and the rules.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::core {

/// A route path's segments, lower case, without a leading /api and /vN: "/api/v1/Users/{id}" ->
/// ["users", "{id}"].
std::vector<std::string> routeSegments(std::string_view path);

/// Why the route is public by design ("login", "registration", "CORS preflight", "health", …),
/// or "" when nothing says so. `path` is the path as registered (router prefixes may be missing:
/// a registration route can read "" under an `include_router(prefix="/users")`), `handler` its
/// handler name and `name` its route name, both used for registration and sign-up endpoints.
std::string publicByDesign(std::string_view method, std::string_view path, std::string_view handler,
                           std::string_view name);

}  // namespace agentlens::core
