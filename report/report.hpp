// Renders scan results for people and machines: text (compiler-like), JSON (stable schema,
// docs/json-output.md) and SARIF 2.1.0 (GitHub code scanning). Shared by the CLI and the server.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/scan.hpp"
#include "core/score/readiness.hpp"

namespace agentlens::report {

/// What a report says about a rule (kept free of the rules layer).
struct RuleDoc {
  std::string id;
  core::Category category;
  core::Severity severity;
  std::string summary;
  std::string docs;  ///< markdown
  std::vector<std::string> languages;
  bool fixable = false;
};

/// `check --since REF`: the report lists new code only (cli/since.hpp).
struct SinceInfo {
  std::string ref;
  std::optional<double> baseScore;  ///< readiness at REF (none when nothing was assessable there)
  std::size_t changedFiles = 0;
  std::size_t hiddenFindings = 0;   ///< findings on unchanged code that REF already had
};

struct ReportInput {
  const core::ScanResult* scan = nullptr;
  std::vector<RuleDoc> rules;       ///< the rules that ran
  std::string rootUri;              ///< file:// URI of the scanned root (SARIF base), may be ""
  const core::Readiness* readiness = nullptr;  ///< score and plan; omitted when null
  std::optional<double> previousScore;         ///< from --compare: shows the delta
  std::string previousScoreVersion;            ///< the compared report's score version ("" = same)
  std::string title;                           ///< what was scanned (HTML title)
  std::optional<SinceInfo> since;              ///< --since: JSON gets a "since" object
};

struct TextOptions {
  bool color = false;
  bool verbose = false;  ///< list skipped files with reasons
  bool showFixes = true;
};

std::string renderText(const ReportInput& in, const TextOptions& opts);
std::string renderJson(const ReportInput& in);
/// The same JSON report written to `out` as it is produced (a large scan's report is never held
/// whole in memory).
void writeJson(const ReportInput& in, std::ostream& out);
std::string renderSarif(const ReportInput& in);
/// One self-contained HTML page (no network, no external assets).
std::string renderHtml(const ReportInput& in);
/// The readiness block of the text report: score, grade, category bars, top plan items.
/// `previousVersion`: the compared report's score version; when it differs from this one the
/// delta is labelled as not comparable.
std::string renderReadinessText(const core::Readiness& r, bool color, std::size_t topItems,
                                std::optional<double> previous = std::nullopt, const std::string& previousVersion = "");
/// The action plan alone (`agentlens plan`); with `prompts`, each item's AI hand-off.
std::string renderPlanText(const core::Readiness& r, bool prompts);

/// First paragraph under "## What it does" in a rule's docs (SARIF fullDescription).
std::string docsFirstParagraph(std::string_view docs);

}  // namespace agentlens::report
