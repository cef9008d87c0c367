// permissive-cors across files: CORS origins taken from a settings attribute whose default, in
// another module, is ["*"].
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// permissive-cors: `CORSMiddleware(allow_origins=settings.X, allow_credentials=True)` where the
/// settings class declares `X: List[str] = ["*"]` and nothing assigns X another value.
void corsOriginsFromSettings(std::vector<core::Finding>& out, const WorkspaceView& view);

}  // namespace agentlens::rules
