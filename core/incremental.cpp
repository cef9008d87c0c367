#include "core/incremental.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace agentlens::core {

ReparseResult reparse(std::string path, Lang lang, ts::Tree oldTree, std::span<const TSInputEdit> edits,
                      std::shared_ptr<const std::string> newText, bool fullReplace, ParseBudget budget,
                      const std::atomic<bool>* cancel) {
  ReparseResult out;
  ts::Tree tree;
  if (hasGrammar(lang)) {
    thread_local ts::Parser parser;  // one parser per thread
    if (parser.setLanguage(lang)) {
      bool reuse = oldTree.valid() && !fullReplace;
      if (reuse) {
        for (const TSInputEdit& e : edits) oldTree.edit(e);
      }
      std::optional<std::chrono::steady_clock::time_point> deadline;
      if (budget) deadline = std::chrono::steady_clock::now() + *budget;
      tree = parser.parse(*newText, reuse ? &oldTree : nullptr, deadline, cancel);
      if (!tree.valid() && cancel && cancel->load(std::memory_order_relaxed)) {
        out.cancelled = true;
      } else if (!tree.valid()) {
        out.timedOut = true;
        spdlog::debug("{}: parse exceeded its {} ms budget", path, budget ? budget->count() : 0);
      } else if (reuse) {
        out.incremental = true;
        std::uint32_t n = 0;
        TSRange* ranges = ts_tree_get_changed_ranges(oldTree.raw(), tree.raw(), &n);
        out.changedRanges.assign(ranges, ranges + n);
        std::free(ranges);
      }
    }
  }
  out.file = ParsedFile(std::move(path), lang, std::move(newText), std::move(tree));
  return out;
}

ReparseResult reparse(const ParsedFile& previous, std::span<const TSInputEdit> edits,
                      std::shared_ptr<const std::string> newText, bool fullReplace, ParseBudget budget) {
  return reparse(previous.path, previous.lang, previous.tree.copy(), edits, std::move(newText), fullReplace,
                 budget);
}

}  // namespace agentlens::core
