// The rule engine: one pre-order traversal per tree that feeds every interested rule, then each
// rule's finish(). Implements core::Analyzer so core can schedule it without knowing the rules.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "core/analyzer.hpp"
#include "core/config/config.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

class CustomRuleSet;

class Engine final : public core::Analyzer {
 public:
  /// `rules` must outlive the engine (built-in rules are static). Custom rules, if any, are
  /// appended to them and run in the same analyze() call (one combined query per language).
  explicit Engine(std::vector<const Rule*> rules, std::shared_ptr<const CustomRuleSet> custom = nullptr);
  ~Engine() override;

  /// With the default configuration (every rule on, default severities).
  [[nodiscard]] core::FileResult analyze(const core::ParsedFile& file) const override;
  /// Rule selection and options per `config`, severity overrides, then inline suppressions.
  [[nodiscard]] core::FileResult analyze(const core::ParsedFile& file, const core::FileConfig& config) const override;
  [[nodiscard]] std::string fingerprint() const override;
  /// Built-in then custom rules.
  [[nodiscard]] const std::vector<const Rule*>& rules() const { return rules_; }
  /// What configuration needs to know about every rule (ids, categories, option keys).
  [[nodiscard]] const std::vector<core::KnownRule>& knownRules() const { return known_; }

 private:
  struct Dispatch {
    std::vector<std::uint16_t> active;                    // rules that run for this language
    std::vector<std::vector<std::uint16_t>> bySymbol;     // grammar symbol -> rule indices
  };
  std::vector<const Rule*> rules_;
  std::shared_ptr<const CustomRuleSet> custom_;
  std::size_t customStart_ = 0;  // engine index of the first custom rule
  std::vector<core::KnownRule> known_;
  std::array<Dispatch, core::kLangCount> dispatch_;
};

/// Fills positions and the masked excerpt of findings made against `file`, and masks any
/// secret that leaked into a message. Sorts by position then rule id.
void finalizeFindings(const core::ParsedFile& file, std::vector<core::Finding>& findings);

}  // namespace agentlens::rules
