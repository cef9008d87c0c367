// Where no-health-endpoint points for frameworks whose app object is not built in the entry
// module: the root NestJS controller, the Hono file that mounts the sub-apps.
#pragma once
#include <string>
#include <vector>

#include "core/index/workspace_index.hpp"
#include "rules/workspace/stack.hpp"

namespace agentlens::rules {

/// Services deployed from their own Dockerfile (`services/auth-api/Dockerfile`) inside a
/// repository whose health route lives in another of them: each such unit with routes and no
/// health route, anchored after its last route registration (where its health route belongs).
struct UnitAnchor {
  std::string unit;  ///< the folder with the Dockerfile
  Anchor at;
};
std::vector<UnitAnchor> unitsWithoutHealth(const std::vector<core::RouteRef>& routes,
                                       const std::vector<const core::FileResult*>& files);

/// The line where a health route belongs, or an invalid anchor when the routes say nothing.
Anchor healthRouteAnchor(const std::vector<core::RouteRef>& routes, const std::vector<const core::FileResult*>& files);

}  // namespace agentlens::rules
