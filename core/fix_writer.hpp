// `check --fix`: applies the Safe fixes of a scan to the files on disk, without ever losing data.
// Writes are atomic (temp file in the same directory, fsync, rename, original permissions kept),
// a file whose content changed since the scan read it is refused, and nothing is written outside
// the scanned roots (no "..", no absolute paths, no symlinks resolving elsewhere).
// Threading: call from one thread, after the scan finished.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::core {

struct FixWriteResult {
  std::size_t findingsFixed = 0;
  std::vector<std::string> filesChanged;  ///< display paths, in the order written
  /// Files or fixes that were not applied, with the reason ("changed since it was read", …).
  std::vector<std::string> refused;
};

/// Applies, per finding not suppressed, its first Safe fix; a fix whose own-file edits overlap an
/// already chosen fix in the same file is skipped (a re-run picks it up). `roots` are the paths
/// the scan was given (directories or files); edits to other files (AppendLineIfMissing,
/// CreateFile, Replace with a path) are resolved against the directory root the file was found
/// under and only applied when that root is a directory.
///
/// Test-only fault injection (environment): AGENTLENS_TEST_CRASH_BEFORE_RENAME=N kills the
/// process with SIGKILL just before the Nth rename; AGENTLENS_TEST_SYNC_DIR=D creates D/ready
/// after choosing the fixes and waits (up to 30 s) for D/go before writing anything.
FixWriteResult writeSafeFixes(const std::vector<FileResult>& files, const std::vector<std::string>& roots);

}  // namespace agentlens::core
