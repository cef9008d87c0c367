// The session API the server adapts (clangd's ClangdServer shape): open documents, incremental
// parsing, analysis on a scheduler, and a background index of every file under the workspace roots
// so unopened files have findings too. Plain C++: no JSON, no LSP types. Results are reported
// through Callbacks.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/discovery.hpp"
#include "core/score/readiness.hpp"
#include "core/text/document.hpp"

namespace agentlens::core {

/// The findings of one file at one point in time: the file's own findings followed by those of
/// the workspace checks anchored at it (which judge the whole root, re-run in the background
/// after files change).
struct FileDiagnostics {
  std::string path;         ///< absolute path: the key
  std::string displayPath;  ///< relative to its workspace root (what rules saw)
  /// The open document's version the findings were computed for; nullopt for a file on disk.
  std::optional<std::int64_t> version;
  /// The exact text the findings' byte ranges refer to (convert positions against this).
  std::shared_ptr<const std::string> text;
  std::vector<Finding> findings;
  /// Increases every time any file's findings are recomputed: a cheap result id.
  std::uint64_t generation = 0;
  /// Reported because a run of the workspace checks changed the findings anchored at this file
  /// (not because the file itself was analysed): pull clients must be asked to pull again.
  bool fromWorkspaceChecks = false;
};

/// How results leave the Workspace. Called from worker threads (or the calling thread in
/// synchronous mode); implementations must be thread-safe and must not call back into the
/// Workspace synchronously from a worker thread.
class WorkspaceCallbacks {
 public:
  virtual ~WorkspaceCallbacks() = default;
  /// Findings of a file are ready. Never called with a version older than one already reported
  /// for the same path, nor for a version that has been superseded by an edit.
  virtual void onDiagnosticsReady(const FileDiagnostics& diags) = 0;
  /// Background index progress: `done` of `total` files analysed.
  virtual void onIndexProgress(std::size_t /*done*/, std::size_t /*total*/) {}
  virtual void onIndexFinished(std::size_t /*files*/) {}
};

struct WorkspaceOptions {
  /// Runs every analysis on the calling thread before returning (deterministic tests).
  bool synchronous = false;
  unsigned threads = 0;  ///< worker threads; 0 = cores
  DiscoveryOptions discovery;
  /// Index every discoverable file of the roots (off for tests that only look at open files).
  bool indexWorkspace = true;
  /// Per-file budget of one analysis, for the parse and again for the rules (as `agentlens
  /// check --parse-timeout`); zero = none. An open document whose incremental parse runs over
  /// is parsed again from scratch; a file still over budget gets no findings for that text
  /// (logged), so one pathological text cannot hold a worker, or its file's later versions.
  std::chrono::milliseconds budget{5000};
};

/// How one file is analysed (see Workspace::setAnalysisProvider).
struct FileAnalysis {
  std::shared_ptr<const Analyzer> analyzer;  ///< null = the workspace's analyzer
  std::shared_ptr<const FileConfig> config;  ///< null = defaults; excluded() = no findings
  std::function<void(FileResult&)> finish;   ///< post-processing (the baseline); may be empty
};
/// Called on worker threads with a file's absolute path: must be thread-safe and must not call
/// into the Workspace.
using AnalysisProvider = std::function<FileAnalysis(const std::string& absPath)>;

/// Counts of current (unsuppressed) findings, the input of the readiness interface until the
/// score model lands.
struct FindingCounts {
  std::size_t files = 0;
  std::size_t total = 0;
  std::array<std::size_t, kCategoryCount> byCategory{};
  std::array<std::size_t, 4> byLevel{};  ///< indexed by Level
};

/// Thread contract: all public methods are called from one session thread; results are stored
/// under an internal mutex, so the query methods are safe from any thread.
class Workspace {
 public:
  Workspace(std::shared_ptr<const Analyzer> analyzer, WorkspaceCallbacks& callbacks, WorkspaceOptions opts);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// Replaces the workspace roots (absolute directories) and re-indexes in the background.
  void setRoots(std::vector<std::string> roots);
  [[nodiscard]] std::vector<std::string> roots() const;

  void open(const std::string& path, std::int64_t version, std::string text);
  /// Applies content changes. Returns false when they could not be applied: the document is
  /// then dropped (no stale findings are kept) until the client sends a full text.
  bool change(const std::string& path, std::int64_t version, const std::vector<ContentChange>& changes,
              PositionEncoding enc, std::string* error = nullptr);
  /// The file reverts to its content on disk (re-analysed when it is inside a root).
  void close(const std::string& path);
  /// Files changed outside the editor (watched files): re-read, re-analysed or forgotten.
  void filesChanged(const std::vector<std::string>& paths);
  /// New rule selection or severities: every file is re-analysed.
  void setAnalyzer(std::shared_ptr<const Analyzer> analyzer);
  /// Per-file analyzer and configuration (the server's projects); every file is re-analysed.
  /// Empty = the workspace's analyzer with default configuration for every file.
  void setAnalysisProvider(AnalysisProvider provider);
  /// The `[services]` table of the project a root belongs to (the server's projects), read by the
  /// workspace checks of that root each time they run; empty = services detected. Thread-safe like
  /// AnalysisProvider.
  using ServicesProvider = std::function<ServiceOptions(const std::string& root)>;
  void setServicesProvider(ServicesProvider provider);
  /// Re-analyses every open and indexed file (configuration files changed).
  void reanalyzeAll();

  /// Open document snapshot (version and text), if open.
  struct Snapshot {
    std::int64_t version;
    std::shared_ptr<const std::string> text;
  };
  [[nodiscard]] std::optional<Snapshot> document(const std::string& path) const;
  [[nodiscard]] bool isOpen(const std::string& path) const;
  /// Latest findings of a file (open or indexed), if any were computed.
  [[nodiscard]] std::optional<FileDiagnostics> diagnostics(const std::string& path) const;
  /// The disk analysis of a file even while it is open (diagnostics() never gives an open document
  /// a disk result), for code actions on diagnostics published from disk just before the open: the
  /// caller uses it only when the texts are identical.
  [[nodiscard]] std::optional<FileDiagnostics> diskDiagnostics(const std::string& path) const;
  /// Latest findings of every known file, sorted by path.
  [[nodiscard]] std::vector<FileDiagnostics> allDiagnostics() const;
  [[nodiscard]] FindingCounts counts() const;
  /// Readiness of everything known (every root's files, workspace checks included), scored
  /// with `rules` (the rules and checks that ran). Paths in the plan are root-relative.
  [[nodiscard]] Readiness readiness(std::vector<RuleInfo> rules, const ServiceOptions& services = {}) const;
  /// Relative path used for rules (role detection) for an absolute path.
  [[nodiscard]] std::string displayPath(const std::string& path) const;
  /// The root containing `path` (the longest match), if any.
  [[nodiscard]] std::optional<std::string> rootOf(const std::string& path) const;
  /// A client waits for the open document's current version (a pull): its analysis starts now
  /// instead of after the push debounce. No effect when it is running or done.
  void expedite(const std::string& path);
  /// Blocks until no analysis is queued or running (tests and benchmarks). In synchronous mode
  /// every call above has already run its analyses before returning.
  void waitIdle();
  /// The debounce the path's next edit will wait (adaptive; for latency measurements).
  [[nodiscard]] std::chrono::milliseconds debounceFor(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agentlens::core
