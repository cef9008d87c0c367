// weak-jwt-verification seen from the workspace: tokens verified with a key that falls back to a
// value written in the repository.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// For each signing key that secret-env-default found with a literal fallback (`SECRET_KEY =
/// os.environ.get("SECRET_KEY") or "…"`), adds a weak-jwt-verification finding to `out` at every
/// `jwt.decode(…)`/`jwt.verify(…)` of non-test code that verifies with that key
/// (`config["SECRET_KEY"]`, `settings.SECRET_KEY`, `process.env.SECRET_KEY`, the bare name):
/// wherever the variable is unset, anyone who reads the repository signs tokens that pass.
void jwtKeyWithKnownFallback(std::vector<core::Finding>& out, const std::vector<core::FileResult>& files,
                             const WorkspaceView& view);

}  // namespace agentlens::rules
