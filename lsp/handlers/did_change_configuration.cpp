// workspace/didChangeConfiguration: clients that support workspace/configuration are asked for
// the "agentlens" section (the payload may be empty); others send the settings in the payload.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didChangeConfiguration(Call& c) {
  if (c.server.caps().configuration) {
    c.server.pullConfiguration();
  } else if (auto s = c.params.opt("settings")) {
    c.server.applySettings(s->raw(), "didChangeConfiguration");
  }
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
