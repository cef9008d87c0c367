#include "project/project_scan.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>

#include <spdlog/spdlog.h>

#include "core/cache/result_cache.hpp"
#include "core/config/config.hpp"
#include "core/workspace_pass.hpp"
#include "report/stats.hpp"
#include "rules/engine.hpp"
#include "rules/readiness_info.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_analyzer.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::project {
namespace {

namespace fs = std::filesystem;

/// Reads a file under `root` for workspace checks: regular files only, inside the root, capped.
rules::WorkspaceView::Reader rootReader(const std::string& root) {
  std::error_code ec;
  auto base = fs::weakly_canonical(root, ec);
  return [base](const std::string& rel) -> std::optional<std::string> {
    if (rel.empty() || rel.find("..") != std::string::npos || rel.front() == '/') return std::nullopt;
    std::error_code e;
    auto p = fs::weakly_canonical(base / rel, e);
    if (e) return std::nullopt;
    auto [a, b] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
    if (a != base.end() || !fs::is_regular_file(p, e)) return std::nullopt;
    if (fs::file_size(p, e) > 2 * 1024 * 1024) return std::nullopt;
    std::string text, err;
    if (!core::readFile(p.string(), text, err)) return std::nullopt;
    return text;
  };
}

}  // namespace

std::string projectRoot(const std::vector<std::string>& paths) {
  std::error_code ec;
  fs::path root = paths.size() == 1 && fs::is_directory(paths[0], ec) ? fs::path(paths[0]) : fs::current_path(ec);
  return fs::absolute(root, ec).lexically_normal().string();
}

std::unique_ptr<Project> makeProject(const std::string& root, const ProjectFlags& flags, std::string& error) {
  ProjectOptions po;
  po.root = root;
  po.explicitConfig = flags.config;
  po.cli.select = core::splitList(flags.select);
  po.cli.extendSelect = core::splitList(flags.extendSelect);
  po.cli.ignore = core::splitList(flags.ignore);
  po.baselineFile = flags.baseline;
  po.useBaseline = flags.useBaseline;
  if (!flags.config.empty() && !fs::exists(flags.config)) error = flags.config + ": config file not found";
  auto p = std::make_unique<Project>(po);
  const auto infos = p->knownRules();
  for (const auto* list : {&po.cli.select, &po.cli.extendSelect, &po.cli.ignore})
    for (const auto& name : *list) {
      bool ok = name == "all" || name == "ALL" || core::categoryFromName(name).has_value() ||
                std::any_of(infos.begin(), infos.end(), [&](const core::KnownRule& r) { return r.id == name; });
      if (!ok) error = "unknown rule or category '" + name + "' (agentlens rules lists them)";
    }
  return p;
}

std::optional<ProjectScan> scanProject(std::vector<std::string> paths, const ScanSettings& settings, std::string& error) {
  const ProjectFlags& flags = settings.flags;
  if (paths.empty()) paths.push_back(".");
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) {
      error = p + ": no such file or directory";
      return std::nullopt;
    }
  }
  ProjectScan s;
  std::string usageError;
  s.project = makeProject(projectRoot(paths), flags, usageError);
  if (!usageError.empty()) {
    error = usageError;
    return std::nullopt;
  }
  Project& proj = *s.project;
  auto engine = proj.engine();
  s.rules = engine->rules();
  core::ScanOptions scanOpts;
  scanOpts.threads = settings.threads;
  scanOpts.parseTimeout = std::chrono::milliseconds(static_cast<std::int64_t>(settings.parseTimeoutSeconds * 1000));
  scanOpts.analysisTimeout = scanOpts.parseTimeout;  // the same budget, for each phase
  scanOpts.discovery.maxFileBytes = settings.maxFileBytes;
  scanOpts.configFor = [&](const core::DiscoveredFile& f) { return proj.configFor(f.absPath); };
  scanOpts.progress = settings.progress;
  core::ResultCache cache(settings.noCache ? std::string() : core::ResultCache::defaultDir());
  scanOpts.cache = &cache;
  s.result = core::scan(paths, *engine, scanOpts);
  if (settings.statsOut) *settings.statsOut << report::renderStats(s.result, cache.dir());
  // Workspace checks judge a whole project: they run when one directory is scanned.
  if (paths.size() == 1 && fs::is_directory(paths[0])) {
    // The same pass the language server runs (core/workspace_pass.hpp): cross-file knowledge for
    // the engine's rules, then every workspace check.
    auto checks = rules::allWorkspaceChecks();
    rules::WorkspaceAnalyzer whole(engine, std::vector<const rules::WorkspaceCheck*>(checks.begin(), checks.end()));
    core::runWorkspacePass(whole, s.result.files, rootReader(paths[0]), proj.serviceOptions(),
                           [&](const core::FileResult& file) -> std::shared_ptr<const core::FileConfig> {
                             if (file.absPath.empty()) return nullptr;  // an anchor no rule analysed
                             return proj.configFor(file.absPath);
                           });
  }
  // Problems in config and custom rule files are findings on those files (never silent).
  for (auto& d : proj.diagnostics()) {
    std::string abs = d.path;
    d.path = proj.relativePath(abs);
    auto it = std::find_if(s.result.files.begin(), s.result.files.end(), [&](const auto& f) { return f.path == d.path; });
    if (it == s.result.files.end()) {
      core::FileResult fr;
      fr.path = d.path;
      fr.absPath = abs;
      fr.lang = core::Lang::Toml;
      s.result.files.push_back(std::move(fr));
      it = s.result.files.end() - 1;
    }
    it->findings.push_back(std::move(d));
  }
  std::sort(s.result.files.begin(), s.result.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  s.result.stats.files = s.result.files.size();
  return s;
}

void finishScan(ProjectScan& s) {
  if (s.project->baseline())
    for (auto& f : s.result.files) s.project->applyBaseline(f);
  std::vector<const rules::Rule*> scored;
  for (const rules::Rule* r : s.rules)
    if (!core::isToolDiagnostic(r->meta().id)) scored.push_back(r);
  core::ReadinessInput ri;
  ri.rules = rules::ruleInfos(scored);
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) ri.rules.push_back(rules::checkInfo(c->meta()));
  ri.files = &s.result.files;
  ri.services = s.project->serviceOptions();
  s.readiness = core::computeReadiness(ri);
  for (const auto& d : ri.services.declared)
    if (std::none_of(s.readiness.services.begin(), s.readiness.services.end(),
                     [&](const auto& svc) { return svc.root == d.root; }))
      spdlog::warn("[services] declares `{}`, which has no analysed files: it is not scored",
                   d.root.empty() ? "." : d.root);
}

std::vector<const rules::RuleMeta*> ruleMetas(const rules::Engine* engine) {
  std::vector<const rules::RuleMeta*> out;
  for (const rules::Rule* r : rules::allRules()) out.push_back(&r->meta());
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) out.push_back(&c->meta());
  if (engine)
    for (const rules::Rule* r : engine->rules())
      if (!rules::findRule(r->meta().id)) out.push_back(&r->meta());
  return out;
}

std::string explainText(const rules::RuleMeta& m) {
  std::string out = "# " + std::string(m.id) + "\n\n" + std::string(m.summary) + "\n\n";
  out += "Category: " + std::string(core::categoryName(m.category)) +
         " · Severity: " + std::string(core::severityName(m.severity)) +
         " · Fix: " + std::string(m.fix ? core::applicabilityName(*m.fix) : "none") + "\n\n";
  out += m.docs;
  return out;
}

}  // namespace agentlens::project

namespace agentlens::project {

bool isBlocker(const core::Finding& f) {
  bool gate = false;
  if (const rules::Rule* r = rules::findRule(f.ruleId)) gate = r->meta().gate;
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks())
    if (c->meta().id == f.ruleId) gate = c->meta().gate;
  return gate && (f.severity == core::Severity::Critical ||
                  (f.severity == core::Severity::High && f.confidence == core::Confidence::High));
}

}  // namespace agentlens::project
