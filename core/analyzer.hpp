// The seam between core and the rules: core parses and schedules, an Analyzer (the rule engine,
// wired in by the front end) turns a parsed file into findings and facts.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/facts/facts.hpp"
#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

struct ServiceOptions;  // core/score/services.hpp

/// Everything one file yields. Serialisable (the cache stores it) and independent of the tree.
struct FileResult {
  std::string path;
  std::string absPath;  ///< where the file was read from ("" for in-memory documents)
  /// contentHash() of the text the findings were computed from (scan only): `check --fix`
  /// refuses to write a file whose content no longer matches.
  std::uint64_t contentHash = 0;
  Lang lang = Lang::Text;
  Facts facts;
  std::vector<Finding> findings;
  /// Eligible sites per density-scored rule (handlers, outbound calls, routes…): the
  /// denominator of the rule's score. Rules count them with RuleContext::countSite().
  std::vector<std::pair<std::string, std::uint32_t>> sites;
  double parseMs = 0;    ///< time spent parsing (the floor)
  double analyzeMs = 0;  ///< time spent in the traversal (facts + rules)
};

/// A 64-bit FNV-1a hash of file content: stable across runs and platforms.
inline std::uint64_t contentHash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  /// Thread-safe: called concurrently from worker threads with distinct files.
  [[nodiscard]] virtual FileResult analyze(const ParsedFile& file) const = 0;
  /// The same under a file's effective configuration (rule selection, severities, options);
  /// inline suppressions are applied either way. Thread-safe as above.
  [[nodiscard]] virtual FileResult analyze(const ParsedFile& file, const FileConfig& config) const {
    (void)config;
    return analyze(file);
  }
  /// Identifies the rule set and its configuration: part of every cache key.
  [[nodiscard]] virtual std::string fingerprint() const = 0;

  /// Reads a file of the root being judged by its root-relative path (the open document's text
  /// when it is open in an editor); nullopt when it does not exist or cannot be read.
  using SourceReader = std::function<std::optional<std::string>(const std::string& relPath)>;
  /// Whole-workspace analysis of one root (workspace checks): `files` holds the root's file
  /// results (paths relative to the root); findings and scored sites are merged into them, and a
  /// result is appended for an anchor file that was not analysed (e.g. .gitignore). Thread-safe
  /// like analyze(). `services` is the project's `[services]` table (services are detected when it
  /// is empty), for the checks that run per service. The default judges nothing.
  virtual void analyzeWorkspace(std::vector<FileResult>& /*files*/, const SourceReader& /*read*/,
                                const ServiceOptions& /*services*/) const {}
};

}  // namespace agentlens::core
