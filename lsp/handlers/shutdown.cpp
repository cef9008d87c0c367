// shutdown: stop accepting requests; `exit` then ends the process with code 0.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> shutdown(Call& c) {
  c.server.shutdown();
  return json(nullptr);
}
}  // namespace agentlens::lsp::handlers
