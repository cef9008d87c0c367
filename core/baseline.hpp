// Baseline: accept the findings a codebase already has, report only new ones. Each finding is
// recorded by a fingerprint that survives unrelated edits and line moves: the rule id, the file
// (relative to the project root) and the finding's source line with whitespace normalised —
// never its line number. Identical lines in one file are told apart by occurrence order.
// The CLI and the server call the same functions here; reading and writing the JSON file is in
// report/baseline_file.hpp (core knows no JSON).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/finding.hpp"

namespace agentlens::core {

inline constexpr std::string_view kDefaultBaselineFile = ".agentlens-baseline.json";
/// Suppression reasons of baselined findings start with this (SARIF marks them `external`).
inline constexpr std::string_view kBaselineReasonPrefix = "in baseline";

struct BaselineEntry {
  std::string rule;
  std::string path;         ///< relative to the project root, '/'-separated
  std::string fingerprint;  ///< 16 hex digits: hash of the normalised source line
  std::uint32_t line = 0;   ///< 1-based, informational only (never used to match)
  std::string message;      ///< informational only
};

/// Hash of a finding's normalised source line (its excerpt, which is already secret-masked).
std::string lineFingerprint(std::string_view excerpt);

class Baseline {
 public:
  Baseline() = default;
  explicit Baseline(std::vector<BaselineEntry> entries);

  /// Entries for the findings of one file that are not suppressed inline.
  void addFindings(std::string_view relPath, const std::vector<Finding>& findings);

  /// Marks findings of one file that the baseline accepts (suppressedReason = `reason`); returns
  /// how many. Thread-safe (const). Per (rule, fingerprint) the first N current findings match
  /// when the baseline holds N entries, so fixing one of two identical lines leaves one accepted.
  std::size_t apply(std::string_view relPath, std::vector<Finding>& findings, std::string_view reason) const;

  /// A copy keeping only entries still matched by `current` (relPath → findings of that file,
  /// before apply()); fixed entries are dropped (`--prune-baseline`);
  /// entries of files for which `keepUnscanned(path)` returns true are kept as they are.
  [[nodiscard]] Baseline pruned(const std::map<std::string, const std::vector<Finding>*>& current,
                                const std::function<bool(const std::string&)>& keepUnscanned) const;

  [[nodiscard]] const std::vector<BaselineEntry>& entries() const { return entries_; }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // path, rule, fingerprint
  void index();
  std::vector<BaselineEntry> entries_;  // sorted by path, line, rule
  std::map<Key, std::size_t, std::less<>> counts_;
};

}  // namespace agentlens::core
