// Where no-health-endpoint points for frameworks whose app object is not built in the entry
// module: the root NestJS controller, the Hono file that mounts the sub-apps.
#pragma once
#include <vector>

#include "core/index/workspace_index.hpp"
#include "rules/workspace/stack.hpp"

namespace agentlens::rules {

/// The line where a health route belongs, or an invalid anchor when the routes say nothing.
Anchor healthRouteAnchor(const std::vector<core::RouteRef>& routes, const std::vector<const core::FileResult*>& files);

}  // namespace agentlens::rules
