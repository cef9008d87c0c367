// `check --since REF`: the lines a change touched, from git. The new-code mode of CI and
// pre-commit keeps findings on those lines plus the ones the change introduced elsewhere
// (cli/commands.cpp does the filtering against a scan of REF's tree, extracted here).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agentlens::cli::since {

/// Lines added or changed per file (absolute, lexically normal paths). Untracked files count
/// as changed in full.
struct ChangedLines {
  std::map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> ranges;  ///< 1-based, inclusive
  std::set<std::string> wholeFiles;

  /// Does [first, last] (1-based lines) meet a changed line of `absPath`?
  [[nodiscard]] bool touches(const std::string& absPath, std::uint32_t first, std::uint32_t last) const;
  [[nodiscard]] std::size_t fileCount() const { return ranges.size() + wholeFiles.size(); }
  /// Changed files at or under `dir` (absolute, lexically normal).
  [[nodiscard]] std::size_t fileCountUnder(const std::string& dir) const;
};

/// Parses `git diff --unified=0` output (paths relative to `top`). Pure.
ChangedLines parseUnifiedDiff(std::string_view diff, const std::string& top);

struct ProcessResult {
  int status = -1;  ///< exit status; -1 when it could not run
  std::string out, err;
};
/// Runs a program (searched on PATH) with arguments, no shell, in `dir`; captures its output.
ProcessResult run(const std::vector<std::string>& argv, const std::string& dir);

/// The git work tree holding `dir` (absolute), or an error message.
std::optional<std::string> gitTopLevel(const std::string& dir, std::string& error);

/// The lines changed in the work tree (staged or not, plus untracked files) since `ref`.
std::optional<ChangedLines> changedSince(const std::string& top, const std::string& ref, std::string& error);

/// Writes the files of `ref` under `sub` (relative to `top`; "" = all) to `dest`/`sub`. A `sub`
/// that does not exist at `ref` gives an empty tree, not an error.
bool extractTree(const std::string& top, const std::string& ref, const std::string& sub, const std::string& dest,
                 std::string& error);

}  // namespace agentlens::cli::since
