// workspace/didChangeWorkspaceFolders: roots added or removed; the index follows.
#include <algorithm>

#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> didChangeWorkspaceFolders(Call& c) {
  auto event = c.params["event"];
  auto roots = c.server.workspace().roots();
  auto removed = event["removed"];
  for (std::size_t i = 0; i < removed.size(); ++i) {
    auto p = c.server.pathOf(removed.at(i)["uri"]);
    roots.erase(std::remove(roots.begin(), roots.end(), p), roots.end());
  }
  auto added = event["added"];
  for (std::size_t i = 0; i < added.size(); ++i) {
    auto p = c.server.pathOf(added.at(i)["uri"]);
    if (std::find(roots.begin(), roots.end(), p) == roots.end()) roots.push_back(p);
  }
  c.server.setRoots(std::move(roots));
  return std::nullopt;
}
}  // namespace agentlens::lsp::handlers
