// textDocument/diagnostic (pull): the current findings, `unchanged` when the client's resultId
// is still current. An analysed version is answered at once; an open document whose latest edit
// is not analysed yet waits for it, and its analysis starts now (the client debounced already:
// the server's debounce is for push).
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> documentDiagnostic(Call& c) {
  std::string path = c.server.pathOf(c.params["textDocument"]["uri"]);
  std::optional<std::string> previous;
  if (auto p = c.params.opt("previousResultId")) previous = p->str();
  auto& ws = c.server.workspace();
  auto doc = ws.document(path);
  auto diags = ws.diagnostics(path);
  if (doc && (!diags || !diags->version || *diags->version != doc->version)) {
    c.server.diagnostics().deferPull(path, c.id, previous);
    ws.expedite(path);
    return std::nullopt;
  }
  if (!diags) {
    // Not analysed (e.g. a config file): it may still carry invalid-config findings.
    core::FileDiagnostics none;
    none.path = path;
    none.text = std::make_shared<const std::string>();
    return c.server.diagnostics().documentReport(none, previous);
  }
  return c.server.diagnostics().documentReport(*diags, previous);
}
}  // namespace agentlens::lsp::handlers
