// agentlens/readiness: the readiness model (docs/protocol.md).
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> readiness(Call& c) { return c.server.readiness(); }
}  // namespace agentlens::lsp::handlers
