// Rule fixtures: source files with inline expectations, rendered into reviewable snapshots.
//
//   tests/rules/fixtures/<rule-id>/<name>.<ext>       the fixture (bad and good code, traps)
//   tests/rules/fixtures/<rule-id>/<name>.<ext>.snap  rendered findings and each fix's diff
//
// In a fixture, a comment `expect: <rule-id>` marks a line where a finding of the rule starts;
// `expect: <rule-id>(hint)` also asserts its level. Every other line must stay silent.
// A first-line comment `fixture-path: some/dir/file.py` sets the path the file is analysed
// under (file roles come from paths: tests/, scripts/, …). UPDATE_SNAPSHOTS=1 rewrites snapshots.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "rules/rule.hpp"

namespace agentlens::testing {

std::string readText(const std::filesystem::path& p);
void writeText(const std::filesystem::path& p, std::string_view text);
std::filesystem::path sourceDir();

struct Expectation {
  std::uint32_t line;  // 0-based
  std::string level;   // "" = any
};

/// Parses `expect:` markers for `ruleId` from a fixture's text.
std::vector<Expectation> expectations(std::string_view text, std::string_view ruleId);
/// The fixture text with `expect: …` markers blanked out (same length, so offsets and lines are
/// unchanged): a rule must not read the test's own annotations as code comments.
std::string blankMarkers(std::string_view text);
/// The `fixture-path:` directive, or `fallback`.
std::string fixturePath(std::string_view text, const std::string& fallback);

/// Analyses `text` as `path` with the given rules.
core::FileResult analyzeText(const std::string& path, std::string_view text, std::vector<const rules::Rule*> rules);

/// Snapshot text: each finding rendered with its excerpt, then each fix as a diff.
std::string renderSnapshot(std::string_view text, const core::FileResult& result);

/// Number of ERROR or MISSING nodes in a parse of `text`.
std::size_t syntaxErrors(core::Lang lang, std::string_view text);

}  // namespace agentlens::testing
