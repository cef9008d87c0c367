#include "project/project.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "core/config/custom_rule_def.hpp"
#include "core/scan.hpp"
#include "report/baseline_file.hpp"
#include "rules/custom/custom_rules.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace fs = std::filesystem;

namespace agentlens::project {
namespace {

std::vector<core::KnownRule> knownRulesOf(const rules::Engine& engine) {
  std::vector<core::KnownRule> known = engine.knownRules();
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks())
    known.push_back({std::string(c->meta().id), c->meta().category, {}});
  return known;
}


std::string stampText(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
}

}  // namespace

Project::Project(ProjectOptions opts) : opts_(std::move(opts)) {
  std::error_code ec;
  root_ = fs::absolute(opts_.root.empty() ? "." : opts_.root, ec).lexically_normal().string();
  if (root_.size() > 1 && root_.ends_with('/')) root_.pop_back();
  std::lock_guard lock(mu_);
  loadRules();
  loadBaseline();
}

std::string Project::rulesSignature() const {
  std::string sig;
  std::error_code ec;
  fs::path dir = fs::path(root_) / ".agentlens" / "rules";
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) sig += f + "=" + stampText(f) + ";";
  return sig;
}

std::string Project::baselineSignature() const { return stampText(baselinePath()); }

std::string Project::baselinePath() const {
  return opts_.baselineFile.empty() ? (fs::path(root_) / core::kDefaultBaselineFile).string() : opts_.baselineFile;
}

void Project::loadRules() {
  std::vector<const rules::Rule*> builtins(rules::allRules().begin(), rules::allRules().end());
  std::vector<std::string> ids;
  for (const auto* r : builtins) ids.emplace_back(r->meta().id);
  rulesSig_ = rulesSignature();
  core::CustomRuleFile custom = core::loadCustomRules((fs::path(root_) / ".agentlens" / "rules").string(), ids);
  ruleDiagnostics_ = std::move(custom.diagnostics);
  std::shared_ptr<const rules::CustomRuleSet> set;
  if (!custom.rules.empty()) set = std::make_shared<const rules::CustomRuleSet>(std::move(custom.rules));
  engine_ = std::make_shared<const rules::Engine>(builtins, set);
  // Rule ids feed config validation: a new resolver goes with a new engine.
  core::ResolverOptions ro;
  ro.explicitConfig = opts_.explicitConfig;
  ro.cli = opts_.cli;
  resolver_ = std::make_shared<core::ConfigResolver>(knownRulesOf(*engine_), std::move(ro));
}

std::vector<core::KnownRule> Project::knownRules() const { return knownRulesOf(*engine()); }

void Project::loadBaseline() {
  baseline_.reset();
  baselineError_.clear();
  baselineSig_ = baselineSignature();
  if (!opts_.useBaseline) return;
  std::string path = baselinePath();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!opts_.baselineFile.empty()) baselineError_ = path + ": baseline file not found";
    return;
  }
  std::string text, err;
  if (!core::readFile(path, text, err)) {
    baselineError_ = path + ": cannot read baseline (" + err + ")";
    return;
  }
  auto b = report::parseBaseline(text, err);
  if (!b) {
    baselineError_ = path + ": not a valid baseline: " + err;
    return;
  }
  baseline_ = std::make_shared<const core::Baseline>(std::move(*b));
}

std::shared_ptr<const rules::Engine> Project::engine() const {
  std::lock_guard lock(mu_);
  return engine_;
}

std::shared_ptr<const core::FileConfig> Project::configFor(const std::string& absPath) const {
  std::shared_ptr<core::ConfigResolver> r;
  {
    std::lock_guard lock(mu_);
    r = resolver_;
  }
  return r->resolve(absPath);
}

std::shared_ptr<const core::ConfigFile> Project::configFileFor(const std::string& path) const {
  std::shared_ptr<core::ConfigResolver> r;
  {
    std::lock_guard lock(mu_);
    r = resolver_;
  }
  return r->configFor(path);
}

core::ServiceOptions Project::serviceOptions() const {
  core::ServiceOptions out;
  auto cfg = configFileFor(root_);
  if (!cfg) return out;
  namespace fs = std::filesystem;
  std::string prefix = fs::path(root_).lexically_relative(cfg->dir).generic_string();
  if (prefix == ".") prefix.clear();
  if (prefix.starts_with("..")) return out;  // the config does not contain the root
  out.excludePrefix = prefix;
  out.exclude = cfg->services.exclude;
  for (const auto& d : cfg->services.declare) {
    fs::path abs = d.path.empty() ? fs::path(cfg->dir) : fs::path(cfg->dir) / d.path;
    std::string rel = abs.lexically_normal().lexically_relative(root_).generic_string();
    if (rel == ".") rel.clear();
    if (rel.starts_with("..")) continue;
    out.declared.push_back({rel, d.name, core::parseUnitKind(d.kind).value_or(core::UnitKind::Service)});
  }
  return out;
}

std::optional<core::FileResult> Project::analyze(const core::ParsedFile& file, const std::string& absPath) const {
  auto cfg = configFor(absPath);
  if (cfg->excluded()) return std::nullopt;
  auto result = engine()->analyze(file, *cfg);
  result.absPath = absPath;
  return result;
}

std::shared_ptr<const core::Baseline> Project::baseline() const {
  std::lock_guard lock(mu_);
  return baseline_;
}

std::string Project::baselineError() const {
  std::lock_guard lock(mu_);
  return baselineError_;
}

std::size_t Project::applyBaseline(core::FileResult& result) const {
  auto b = baseline();
  if (!b) return 0;
  std::string rel = result.absPath.empty() ? result.path : relativePath(result.absPath);
  return b->apply(rel, result.findings, std::string(core::kBaselineReasonPrefix) + " " + relativePath(fs::absolute(baselinePath()).lexically_normal().string()));
}

std::string Project::relativePath(const std::string& absPath) const {
  fs::path rel = fs::path(absPath).lexically_relative(root_);
  std::string r = rel.generic_string();
  if (rel.empty() || r.starts_with("..")) return absPath;
  return r;
}

std::vector<core::Finding> Project::diagnostics() const {
  std::shared_ptr<core::ConfigResolver> r;
  std::vector<core::Finding> out;
  {
    std::lock_guard lock(mu_);
    r = resolver_;
    out = ruleDiagnostics_;
  }
  auto cfg = r->diagnostics();
  out.insert(out.begin(), cfg.begin(), cfg.end());
  return out;
}

Project::Changes Project::refresh() {
  Changes c;
  std::shared_ptr<core::ConfigResolver> r;
  {
    std::lock_guard lock(mu_);
    if (rulesSignature() != rulesSig_) {
      loadRules();  // new engine and a fresh resolver
      c.rules = true;
      c.config = true;
    }
    if (baselineSignature() != baselineSig_) {
      loadBaseline();
      c.baseline = true;
    }
    r = resolver_;
  }
  if (!c.rules) c.config = r->refresh();
  return c;
}

}  // namespace agentlens::project
