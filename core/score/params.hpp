// The readiness model's numbers: category weights, severity weights, presence deductions,
// confidence multipliers, density shrinkage and the per-rule share bound. The values in use are
// fitted by scripts/fit_score.py on the twin apps (tests/calibration/) and the labeled ecosystem
// corpus, and written to core/score/fitted_params.cpp; docs/score.md explains each one.
#pragma once
#include <array>
#include <cstddef>

#include "core/finding.hpp"

namespace agentlens::core {

struct ScoreParams {
  /// Overall weight of each category (index: Category).
  std::array<double, kCategoryCount> categoryWeight{};
  /// Weight of a rule inside its category by the rule's severity (index: Severity; Info = 0).
  std::array<double, 5> severityWeight{};
  /// Points a presence rule (0–10) loses per finding, by the finding's severity.
  std::array<double, 5> deduction{};
  /// Multiplier of a rule's weight and of a finding's deduction by confidence (index: Confidence).
  std::array<double, 3> confidence{};
  /// Density rules: 10·(1 − v/(n + k)); k is small-sample shrinkage.
  double shrinkage = 2;
  /// No rule (or root-cause group) carries more than this share of the overall score, so one
  /// finding moves the overall score by at most 100·maxRuleShare points (the stated bound).
  double maxRuleShare = 0.08;
};

/// The fitted numbers (core/score/fitted_params.cpp, generated).
const ScoreParams& fittedParams();

/// The most one finding can move the overall score, in points (100 · maxRuleShare).
inline double singleFindingBound(const ScoreParams& p) { return 100.0 * p.maxRuleShare; }

}  // namespace agentlens::core
