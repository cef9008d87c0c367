#include "lsp/noise.hpp"

#include <map>
#include <utility>

namespace agentlens::lsp {

std::optional<InlineLevel> inlineLevelFromName(const std::string& name) {
  if (name == "errors") return InlineLevel::Errors;
  if (name == "warnings") return InlineLevel::Warnings;
  if (name == "all") return InlineLevel::All;
  return std::nullopt;
}

core::Level editorLevel(const core::Finding& f, const core::RuleInfo* rule) {
  bool high = f.severity <= core::Severity::High;
  if (high && f.confidence == core::Confidence::High && rule && rule->gate) return core::Level::Error;
  if (high && f.confidence != core::Confidence::Low) return core::Level::Warning;
  if (f.severity <= core::Severity::Medium) return core::Level::Info;
  return core::Level::Hint;
}

bool shownAt(core::Level level, InlineLevel budget) {
  switch (budget) {
    case InlineLevel::Errors: return level == core::Level::Error;
    case InlineLevel::Warnings: return level <= core::Level::Warning;
    case InlineLevel::All: return true;
  }
  return true;
}

std::vector<std::vector<const core::Finding*>> groupByRuleAndLine(const std::vector<core::Finding>& findings) {
  std::vector<std::vector<const core::Finding*>> groups;
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> index;
  for (const auto& f : findings) {
    if (f.suppressedReason) continue;
    auto [it, fresh] = index.try_emplace({f.ruleId, f.start.line}, groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(&f);
  }
  return groups;
}

}  // namespace agentlens::lsp
