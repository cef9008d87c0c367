// Incremental reparsing: edit a copy of the previous tree, reparse the new text with it, and
// report which ranges of the tree changed.
#pragma once
#include <tree_sitter/api.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/parsed_file.hpp"

namespace agentlens::core {

/// The outcome of reparse().
struct ReparseResult {
  ParsedFile file;  ///< the new snapshot; its tree is invalid when timedOut or without a grammar
  /// Ranges whose syntactic structure changed (ts_tree_get_changed_ranges), in the new text's
  /// coordinates. Empty after a fresh parse (there is nothing to compare with): treat the whole
  /// file as changed then.
  std::vector<TSRange> changedRanges;
  bool incremental = false;  ///< true when the old tree was reused
  bool timedOut = false;     ///< the time budget ran out: no tree; retry later or give up
  bool cancelled = false;    ///< `cancel` was set while parsing: no tree (the work is stale)
};

/// Per-file parse budget; nullopt parses without a deadline.
using ParseBudget = std::optional<std::chrono::milliseconds>;

/// Reparses `newText` using `oldTree` (consumed) edited by `edits`, in order. `oldTree` must be a
/// tree this thread owns: call `previous.tree.copy()` on the thread that owns `previous` before
/// handing it over (trees are not thread-safe; copies share structure and are cheap). An invalid
/// `oldTree` or `fullReplace` gives a fresh parse. Uses the calling thread's parser.
/// On timeout only the copy was edited: the caller's previous tree is intact, so a retry passes
/// it again with every edit made since it (or parses from scratch). A set `*cancel` (a
/// superseded job's flag) stops the parse the same way, reported as `cancelled`.
/// Thread: any.
[[nodiscard]] ReparseResult reparse(std::string path, Lang lang, ts::Tree oldTree,
                                    std::span<const TSInputEdit> edits,
                                    std::shared_ptr<const std::string> newText, bool fullReplace = false,
                                    ParseBudget budget = {}, const std::atomic<bool>* cancel = nullptr);

/// Convenience for the thread that owns `previous`: copies its tree and reparses.
[[nodiscard]] ReparseResult reparse(const ParsedFile& previous, std::span<const TSInputEdit> edits,
                                    std::shared_ptr<const std::string> newText, bool fullReplace = false,
                                    ParseBudget budget = {});

}  // namespace agentlens::core
