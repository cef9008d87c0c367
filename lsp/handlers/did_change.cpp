// textDocument/didChange: incremental (ranged) or full changes, in the negotiated encoding.
#include <spdlog/spdlog.h>

#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didChange(Call& c) {
  auto doc = c.params["textDocument"];
  std::string path = c.server.pathOf(doc["uri"]);
  auto version = doc["version"].integer();
  auto list = c.params["contentChanges"];
  std::vector<core::ContentChange> changes;
  changes.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto ch = list.at(i);
    core::ContentChange change;
    if (auto r = ch.opt("range")) change.range = parseRange(*r);
    change.text = ch["text"].str();
    changes.push_back(std::move(change));
  }
  auto& ws = c.server.workspace();
  if (!ws.isOpen(path)) throw RpcError(ErrorCode::InvalidParams, "params.textDocument.uri: document is not open");
  std::string error;
  if (!ws.change(path, version, changes, c.server.encoding(), &error)) {
    // The document was dropped (never kept diverged); its diagnostics are cleared by the
    // workspace's report. The user must see this: edits since are not analysed.
    spdlog::warn("lsp: {}: {}", path, error);
    c.server.logMessage(1, "agentlens: could not apply an edit to " + path + " (" + error +
                               "); reopen the file to resume analysis");
  }
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
