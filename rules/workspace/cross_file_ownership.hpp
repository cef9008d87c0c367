// object-access-without-ownership-check across files: an ownership check presupposes a caller.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops the object-access-without-ownership-check findings of routes that nothing authenticates
/// once the whole service is seen: with no caller there is no owner to compare, and the gap is
/// the missing authentication itself (route-without-auth reports it, or the route is public).
void ownershipNeedsAuth(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
