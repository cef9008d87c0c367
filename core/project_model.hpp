// The per-root analysis model a front end hands to the language server: the analyzer (built-in
// plus the root's custom rules), each file's effective configuration, the baseline and the
// diagnostics about the configuration files themselves. project::Project implements it; core and
// lsp know only this interface (the layering is lsp -> core <- rules).
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/config/config.hpp"
#include "core/score/services.hpp"

namespace agentlens::core {

/// Thread-safe: analyzer(), configFor() and applyBaseline() are called from worker threads while
/// the session thread may call reload().
class ProjectModel {
 public:
  virtual ~ProjectModel() = default;
  [[nodiscard]] virtual std::shared_ptr<const Analyzer> analyzer() const = 0;
  [[nodiscard]] virtual std::shared_ptr<const FileConfig> configFor(const std::string& absPath) const = 0;
  /// Marks the findings the baseline accepts; returns how many.
  virtual std::size_t applyBaseline(FileResult& result) const = 0;
  /// `invalid-config` findings of the config and custom-rule files (absolute paths, byte ranges
  /// into the files as they are on disk).
  [[nodiscard]] virtual std::vector<Finding> diagnostics() const = 0;
  /// Re-reads the config, rule and baseline files that changed. True when anything did.
  virtual bool reload() = 0;
  /// `[services]` of the root's config, in paths relative to the root (none by default).
  [[nodiscard]] virtual ServiceOptions serviceOptions() const { return {}; }
};

}  // namespace agentlens::core
