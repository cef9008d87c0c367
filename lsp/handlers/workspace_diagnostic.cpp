// workspace/diagnostic (pull): every indexed file's findings in one (non-streamed) report, with
// `unchanged` entries for files whose resultId the client already has.
#include <algorithm>
#include <map>

#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> workspaceDiagnostic(Call& c) {
  std::map<std::string, std::string> previous;
  if (auto list = c.params.opt("previousResultIds")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto e = list->at(i);
      previous[e["uri"].str()] = e["value"].str();
    }
  }
  json items = json::array();
  auto all = c.server.workspace().allDiagnostics();
  // Config files with problems are reported whatever the scope (they may not be analysed).
  for (const auto& path : c.server.configFilePaths()) {
    if (std::any_of(all.begin(), all.end(), [&](const auto& d) { return d.path == path; })) continue;
    core::FileDiagnostics none;
    none.path = path;
    none.text = std::make_shared<const std::string>();
    all.push_back(std::move(none));
  }
  bool everything = c.server.settings().diagnosticsScope == "workspace";
  {
    auto configPaths = c.server.configFilePaths();
    for (const auto& d : all) {
      if (!everything && std::find(configPaths.begin(), configPaths.end(), d.path) == configPaths.end()) continue;
      std::string uri = pathToUri(d.path);
      std::optional<std::string> prev;
      if (auto it = previous.find(uri); it != previous.end()) prev = it->second;
      json report = c.server.diagnostics().documentReport(d, prev);
      if (report["kind"] == "full" && report["items"].empty() && !prev) continue;  // nothing to show
      report["uri"] = uri;
      report["version"] = d.version ? json(*d.version) : json(nullptr);
      items.push_back(std::move(report));
    }
  }
  return json{{"items", items}};
}
}  // namespace agentlens::lsp::handlers
