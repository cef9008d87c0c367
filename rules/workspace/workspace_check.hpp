// Workspace checks: rules over the Facts of all files (and a few files read as data), for what
// is *missing* — no tests, no CI, no health endpoint, no graceful shutdown. Pure functions of the
// index: the CLI runs them after a scan, the server after its index changes.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/index/workspace_index.hpp"
#include "core/score/services.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

/// Read-only view of one workspace root: the analysed files plus file access for the few
/// manifests checks read as data (paths are relative to the root).
class WorkspaceView {
 public:
  using Reader = std::function<std::optional<std::string>(const std::string& relPath)>;
  WorkspaceView(std::vector<const core::FileResult*> files, Reader read);

  /// The same files as a WorkspaceIndex, for its cross-file queries (mounts, auth, health, …).
  [[nodiscard]] const core::WorkspaceIndex& index() const { return index_; }
  /// The 0-based line of the first occurrence of any of `needles` in a file (app object
  /// creation, a CMD line, …), or 0.
  [[nodiscard]] std::uint32_t lineOfAny(const std::string& path, std::initializer_list<std::string_view> needles) const;
  /// Any of these packages declared as a dependency or imported by code.
  [[nodiscard]] bool uses(std::initializer_list<std::string_view> packages) const;

  [[nodiscard]] const std::vector<const core::FileResult*>& files() const { return files_; }
  [[nodiscard]] const core::FileResult* find(std::string_view path) const;
  /// Content of a file under the root (nullopt when missing or unreadable).
  [[nodiscard]] std::optional<std::string> read(const std::string& relPath) const { return read_ ? read_(relPath) : std::nullopt; }
  [[nodiscard]] bool exists(const std::string& relPath) const { return read(relPath).has_value(); }
  /// Files whose role is `role`.
  [[nodiscard]] std::vector<const core::FileResult*> withRole(core::FileRole role) const;
  /// Server modules (role Server, or files defining routes), sorted by path.
  [[nodiscard]] std::vector<const core::FileResult*> serverModules() const;
  /// The most relevant place to anchor a workspace finding: the module creating the app object
  /// or starting the server, else the first server module, else nullptr.
  [[nodiscard]] const core::FileResult* entryModule() const;
  /// Files in a language (test/generated files excluded unless `includeTests`).
  [[nodiscard]] bool hasLanguage(core::Lang lang, bool includeTests = false) const;

 private:
  std::vector<const core::FileResult*> files_;
  Reader read_;
  core::WorkspaceIndex index_;
};

/// Where a workspace check reports: findings are anchored to a file and a 0-based line.
class WorkspaceContext {
 public:
  explicit WorkspaceContext(const WorkspaceView& view) : view_(view) {}
  [[nodiscard]] const WorkspaceView& view() const { return view_; }
  /// The check applies to this workspace (one eligible site; graded checks count one per part).
  void applicable(std::uint32_t parts = 1) { sites_ += parts; }
  core::Finding& report(const std::string& path, std::uint32_t line, std::string message);

  // ---- runner-only ----
  void setCheck(const RuleMeta* meta) {
    meta_ = meta;
    sites_ = 0;
  }
  [[nodiscard]] std::uint32_t sites() const { return sites_; }
  std::vector<core::Finding>& findings() { return findings_; }

 private:
  const WorkspaceView& view_;
  const RuleMeta* meta_ = nullptr;
  std::uint32_t sites_ = 0;
  std::vector<core::Finding> findings_;
};

class WorkspaceCheck {
 public:
  virtual ~WorkspaceCheck() = default;
  [[nodiscard]] virtual const RuleMeta& meta() const = 0;
  virtual void check(WorkspaceContext& ctx) const = 0;
};

/// The one explicit list of workspace checks.
std::span<const WorkspaceCheck* const> allWorkspaceChecks();
const WorkspaceCheck* findWorkspaceCheck(std::string_view id);

/// Runs the checks over one root's results and merges their findings and sites into `files`
/// (adding a FileResult for an anchor file that was not analysed, e.g. .gitignore). Finding
/// positions and excerpts come from the anchor file's text read through `read`.
void runWorkspaceChecks(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                        std::span<const WorkspaceCheck* const> checks);

/// Eligible sites per anchor path: rule id and count.
using SitesByPath = std::map<std::string, std::vector<std::pair<std::string, std::uint32_t>>>;
/// Runs the checks over one view; adds each applicable check's sites to `sitesByPath` (at its
/// first finding's file, else the view's entry module) and returns the findings, unresolved.
std::vector<core::Finding> collectWorkspaceFindings(const WorkspaceView& view,
                                                   std::span<const WorkspaceCheck* const> checks, SitesByPath& sitesByPath);
/// In a workspace of two or more services (core/score/services.hpp), runs the checks again over
/// each service's files (its own and the shared ones) and adds what only that view shows — the
/// gap of one service that another service's code hides in the repository-wide run (auth-api
/// without the health route fron-svc has). A finding is added only when it is anchored in the
/// service's own files and the repository run has not reported that rule there; each one adds
/// one part to its check's sites, so "1 of 2 services" is what the score sees. Run after
/// runWorkspaceChecks. Does nothing with fewer than two services.
void addPerServiceFindings(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                           std::span<const WorkspaceCheck* const> checks, const core::ServiceOptions& services);
/// Adds line-anchored findings (made with WorkspaceContext::report) to `files`: resolves their
/// byte ranges, positions and excerpts from the anchor file's text, adds a FileResult for an
/// anchor that was not analysed, and adds the sites. Keeps `files` sorted by path.
void mergeWorkspaceFindings(std::vector<core::FileResult>& files, std::vector<core::Finding> found,
                            const WorkspaceView::Reader& read, const SitesByPath& sites = {});

/// Cross-file knowledge applied to file rules (rules/workspace/cross_file.cpp): what one file
/// cannot see but the workspace shows — the Express major version from the nearest
/// package.json (unhandled-async-error), whether a production launch command runs a module that
/// switches debug mode on (debug-mode-enabled → critical), and `python app.py` launching a module
/// that starts a development server (dev-server-entrypoint), and routes protected or public only
/// when seen across files (route-without-auth). Adjusts or adds findings of the
/// `enabled` rules only. Run it before runWorkspaceChecks so the score sees the result.
void applyCrossFileKnowledge(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                             std::span<const Rule* const> enabled);

}  // namespace agentlens::rules
