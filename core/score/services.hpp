// Services in a workspace: a folder with its own manifest (package.json, pyproject.toml,
// requirements*.txt, go.mod) and a server entry point below it (a file whose role is server).
// Each file belongs to the nearest service folder above it; files outside every service
// (a root CI workflow, a compose file) are shared infrastructure and count for every service.
#pragma once
#include <string>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::core {

struct ServiceRoot {
  std::string root;  ///< folder relative to the scanned root ("" = the root itself)
  std::string name;  ///< the folder's name, or "(root)"
};

/// What `.agentlens.toml` `[services]` says, in paths relative to the scanned root.
struct ServiceOptions {
  /// Non-empty: exactly these folders are the services (detection is off). A declared folder
  /// without any analysed file is left out (findServices does not list it).
  std::vector<ServiceRoot> declared;
  /// Folder globs (config glob syntax, relative to the config's directory): never a service, and
  /// their files count for no service (they stay in the repository roll-up).
  std::vector<std::string> exclude;
  /// The scanned root relative to the config's directory ("" when the config sits at the root):
  /// prefixed to a folder before it is matched against `exclude`.
  std::string excludePrefix;
};

/// The services, sorted by root. Empty when no folder has both a manifest and a server file
/// (and none is declared).
std::vector<ServiceRoot> findServices(const std::vector<FileResult>& files, const ServiceOptions& opts = {});

/// Where a file belongs: `own` is the root of the service that owns it (the deepest service folder
/// above it); a shared file (outside every service) has no owner; an excluded one belongs nowhere.
struct Membership {
  bool excluded = false;
  const ServiceRoot* owner = nullptr;  ///< into `all`; null = shared (or excluded)
};
Membership membershipOf(const std::string& path, const std::vector<ServiceRoot>& all, const ServiceOptions& opts = {});

/// The files of `service` (its own and the shared ones), as copies. Files in an excluded folder
/// belong to no service.
std::vector<FileResult> filesOfService(const std::vector<FileResult>& files, const std::vector<ServiceRoot>& all,
                                       const ServiceRoot& service, const ServiceOptions& opts = {});

}  // namespace agentlens::core
