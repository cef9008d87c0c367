// workspace/didChangeWatchedFiles: files changed outside the editor are re-read (or forgotten);
// a changed config, custom-rule or baseline file reloads the projects (no restart).
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didChangeWatchedFiles(Call& c) {
  auto changes = c.params["changes"];
  std::vector<std::string> paths;
  bool config = false;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto ch = changes.at(i);
    (void)ch["type"].integer();
    paths.push_back(c.server.pathOf(ch["uri"]));
    config = config || Server::isConfigPath(paths.back());
  }
  // Config first: the re-analysis of the changed sources then already uses the new settings.
  if (config) c.server.reloadConfig();
  c.server.workspace().filesChanged(paths);
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
