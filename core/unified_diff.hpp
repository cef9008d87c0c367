// Unified diffs of two versions of a file (what a fix changes), as `diff -u` / `git diff` print
// them and `git apply` / `patch -p1` accept: "--- a/PATH", "+++ b/PATH", hunks with 3 lines of
// context, "\ No newline at end of file" where a side lacks its final newline.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::core {

/// The diff from `before` to `after` of the file at `path` ('/'-separated, relative). nullopt on
/// either side means the file does not exist (creation or deletion: /dev/null). Returns "" when
/// the two are equal. Lines are compared with Myers' algorithm; past a large number of differing
/// lines the changed middle is shown as one replacement (still a correct diff).
std::string unifiedDiff(std::string_view path, const std::optional<std::string>& before,
                        const std::optional<std::string>& after);

}  // namespace agentlens::core
