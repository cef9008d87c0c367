// textDocument/didClose: the file reverts to its disk content (its diagnostics follow).
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didClose(Call& c) {
  c.server.workspace().close(c.server.pathOf(c.params["textDocument"]["uri"]));
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
