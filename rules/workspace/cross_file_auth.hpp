// Cross-file knowledge for the authorization rules: route auth and public reasons resolved over
// the whole service, and proxy trust configured in another module.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops the route-without-auth findings of routes that the workspace shows protected (a mount
/// after `app.use(auth)`, a Go group handed to the registering function after `Use(auth)`, a
/// Fastify autohooks file) or public by design once mounted (`/auth` + `/register`).
void routeAuthAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view);

/// Drops untrusted-client-ip findings when Express's `trust proxy` or gin's `SetTrustedProxies`
/// is configured in another module.
void trustProxyElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read);

}  // namespace agentlens::rules
