// A project: everything `agentlens check` and the language server must apply identically to a
// workspace root — built-in + custom rules (one engine), config files resolved per file, and the
// baseline — with change detection so a server can reload without a restart.
//
// Server use (one Project per workspace folder):
//   Project p({.root = folderPath});
//   // per document (any worker thread):
//   if (auto r = p.analyze(parsedFile, absPath)) { p.applyBaseline(*r); publish(r->findings); }
//   else { /* excluded by config: publish nothing */ }
//   // config / rule / baseline file changed (didChangeWatchedFiles), or before a workspace pass:
//   if (p.refresh().any()) { re-analyse open documents; publish p.diagnostics() on their files }
//   // p.diagnostics(): invalid-config findings with absolute paths (config and rule files).
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/baseline.hpp"
#include "core/config/config.hpp"
#include "core/project_model.hpp"
#include "rules/engine.hpp"

namespace agentlens::project {

struct ProjectOptions {
  std::string root;            ///< workspace root (made absolute): custom rules, baseline, relative paths
  std::string explicitConfig;  ///< `--config FILE`: used for every file instead of discovery
  core::ConfigLayer cli;       ///< `--select` / `--extend-select` / `--ignore`, applied last
  std::string baselineFile;    ///< "" = <root>/.agentlens-baseline.json when it exists
  bool useBaseline = true;
};

class Project final : public core::ProjectModel {
 public:
  explicit Project(ProjectOptions opts);

  [[nodiscard]] const std::string& root() const { return root_; }
  /// The current engine (replaced by refresh() when custom rules change). Thread-safe.
  [[nodiscard]] std::shared_ptr<const rules::Engine> engine() const;
  /// Every rule id the configuration may name: the engine's file rules (custom ones included)
  /// and the workspace checks (`ignore = ["no-tests"]` is as valid as any file rule).
  [[nodiscard]] std::vector<core::KnownRule> knownRules() const;
  /// Effective configuration of a file. Thread-safe.
  [[nodiscard]] std::shared_ptr<const core::FileConfig> configFor(const std::string& absPath) const override;
  [[nodiscard]] std::shared_ptr<const core::Analyzer> analyzer() const override { return engine(); }
  /// refresh().any() (core::ProjectModel).
  bool reload() override { return refresh().any(); }
  /// The config file governing a path (for project-wide keys such as fail-on), or nullptr.
  [[nodiscard]] std::shared_ptr<const core::ConfigFile> configFileFor(const std::string& path) const;
  /// One file exactly as `check` analyses it; nullopt when configuration excludes it.
  /// The baseline is NOT applied (see applyBaseline). Thread-safe.
  [[nodiscard]] std::optional<core::FileResult> analyze(const core::ParsedFile& file, const std::string& absPath) const;
  /// Marks the findings the baseline accepts (suppressedReason "in baseline <file>"). Thread-safe.
  std::size_t applyBaseline(core::FileResult& result) const override;
  /// A path relative to the root ('/'-separated), or the absolute path when outside it.
  [[nodiscard]] std::string relativePath(const std::string& absPath) const;
  /// `[services]` of the config governing the root, with its folders made relative to the root
  /// (declared folders outside the root are dropped). Thread-safe.
  [[nodiscard]] core::ServiceOptions serviceOptions() const override;

  /// `invalid-config` findings of every config file loaded so far and of the custom rule files
  /// (absolute paths).
  [[nodiscard]] std::vector<core::Finding> diagnostics() const override;
  /// Why the baseline could not be loaded ("" when fine or absent).
  [[nodiscard]] std::string baselineError() const;
  [[nodiscard]] std::shared_ptr<const core::Baseline> baseline() const;
  [[nodiscard]] std::string baselinePath() const;

  struct Changes {
    bool config = false, rules = false, baseline = false;
    [[nodiscard]] bool any() const { return config || rules || baseline; }
  };
  /// Re-stats config files, `.agentlens/rules/*.toml` and the baseline; reloads what changed.
  Changes refresh();

 private:
  void loadRules();     // mu_ held
  void loadBaseline();  // mu_ held
  std::string rulesSignature() const;
  std::string baselineSignature() const;

  ProjectOptions opts_;
  std::string root_;
  mutable std::mutex mu_;
  std::shared_ptr<const rules::Engine> engine_;
  std::shared_ptr<core::ConfigResolver> resolver_;
  std::vector<core::Finding> ruleDiagnostics_;
  std::shared_ptr<const core::Baseline> baseline_;
  std::string baselineError_;
  std::string rulesSig_, baselineSig_;
};

}  // namespace agentlens::project
