// One scan of a project as `agentlens check` does it: discovery, per-file analysis (cached),
// cross-file knowledge and workspace checks, config problems as findings, then the baseline and
// the readiness score. The one code path of `check`, `plan` and the MCP server's tools.
// Threading: call from one thread; the scan itself runs on a worker pool.
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/scan.hpp"
#include "core/score/readiness.hpp"
#include "project/project.hpp"
#include "rules/rule.hpp"

namespace agentlens::project {

/// The config and baseline flags `check` and `plan` share.
struct ProjectFlags {
  std::string config;
  std::vector<std::string> select, extendSelect, ignore;
  std::string baseline;
  bool useBaseline = true;
};

struct ScanSettings {
  unsigned threads = 0;
  double parseTimeoutSeconds = 5;
  std::uint64_t maxFileBytes = 2 * 1024 * 1024;
  bool noCache = false;
  ProjectFlags flags;  ///< config file, --select/--ignore, baseline
  /// Called from worker threads after each file (files done, total); may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
  /// When set, the index statistics (`check --stats`) are written here right after the scan.
  std::ostream* statsOut = nullptr;
};

struct ProjectScan {
  std::unique_ptr<Project> project;  ///< rules (built-in + custom), config, baseline
  std::vector<const rules::Rule*> rules;
  core::ScanResult result;
  core::Readiness readiness;  ///< set by finishScan
};

/// The project root for a scan of `paths`: the directory when exactly one directory is given,
/// else the current directory. Absolute, normalised.
std::string projectRoot(const std::vector<std::string>& paths);

/// The project for a root with the CLI's config flags; `error` is set for a usage error
/// (missing config file, unknown rule or category).
std::unique_ptr<Project> makeProject(const std::string& root, const ProjectFlags& flags, std::string& error);

/// Scans paths (default ".") under the project's configuration; config and rule file problems
/// become findings on those files. Workspace checks run when exactly one directory is scanned.
/// The baseline and readiness come after (finishScan), so `check` can write or prune the
/// baseline from the raw findings first. Returns nullopt with `error` set ("PATH: no such file
/// or directory", a usage error).
std::optional<ProjectScan> scanProject(std::vector<std::string> paths, const ScanSettings& settings, std::string& error);

/// Applies the baseline (accepted findings stay listed, marked suppressed) and computes
/// readiness. The tool's own diagnostics (invalid-config, suppressions) are not scored.
void finishScan(ProjectScan& s);

/// Every built-in rule's metadata (file-level rules, then workspace checks), followed by the
/// custom rules of `engine` when given.
std::vector<const rules::RuleMeta*> ruleMetas(const rules::Engine* engine = nullptr);

/// A rule's documentation as `agentlens explain` prints it (markdown).
std::string explainText(const rules::RuleMeta& meta);

}  // namespace agentlens::project

namespace agentlens::project {

/// A finding that blocks a release as the readiness score counts blockers: a gate rule's
/// finding at critical severity, or at high severity with high confidence.
bool isBlocker(const core::Finding& f);

}  // namespace agentlens::project
