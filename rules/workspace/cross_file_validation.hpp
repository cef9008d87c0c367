// unvalidated-request-body across files: an Express controller whose route, in another file, runs
// a validator middleware first (`router.post("/login", validate(schema), auth.login)`).
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops the unvalidated-request-body findings of JS/TS handlers that every route reaching them
/// (by `module.handler` reference from a file importing their module) validates with middleware.
void validationAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view,
                           const WorkspaceView::Reader& read);

}  // namespace agentlens::rules
