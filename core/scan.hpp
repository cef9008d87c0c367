// A whole-workspace scan: discovery, reading, parsing and analysis on a pool of worker threads.
// The CLI's `check` runs this; results are deterministic (sorted by path) whatever the threads.
#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/discovery.hpp"

namespace agentlens::core {
class ResultCache;
}

namespace agentlens::core {

struct ScanOptions {
  DiscoveryOptions discovery;
  unsigned threads = 0;  ///< 0 = one per core
  /// Per-file parse budget: a file whose parse takes longer is skipped ("parse timed out").
  /// Zero = no budget.
  std::chrono::milliseconds parseTimeout{5000};
  /// Per-file analysis budget (facts and rules, polled during the traversal): a file whose
  /// analysis takes longer is skipped ("analysis timed out"), never cached. Zero = no budget.
  std::chrono::milliseconds analysisTimeout{5000};
  /// Called from worker threads after each file: (files done, files total).
  std::function<void(std::size_t, std::size_t)> progress;
  /// The effective configuration of each discovered file (ConfigResolver::resolve); called on
  /// the calling thread before analysis starts. Files it marks excluded are skipped with the
  /// reason. Unset = defaults for every file.
  std::function<std::shared_ptr<const FileConfig>(const DiscoveredFile&)> configFor;
  /// Per-file result cache (nullptr or disabled = analyse everything). Hits skip parsing.
  const ResultCache* cache = nullptr;
};

struct ScanStats {
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  double wallMs = 0;
  double parseMs = 0;    ///< summed over threads
  double analyzeMs = 0;  ///< summed over threads
  std::size_t cacheHits = 0;
  std::size_t cacheMisses = 0;  ///< analysed and stored (0 when the cache is disabled)
};

struct ScanResult {
  std::vector<FileResult> files;  ///< sorted by path
  std::vector<SkippedPath> skipped;
  std::vector<std::string> errors;  ///< I/O problems: reported, never fatal
  ScanStats stats;
};

/// Reads a file whole. Returns false with a reason when it cannot be read.
bool readFile(const std::string& path, std::string& out, std::string& error);

/// What a file's cache entry depends on besides its path, language and content: the analyzer
/// (rule set) and the file's effective configuration.
std::string cacheFingerprint(std::string_view analyzerFingerprint, const FileConfig& config);

ScanResult scan(const std::vector<std::string>& roots, const Analyzer& analyzer, const ScanOptions& opts = {});

}  // namespace agentlens::core
