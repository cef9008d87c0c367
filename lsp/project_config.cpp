// Project configuration of the server: roots, editor settings, one core::ProjectModel per root,
// and the config files' own problems (invalid-config findings and one window/showMessage).
//
// Precedence, lowest first: rule defaults < the nearest config file of the analysed file
// (.agentlens.toml, else [tool.agentlens] in pyproject.toml, found exactly as `agentlens check`
// finds it; its [[overrides]] in order) < the editor's `select` / `ignore` (a layer applied after
// every config file, as the CLI's --select / --ignore are) < the editor's `severity` map (the
// reported level only). `enable: false` turns everything off.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "lsp/server.hpp"

namespace agentlens::lsp {

void Server::setRoots(std::vector<std::string> roots) {
  roots_ = std::move(roots);
  openProjects();
  refreshConfigDiagnostics();
  startIndexProgress();
  workspace_->setRoots(roots_);
}

void Server::pullConfiguration() {
  json items = json::array();
  items.push_back({{"section", "agentlens"}});
  request("workspace/configuration", {{"items", items}}, [this, alive = alive_](const json* result) {
    if (!*alive || !result || !result->is_array() || result->empty()) return;
    // null: the client has no "agentlens" section; initializationOptions stay in force.
    if ((*result)[0].is_null()) return;
    applySettings((*result)[0], "workspace/configuration");
  });
}

void Server::applySettings(const json& raw, std::string_view origin) {
  std::vector<std::string> warnings;
  Settings next = parseSettings(raw, warnings);
  for (const auto& w : warnings) {
    spdlog::warn("lsp: {}: {}", origin, w);
    logMessage(2, "agentlens settings: " + w);
  }
  if (next == settings_) return;
  bool analyzerChanged = next.select != settings_.select || next.ignore != settings_.ignore;
  settings_ = std::move(next);
  spdlog::info("lsp: settings changed ({})", origin);
  if (analyzerChanged) {
    rebuildAnalyzer();  // every file is re-analysed and re-reported (workspace checks use it too)
    if (env_.openProject) {
      openProjects();  // the editor layer is part of every project's configuration
      refreshConfigDiagnostics();
    }
  } else {
    // Presentation-only change (severity, scope, enable): re-send what we have.
    for (const auto& d : workspace_->allDiagnostics()) deliverDiagnostics(d);
  }
  publisher_->refresh();
}

void Server::rebuildAnalyzer() {
  workspace_->setAnalyzer(env_.makeAnalyzer(selectedRules(settings_, env_.rules)));
}

// ---------------------------------------------------------------------------------------------
// Project configuration
//
// Precedence, lowest first: rule defaults < the nearest config file of the analysed file
// (.agentlens.toml, else [tool.agentlens] in pyproject.toml, found exactly as `agentlens check`
// finds it; its [[overrides]] in order) < the editor's `select` / `ignore` (a layer applied after
// every config file, as the CLI's --select / --ignore are) < the editor's `severity` map (the
// reported level only). `enable: false` turns everything off.

void Server::openProjects() {
  projects_.clear();
  if (env_.openProject) {
    core::ConfigLayer client = clientLayer(settings_);
    for (const auto& root : roots_) {
      auto norm = std::filesystem::path(root).lexically_normal().string();
      if (norm.size() > 1 && norm.ends_with('/')) norm.pop_back();
      try {
        if (auto p = env_.openProject(norm, client)) {
          // Load the root's own config now, so its problems show before any file is analysed
          // (nested config files load with the first file below them).
          (void)p->configFor((std::filesystem::path(norm) / ".agentlens-root").string());
          projects_[norm] = std::move(p);
        }
      } catch (const std::exception& e) {
        spdlog::error("lsp: cannot open the project at {}: {}", norm, e.what());
      }
    }
  }
  installAnalysisProvider();
}

void Server::installAnalysisProvider() {
  if (!env_.openProject) return;
  // Workers read an immutable snapshot; the session thread replaces it.
  auto snapshot = std::make_shared<const std::map<std::string, std::shared_ptr<core::ProjectModel>>>(projects_);
  std::shared_ptr<const core::Analyzer> outside = env_.makeAnalyzer(selectedRules(settings_, env_.rules));
  // The workspace checks of a root read its project's `[services]` (as `check` does).
  workspace_->setServicesProvider([snapshot](const std::string& root) {
    std::string r = std::filesystem::path(root).lexically_normal().string();
    if (r.size() > 1 && r.ends_with('/')) r.pop_back();
    auto it = snapshot->find(r);
    return it == snapshot->end() ? core::ServiceOptions{} : it->second->serviceOptions();
  });
  workspace_->setAnalysisProvider([snapshot, outside](const std::string& path) {
    const std::shared_ptr<core::ProjectModel>* best = nullptr;
    std::size_t bestLen = 0;
    for (const auto& [root, p] : *snapshot) {
      bool inside = path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                    (root.back() == '/' || path[root.size()] == '/');
      if (inside && root.size() >= bestLen) {
        best = &p;
        bestLen = root.size();
      }
    }
    core::FileAnalysis fa;
    if (!best) {
      fa.analyzer = outside;  // a file outside every root: the editor's selection, no config
      return fa;
    }
    std::shared_ptr<core::ProjectModel> proj = *best;
    fa.analyzer = proj->analyzer();
    fa.config = proj->configFor(path);
    fa.finish = [proj](core::FileResult& r) { proj->applyBaseline(r); };
    return fa;
  });
}

bool Server::isConfigPath(const std::string& path) {
  std::filesystem::path p(path);
  auto name = p.filename().string();
  if (name == ".agentlens.toml" || name == "pyproject.toml" || name == ".agentlens-baseline.json") return true;
  return p.extension() == ".toml" && p.parent_path().filename() == "rules" &&
         p.parent_path().parent_path().filename() == ".agentlens";
}

bool Server::reloadConfig() {
  auto t0 = std::chrono::steady_clock::now();
  bool changed = false;
  for (auto& [root, p] : projects_) {
    try {
      changed = p->reload() || changed;
    } catch (const std::exception& e) {
      spdlog::error("lsp: reloading the configuration of {} failed: {}", root, e.what());
    }
  }
  if (!changed) return false;
  workspace_->reanalyzeAll();
  refreshConfigDiagnostics();
  publisher_->refresh();
  spdlog::info("lsp: configuration reloaded in {:.1f} ms", std::chrono::duration<double, std::milli>(
                                                              std::chrono::steady_clock::now() - t0).count());
  return true;
}

const std::vector<core::Finding>* Server::configFindings(const std::string& path) const {
  auto it = configFindings_.find(path);
  return it == configFindings_.end() ? nullptr : &it->second;
}

std::vector<std::string> Server::configFilePaths() const {
  std::vector<std::string> out;
  for (const auto& [path, f] : configFindings_) out.push_back(path);
  return out;
}

void Server::refreshConfigDiagnostics() {
  std::map<std::string, std::vector<core::Finding>> next;
  for (const auto& [root, p] : projects_) {
    for (auto& f : p->diagnostics()) {
      auto& list = next[f.path];
      // Roots may share a config file above them: report each problem once.
      bool dup = std::any_of(list.begin(), list.end(), [&](const core::Finding& g) {
        return g.range.start == f.range.start && g.message == f.message;
      });
      if (!dup) list.push_back(std::move(f));
    }
  }
  std::set<std::string> touched;
  for (const auto& [path, list] : configFindings_) touched.insert(path);
  for (const auto& [path, list] : next) touched.insert(path);
  bool same = next.size() == configFindings_.size() &&
              std::equal(next.begin(), next.end(), configFindings_.begin(), [](const auto& a, const auto& b) {
                return a.first == b.first && a.second.size() == b.second.size() &&
                       std::equal(a.second.begin(), a.second.end(), b.second.begin(), [](const auto& x, const auto& y) {
                         return x.range.start == y.range.start && x.message == y.message;
                       });
              });
  configFindings_ = std::move(next);
  if (same) return;
  ++configGeneration_;
  for (const auto& path : touched) publisher_->publishPath(path);
  showConfigProblems();
}

void Server::showConfigProblems() {
  // One window/showMessage per broken state: not again while the same problems stay.
  if (configFindings_.empty()) {
    shownConfigProblems_.clear();
    return;
  }
  std::string signature;
  const core::Finding* first = nullptr;
  std::size_t count = 0;
  for (const auto& [path, list] : configFindings_)
    for (const auto& f : list) {
      signature += path + ":" + std::to_string(f.start.line) + ":" + f.message + "\n";
      if (!first) first = &f;
      ++count;
    }
  if (signature == shownConfigProblems_) return;
  shownConfigProblems_ = signature;
  auto root = workspace_->rootOf(first->path);
  std::string shown = root ? std::filesystem::path(first->path).lexically_relative(*root).string() : first->path;
  std::string msg = "AgentLens: invalid configuration: " + shown + ":" + std::to_string(first->start.line + 1) + ": " +
                    first->message;
  if (count > 1) msg += " (and " + std::to_string(count - 1) + " more problem" + (count > 2 ? "s" : "") + ")";
  msg += ". The rest of the configuration still applies.";
  notify("window/showMessage", {{"type", 2}, {"message", msg}});
}

}  // namespace agentlens::lsp
