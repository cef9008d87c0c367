// $/cancelRequest: the reader thread already marked the id (so a queued request is answered
// RequestCancelled when it is reached); here a request waiting for analysis is answered now.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> cancelRequest(Call& c) {
  const json& id = c.params["id"].raw();
  c.server.cancels().mark(id);  // in-process clients bypass the reader thread
  c.server.diagnostics().cancelDeferred(id);
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
