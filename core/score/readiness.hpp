// The readiness model (score version 2, docs/score.md): a continuous 0–100 score per category and
// overall with a grade, a readiness gate beside it (blockers: high-confidence gate findings), and
// a prioritized action plan. A pure function of the rules' metadata, the findings, the
// eligible-site counts and a few workspace facts. No I/O, no JSON.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/finding.hpp"
#include "core/score/params.hpp"
#include "core/score/services.hpp"

namespace agentlens::core {

/// How a rule is scored (mirrors rules::ScoreMode; core does not know the rules layer).
enum class ScoringMode : std::uint8_t {
  Presence,  ///< 10 − penalty per finding
  Density,   ///< share of eligible sites that violate, with small-sample shrinkage
  Check,     ///< workspace check: pass = 10, fail = 0 (graded checks report a fraction)
};

/// Remediation effort class (catalog §6): XS mechanical quick fix … L infrastructure/process.
enum class Effort : std::uint8_t { XS, S, M, L };
std::string_view effortName(Effort e);

/// What the score needs to know about a rule.
struct RuleInfo {
  std::string id;
  Category category = Category::ErrorHandling;
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::High;
  ScoringMode mode = ScoringMode::Presence;
  bool gate = false;
  std::vector<Lang> languages;  ///< a presence rule is conclusive when one of these is present
  std::string summary;          ///< one line: what it finds
  std::string why;              ///< one sentence: why it matters (from the docs)
  Effort effort = Effort::S;
  bool hasSafeFix = false;
  bool hasFix = false;
  std::string planTitle;              ///< action-plan title ("Secrets out of code"); "" = summary
  std::vector<std::string> subsumes;  ///< workspace check: rules whose findings are its symptoms
};

struct ReadinessInput {
  std::vector<RuleInfo> rules;           ///< every rule that ran
  const std::vector<FileResult>* files = nullptr;
  /// The workspace talks to a database (DB clients or drivers imported). Without one the
  /// database category is not applicable.
  std::optional<bool> usesDatabase;      ///< nullopt = derive from the files' facts and imports
  const ScoreParams* params = nullptr;   ///< nullptr = fittedParams()
  bool perService = true;                ///< also score each service (Readiness::services)
  ServiceOptions services;               ///< `[services]` of the root config
};

struct PointsLost {
  std::string ruleId;
  double points = 0;       ///< category points lost to this rule
  std::string detail;      ///< "6 of 8 sites", "2 findings"
};

struct CategoryScore {
  Category category;
  bool applicable = false;
  double score = 0;              ///< 0–100
  std::vector<PointsLost> lost;  ///< largest first
  std::vector<std::string> inconclusive;  ///< rules that had nothing to judge here
  std::size_t findings = 0;
  std::size_t accepted = 0;      ///< suppressed findings (count as pass)
};

struct PlanLocation {
  std::string path;
  std::uint32_t line = 0;  ///< 0-based
  std::uint32_t character = 0;
};

struct PlanItem {
  std::string ruleId;
  std::string title;
  Category category;
  Severity severity;
  bool blocker = false;
  std::string bucket;        ///< "before-first-deploy", "this-week", "hardening-backlog"
  std::string why;
  std::vector<PlanLocation> locations;
  std::vector<std::string> files;
  std::size_t findings = 0;
  double gainOverall = 0;    ///< overall score gain when resolved (> 0 for every item; 2 decimals)
  double gainCategory = 0;
  double categoryBefore = 0, categoryAfter = 0;
  Effort effort = Effort::S;
  double effortCost = 0;     ///< base × (1 + log2(1 + files touched))
  std::string fix;           ///< "Automatic: …" or the recipe
  bool autoFixable = false;
  std::string handoff;       ///< copyable instruction for a coding assistant
};

/// The readiness gate, shown beside the score: it fails on any open blocker — a finding of a gate
/// rule at critical or high severity with high confidence. The score itself is never capped.
struct Gate {
  bool passed = true;
  std::size_t blockers = 0;         ///< blocker findings
  std::vector<std::string> rules;   ///< the gate rules with blockers, sorted
  std::string headline;             ///< "Ready: no blockers" / "Not ready: 2 blockers"
};

/// What one rule contributed (the score's inputs, for explanations and for scripts/fit_score.py).
struct RuleScore {
  std::string ruleId;
  Category category = Category::ErrorHandling;
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::High;
  ScoringMode mode = ScoringMode::Presence;
  std::size_t open = 0;        ///< counted open findings (per-file density caps applied)
  std::size_t sites = 0;       ///< eligible sites (density) or parts (check)
  /// Open findings by their own severity × confidence (presence deductions).
  std::array<std::array<std::size_t, 3>, 5> openBy{};
  std::string foldedInto;      ///< the failing check it is charged through, if any
  std::vector<std::string> subsumes;
  double score = 10;           ///< 0–10
  double share = 0;            ///< share of the overall score it carries (≤ maxRuleShare)
};

/// One service's readiness (see core/score/services.hpp): its own score, gate and plan.
struct ServiceReadiness {
  std::string name;
  std::string root;          ///< folder relative to the scanned root ("" = the root)
  UnitKind kind = UnitKind::Service;
  double overall = 0;
  bool applicable = false;
  std::string grade;
  std::string label;
  Gate gate;
  std::array<CategoryScore, kCategoryCount> categories{};
  std::vector<PlanItem> plan;  ///< hand-offs name the service
};

struct Readiness {
  double overall = 0;
  bool applicable = false;   ///< false when nothing could be judged (no code found)
  std::string grade;         ///< A–E
  std::string label;         ///< "production-ready" … "prototype"
  Gate gate;
  std::size_t blockers = 0;  ///< = gate.blockers
  double bound = 0;          ///< the most one finding can move `overall` (points)
  std::array<CategoryScore, kCategoryCount> categories{};
  std::vector<PlanItem> plan;
  std::vector<std::string> questions;  ///< unscored production-readiness questions
  std::string handoff;                 ///< for the whole plan
  std::vector<RuleScore> rules;        ///< conclusive scored rules, by id
  /// Per service, when the workspace has any (a folder with a manifest and a server file); the
  /// fields above are then the repository roll-up over all files.
  std::vector<ServiceReadiness> services;
  std::string scoreVersion = "2";
};

/// Category weight in the fitted parameters.
double categoryWeight(Category c);
std::string gradeFor(double score);
std::string gradeLabel(const std::string& grade);

Readiness computeReadiness(const ReadinessInput& in);

}  // namespace agentlens::core
