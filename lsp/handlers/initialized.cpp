// initialized: register watchers, pull configuration, start the background index.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {

void Server::initialized() {
  registerWatchers();
  refreshConfigDiagnostics();
  if (caps_.configuration) pullConfiguration();
  startIndexProgress();
  workspace_->setRoots(roots_);
}

void Server::registerWatchers() {
  std::vector<json> registrations;
  if (caps_.watchedFilesDynamic) {
    // Sources, project config and manifests: changes made outside the editor (git checkout,
    // generators, package managers) must reach the index.
    json watchers = json::array();
    for (const char* glob :
         {"**/*.{py,js,jsx,mjs,cjs,ts,mts,cts,tsx,go}", "**/.agentlens.toml", "**/pyproject.toml",
          "**/.agentlens/rules/*.toml", "**/.agentlens-baseline.json", "**/package.json",
          "**/requirements*.txt", "**/go.mod", "**/Dockerfile*", "**/.env*", "**/.gitignore",
          "**/*.{yml,yaml}"})
      watchers.push_back({{"globPattern", glob}});
    registrations.push_back({{"id", "agentlens-watch"},
                             {"method", "workspace/didChangeWatchedFiles"},
                             {"registerOptions", {{"watchers", watchers}}}});
  }
  if (caps_.configurationDynamic)
    registrations.push_back({{"id", "agentlens-config"}, {"method", "workspace/didChangeConfiguration"}});
  if (!registrations.empty()) request("client/registerCapability", {{"registrations", registrations}});
}

}  // namespace agentlens::lsp

namespace agentlens::lsp::handlers {
std::optional<json> initialized(Call& c) {
  c.server.initialized();
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
