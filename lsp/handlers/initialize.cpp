// initialize: capabilities, position encoding, roots and initial settings.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> initialize(Call& c) { return c.server.initialize(c.params); }
}  // namespace agentlens::lsp::handlers
