// $/setTrace: accepted; logging verbosity is controlled by --log-level.
#include "lsp/handlers/handlers.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> setTrace(Call&) { return std::nullopt; }
}  // namespace agentlens::lsp::handlers
