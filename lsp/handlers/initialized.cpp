// initialized: register watchers, pull configuration, start the background index.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> initialized(Call& c) {
  c.server.initialized();
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
