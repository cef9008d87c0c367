// textDocument/didSave: the buffer already holds the saved text; nothing to recompute. Kept so
// the method is known (no MethodNotFound noise in client logs).
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didSave(Call& c) {
  (void)c.server.pathOf(c.params["textDocument"]["uri"]);
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
