// textDocument/didSave: source buffers already hold the saved text (nothing to recompute); a
// saved config, custom-rule or baseline file reloads the projects, for clients that do not
// watch files.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didSave(Call& c) {
  std::string path = c.server.pathOf(c.params["textDocument"]["uri"]);
  if (Server::isConfigPath(path)) c.server.reloadConfig();
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
