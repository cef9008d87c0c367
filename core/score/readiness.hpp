// The readiness model: a 0–100 score per category and overall, with a grade, caps from open
// blockers, and a prioritized action plan. A pure function of the rules' metadata, the findings,
// the eligible-site counts and a few workspace facts (catalog §5–§6). No I/O, no JSON.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/finding.hpp"

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
};

struct PointsLost {
  std::string ruleId;
  double points = 0;       ///< category points lost to this rule
  std::string detail;      ///< "6 of 8 sites", "2 findings"
};

struct CategoryScore {
  Category category;
  bool applicable = false;
  double score = 0;              ///< 0–100 after caps
  double raw = 0;                ///< before caps
  std::optional<int> cap;        ///< 39 or 69 when a blocker is open
  std::string capCause;          ///< rule id that caps it
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
  double gainOverall = 0;    ///< expected overall score gain when resolved
  double gainCategory = 0;
  double categoryBefore = 0, categoryAfter = 0;
  Effort effort = Effort::S;
  double effortCost = 0;     ///< base × (1 + log2(1 + files touched))
  std::string fix;           ///< "Automatic: …" or the recipe
  bool autoFixable = false;
  std::string handoff;       ///< copyable instruction for a coding assistant
};

struct Readiness {
  double overall = 0;
  bool applicable = false;   ///< false when nothing could be judged (no code found)
  std::string grade;         ///< A–E
  std::string label;         ///< "production-ready" … "prototype"
  std::optional<int> overallCap;
  std::size_t blockers = 0;
  std::array<CategoryScore, kCategoryCount> categories{};
  std::vector<PlanItem> plan;
  std::vector<std::string> questions;  ///< unscored production-readiness questions
  std::string handoff;                 ///< for the whole plan
  std::string scoreVersion = "1";
};

/// Category weights (catalog §5.2): security 25, error-handling/observability/deployment 15,
/// testing/configuration/database 10.
double categoryWeight(Category c);
std::string gradeFor(double score);
std::string gradeLabel(const std::string& grade);

Readiness computeReadiness(const ReadinessInput& in);

}  // namespace agentlens::core
