// initialize: capabilities, position encoding, roots and initial settings.
#include <spdlog/spdlog.h>

#include <filesystem>

#include "agentlens/version.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {

json Server::initialize(const Field& params) {
  params.requireObject();
  caps_ = parseClientCapabilities(params.raw().value("capabilities", json::object()));
  encoding_ = negotiateEncoding(caps_);

  std::vector<std::string> roots;
  if (auto folders = params.opt("workspaceFolders")) {
    for (std::size_t i = 0; i < folders->size(); ++i) roots.push_back(pathOf((*folders).at(i)["uri"]));
  } else if (auto rootUri = params.opt("rootUri")) {
    roots.push_back(pathOf(*rootUri));
  } else if (auto rootPath = params.opt("rootPath")) {
    roots.push_back(std::filesystem::path(rootPath->str()).lexically_normal().string());
  }
  roots_ = std::move(roots);

  std::vector<std::string> warnings;
  if (auto init = params.opt("initializationOptions")) settings_ = parseSettings(init->raw(), warnings);
  for (const auto& w : warnings) spdlog::warn("lsp: settings: {}", w);

  auto ruleIds = selectedRules(settings_, env_.rules);
  core::WorkspaceCallbacks& callbacks = *this;
  workspace_ = std::make_unique<core::Workspace>(env_.makeAnalyzer(ruleIds), callbacks, opts_.workspace);
  openProjects();  // before any file is analysed; their problems are published once initialized
  state_ = State::Running;
  spdlog::info("lsp: initialized, encoding {}, {} root(s)", encodingName(encoding_), roots_.size());
  return json{{"capabilities", serverCapabilities(caps_, encoding_)},
              {"serverInfo", {{"name", "agentlens"}, {"version", std::string(kVersion)}}}};
}

}  // namespace agentlens::lsp

namespace agentlens::lsp::handlers {
std::optional<json> initialize(Call& c) { return c.server.initialize(c.params); }
}  // namespace agentlens::lsp::handlers
