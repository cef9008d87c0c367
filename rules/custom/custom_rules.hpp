// Custom rules (`.agentlens/rules/*.toml`) as engine rules: each becomes a QueryRule carrying its
// metadata. Their patterns run inside the engine's single traversal: every pattern with one root
// node type (`(call …)`, `((identifier) @x (#eq? …))`) joins a combined per-language "rooted"
// query that the engine executes only at nodes of those types (max start depth 0), so a rule
// costs in proportion to its candidate nodes. The rest (wildcard or alternation roots, sibling
// sequences) join a second combined query run once per file after the traversal. Matches map
// back to their rule by pattern offset; predicates are evaluated by ts::QueryProgram.
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

  /// Whether rooted patterns start at nodes of this grammar symbol (the engine asks per node).
  [[nodiscard]] bool wantsSymbol(core::Lang lang, TSSymbol sym) const {
    const auto& v = byLang_[static_cast<std::size_t>(lang)].rootedSymbols;
    return sym < v.size() && v[sym];
  }
  /// Runs the rooted patterns at `node` (called from the traversal when wantsSymbol()).
  /// `firstIndex` is the engine index of rules()[0] (custom rules are appended in order);
  /// `on[i]` tells whether engine rule i runs for this file.
  void visit(ts::Node node, const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
             const std::vector<std::uint8_t>& on) const;
  /// Runs the patterns without a single root type over the whole file (after the traversal).
  void run(const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
           const std::vector<std::uint8_t>& on) const;

 private:
  struct Combined {
    std::optional<ts::QueryProgram> program;
    std::vector<std::uint16_t> patternRule;     // local rule index per pattern
    std::optional<std::uint32_t> matchCapture;  // id of @match, if any pattern uses it
  };
  struct LangQuery {
    Combined rooted;  // executed per candidate node
    Combined global;  // executed once per file
    std::vector<std::uint8_t> rootedSymbols;  // by grammar symbol
    std::vector<std::uint16_t> rules;         // local indices of the rules for this language
  };
  void report(const Combined& c, const TSQueryMatch& m, const core::ParsedFile& file, RuleContext& ctx,
              std::size_t firstIndex, const std::vector<std::uint8_t>& on) const;
  std::vector<std::unique_ptr<QueryRule>> owned_;
  std::vector<const Rule*> rules_;
  std::array<LangQuery, core::kLangCount> byLang_;
};

/// Replaces `{{capture}}` in `tmpl` with the text of that capture in `match` (first node),
/// collapsed to one line and cut to `maxLen` bytes for messages (0 = no limit, for fixes).
std::string interpolate(std::string_view tmpl, const ts::QueryProgram& program, const TSQueryMatch& match,
                        std::string_view source, std::size_t maxLen);

}  // namespace agentlens::rules
