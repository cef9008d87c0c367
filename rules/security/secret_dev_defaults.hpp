// hardcoded-secret and secret-env-default seen from the whole workspace: a committed value that
// only a developer's set-up uses is not the secret production runs with.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops two kinds of development defaults from `files`' findings:
/// - a split-settings base `SECRET_KEY` (already marked "the production settings module sets its
///   own") when every WSGI/ASGI entry point defaults DJANGO_SETTINGS_MODULE to another module:
///   production never loads the base key;
/// - a datastore password (`DATABASE_PASSWORD`, `POSTGRES_PASSWORD`) written as a value or an
///   environment fallback that equals the password the repository's local compose file or example
///   env file gives the development database: production's database has its own, and a client
///   presenting this one is refused (it fails closed).
void secretDevDefaults(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
