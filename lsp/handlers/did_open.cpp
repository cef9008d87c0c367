// textDocument/didOpen: the document's text replaces the disk content; analysed first.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didOpen(Call& c) {
  auto doc = c.params["textDocument"];
  std::string path = c.server.pathOf(doc["uri"]);
  auto version = doc["version"].integer();
  c.server.workspace().open(path, version, doc["text"].str());
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
