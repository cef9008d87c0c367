// Renders scan results for people and machines: text (compiler-like), JSON (stable schema,
// docs/json-output.md) and SARIF 2.1.0 (GitHub code scanning). Shared by the CLI and the server.
#pragma once
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/scan.hpp"

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

struct ReportInput {
  const core::ScanResult* scan = nullptr;
  std::vector<RuleDoc> rules;       ///< the rules that ran
  std::string rootUri;              ///< file:// URI of the scanned root (SARIF base), may be ""
};

struct TextOptions {
  bool color = false;
  bool verbose = false;  ///< list skipped files with reasons
  bool showFixes = true;
};

std::string renderText(const ReportInput& in, const TextOptions& opts);
std::string renderJson(const ReportInput& in);
std::string renderSarif(const ReportInput& in);

/// First paragraph under "## What it does" in a rule's docs (SARIF fullDescription).
std::string docsFirstParagraph(std::string_view docs);

}  // namespace agentlens::report
