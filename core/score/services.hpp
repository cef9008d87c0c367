// Services in a workspace: a folder with its own manifest (package.json, pyproject.toml,
// requirements*.txt, go.mod) and a server entry point below it (a file whose role is server).
// A manifest folder without a server is a frontend (browser code) or a library (other source
// code) when the workspace has a service: scored too, for what applies to it (the rules that judge
// its code; the server checks have nothing to judge there). Each file belongs to the nearest unit
// folder above it; files outside every unit (a root CI workflow, a compose file) are shared
// infrastructure and count for every unit.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::core {

/// What a unit of the workspace is: a service runs (a server entry point below its manifest), a
/// frontend ships browser code, a library is imported by others.
enum class UnitKind : std::uint8_t { Service, Frontend, Library };
std::string_view unitKindName(UnitKind k);
/// "service", "frontend" or "library"; nullopt otherwise.
std::optional<UnitKind> parseUnitKind(std::string_view s);

struct ServiceRoot {
  std::string root;  ///< folder relative to the scanned root ("" = the root itself)
  std::string name;  ///< the folder's name, or "(root)"
  UnitKind kind = UnitKind::Service;
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

/// The units, sorted by root: the services, and when there is one, the frontends and libraries.
/// Empty when no folder has both a manifest and a server file (and none is declared).
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
