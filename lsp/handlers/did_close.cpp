// textDocument/didClose: the file reverts to its disk content (its diagnostics follow).
#include <malloc.h>

#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didClose(Call& c) {
  c.server.workspace().close(c.server.pathOf(c.params["textDocument"]["uri"]));
  malloc_trim(0);
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
