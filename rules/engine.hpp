// The rule engine: one pre-order traversal per tree that feeds every interested rule, then each
// rule's finish(). Implements core::Analyzer so core can schedule it without knowing the rules.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

class Engine final : public core::Analyzer {
 public:
  /// `rules` must outlive the engine (built-in rules are static).
  explicit Engine(std::vector<const Rule*> rules);

  [[nodiscard]] core::FileResult analyze(const core::ParsedFile& file) const override;
  [[nodiscard]] std::string fingerprint() const override;
  [[nodiscard]] const std::vector<const Rule*>& rules() const { return rules_; }

 private:
  struct Dispatch {
    std::vector<std::uint16_t> active;                    // rules that run for this language
    std::vector<std::vector<std::uint16_t>> bySymbol;     // grammar symbol -> rule indices
  };
  std::vector<const Rule*> rules_;
  std::array<Dispatch, core::kLangCount> dispatch_;
};

/// Fills positions and the masked excerpt of findings made against `file`, and masks any
/// secret that leaked into a message. Sorts by position then rule id.
void finalizeFindings(const core::ParsedFile& file, std::vector<core::Finding>& findings);

}  // namespace agentlens::rules
