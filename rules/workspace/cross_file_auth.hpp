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

/// Drops object-access-without-ownership-check findings that the workspace shows redundant or
/// moot: a route whose missing authentication is reported on the same line by route-without-auth
/// (there is no caller to own anything), or a GET of a catalog path once its router prefix is known
/// (`/:id` mounted under `/roles`).
void objectAccessAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view);

/// Drops missing-security-headers findings on Fastify apps when any JS/TS module of the workspace
/// registers helmet or sets the headers itself (Fastify plugins live in their own files).
void securityHeadersElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read);

/// Drops Django `CORS_ALLOW_ALL_ORIGINS = True` (or `CORS_ORIGIN_ALLOW_ALL`) findings when a
/// production settings module of the workspace (production.py, prod.py) sets it to False: the
/// reported module holds the development defaults.
void corsOverriddenByProduction(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read);

/// Drops untrusted-client-ip findings when Express's `trust proxy` or gin's `SetTrustedProxies`
/// is configured in another module.
void trustProxyElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read);

}  // namespace agentlens::rules
