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

/// The services, sorted by root. Empty when no folder has both a manifest and a server file.
std::vector<ServiceRoot> findServices(const std::vector<FileResult>& files);

/// The files of `service` (its own and the shared ones), as copies.
std::vector<FileResult> filesOfService(const std::vector<FileResult>& files, const std::vector<ServiceRoot>& all,
                                       const ServiceRoot& service);

}  // namespace agentlens::core
