// Custom rules (`.agentlens/rules/*.toml`) as engine rules: each becomes a QueryRule carrying its
// metadata, and all custom rules of a language share ONE combined tree-sitter query, executed
// once per file by the engine right after its traversal. Matches are mapped back to their rule
// by pattern offset; predicates are evaluated by ts::QueryProgram.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/custom_rule_def.hpp"
#include "core/ts/query_program.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

/// A custom rule's identity and docs. It visits nothing itself: CustomRuleSet reports for it.
class QueryRule final : public Rule {
 public:
  explicit QueryRule(core::CustomRuleDef def);
  QueryRule(const QueryRule&) = delete;
  QueryRule& operator=(const QueryRule&) = delete;
  [[nodiscard]] const RuleMeta& meta() const override { return meta_; }
  [[nodiscard]] const core::CustomRuleDef& def() const { return def_; }

 private:
  core::CustomRuleDef def_;  // meta_ views its strings
  std::string docs_;
  RuleMeta meta_;
};

class CustomRuleSet {
 public:
  /// `defs` come from core::loadCustomRules (queries already validated). Immutable afterwards;
  /// shared by every worker thread.
  explicit CustomRuleSet(std::vector<core::CustomRuleDef> defs);

  [[nodiscard]] const std::vector<const Rule*>& rules() const { return rules_; }
  [[nodiscard]] bool empty() const { return rules_.empty(); }

  /// Executes the file language's combined query once and reports each match whose rule is on.
  /// `firstIndex` is the engine index of rules()[0] (custom rules are appended in order);
  /// `on[i]` tells whether engine rule i runs for this file.
  void run(const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
           const std::vector<std::uint8_t>& on) const;

 private:
  struct LangQuery {
    std::optional<ts::QueryProgram> program;
    std::vector<std::uint32_t> ruleStart;  // offset in the combined text where each rule's query starts
    std::vector<std::uint16_t> ruleOf;     // rule (local index) of each part
    std::vector<std::uint16_t> patternRule;  // local rule index per pattern
    std::optional<std::uint32_t> matchCapture;  // id of @match, if any rule uses it
  };
  std::vector<std::unique_ptr<QueryRule>> owned_;
  std::vector<const Rule*> rules_;
  std::array<LangQuery, core::kLangCount> byLang_;
};

/// Replaces `{{capture}}` in `tmpl` with the text of that capture in `match` (first node),
/// collapsed to one line and cut to `maxLen` bytes for messages (0 = no limit, for fixes).
std::string interpolate(std::string_view tmpl, const ts::QueryProgram& program, const TSQueryMatch& match,
                        std::string_view source, std::size_t maxLen);

}  // namespace agentlens::rules
