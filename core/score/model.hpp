// Internal to core/score: the per-rule tallies and the scoring function shared by the score and
// the plan (which re-scores with items resolved).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/score/readiness.hpp"

namespace agentlens::core::score {

/// Weight multiplier of a rule by its scoring mode (presence, density, check), fitted with the
/// other numbers (core/score/fitted_params.cpp). Workspace checks — is there CI, tests, a health
/// endpoint, graceful shutdown — carry more of the score than the many presence rules that pass
/// by having nothing to flag. Kept out of ScoreParams until that struct's next layout change
/// (core/score/readiness.hpp is included by every rule); explicit ScoreParams (tests) use 1, 1, 1.
const std::array<double, 3>& fittedModeWeights();

/// Per-rule aggregate of the findings and sites.
struct RuleTally {
  std::size_t open = 0;  // open findings that count (non-info, non-suppressed)
  std::array<std::array<std::size_t, 3>, 5> openBy{};
  std::size_t sites = 0;
  std::size_t accepted = 0;
  std::size_t blockers = 0;  // gate findings at C/H with high confidence
  std::vector<const Finding*> findings;
};

struct Context {
  const ReadinessInput& in;
  const ScoreParams& p;
  std::array<double, 3> modeWeight{1, 1, 1};
  std::map<std::string, RuleTally> tally;
  std::set<Lang> langs;
  bool db = false;
  std::map<std::string, const RuleInfo*> rules;
};

struct Scores {
  std::array<CategoryScore, kCategoryCount> cats{};
  double overall = 0;
  bool applicable = false;
  std::vector<RuleScore> rules;
};

Context buildContext(const ReadinessInput& in);
/// Scores with the rules in `resolved` treated as fixed (their open findings removed).
Scores score(const Context& ctx, const std::set<std::string>& resolved);
/// rule id -> the failing check that subsumes it (with nothing resolved).
std::map<std::string, std::string> foldedSymptoms(const Context& ctx);
std::vector<PlanItem> buildPlan(const Context& ctx, const Scores& base);

}  // namespace agentlens::core::score
