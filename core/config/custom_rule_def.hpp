// Custom rules as data: `.agentlens/rules/*.toml`, one rule per file or several under `[[rule]]`.
// Parsed and validated here (core); rules/custom/ turns them into rules of the engine.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/lang.hpp"

namespace agentlens::core {

struct CustomRuleDef {
  std::string file;  ///< absolute path of the .toml it came from
  std::string id;
  Category category = Category::ErrorHandling;
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::High;
  std::vector<Lang> languages;
  std::string message;  ///< may interpolate captures: `{{name}}`
  std::string summary;  ///< one line; defaults to the message with captures left as `name`
  std::string docs;     ///< markdown shown by `agentlens explain`
  std::string query;    ///< tree-sitter query with #eq? #not-eq? #match? #not-match? #any-of? #not-any-of?
  std::optional<std::string> fix;  ///< replacement template for the reported node
  Applicability fixSafety = Applicability::Unsafe;
  std::uint32_t idOffset = 0;     ///< byte offset of the rule in its file (for diagnostics)
  std::uint32_t queryOffset = 0;  ///< byte offset of the query's first character in its file
};

struct CustomRuleFile {
  std::vector<CustomRuleDef> rules;
  std::vector<Finding> diagnostics;  ///< `invalid-config` findings on the file (absolute path)
};

/// Parses one rule file (keys, types, names). Queries are compiled by loadCustomRules.
CustomRuleFile parseCustomRuleFile(const std::string& absPath, std::string_view text);

/// Loads `dir/*.toml` (sorted by name), compiles every query for every language the rule names
/// and checks its predicates: a rule with an invalid query is dropped and reported with the
/// position of the error in the .toml. Ids must be unique and must not shadow `builtinIds`.
CustomRuleFile loadCustomRules(const std::string& dir, const std::vector<std::string>& builtinIds);

}  // namespace agentlens::core
