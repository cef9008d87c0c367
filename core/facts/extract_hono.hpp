// Hono sub-app mounts and @hono/zod-openapi routes (extract_hono.cpp), called from the JS walk.
#pragma once
#include <string_view>
#include <vector>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {

/// `createRoute({ method: "get", path: "/me", middleware: [authCheck] })`: a route, declared here.
void honoCreateRoute(State& st, ts::Node call, const std::vector<ts::Node>& args);
/// `app.route("/users", users)`: a mount; false when the call is not that shape.
bool honoMount(State& st, ts::Node call, std::string_view receiver, const std::vector<ts::Node>& args);
/// `router.openapi(routes.list, handlers.list)`: the routes module's routes are served by this
/// router (a mount without prefix, so the mounts of this router reach them).
void honoOpenApiInclude(State& st, ts::Node call, const std::vector<ts::Node>& args);

}  // namespace agentlens::core::facts_detail
