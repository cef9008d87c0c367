// Inline suppressions: `agentlens: ignore[rule-id, …] -- reason` in a comment on the finding's
// line (after code) or alone on the line above, and `agentlens: ignore-file[rule-id] -- reason`
// (conventionally at the top) for the whole file, in each language's comment syntax
// (#, //, /* */; `#` in Dockerfile, YAML, TOML, .env, requirements). Ids may be rule ids or
// categories. Suppressed findings are kept, marked accepted (Finding::suppressedReason).
#pragma once
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

struct Suppression {
  bool fileWide = false;
  std::vector<std::string> ids;
  std::string reason;          ///< "" when missing
  ByteRange range;             ///< the directive text, from `agentlens:` to its end
  std::uint32_t line = 0;      ///< 0-based line of the directive
  std::uint32_t targetLine = 0;  ///< the line it covers (== line for a trailing comment)
  std::string problem;         ///< set for a malformed directive ("expected `[rule-id]`…")
};

/// Finds the directives of a file. Cost: one substring search for "agentlens:" over the text
/// (memchr speed); each hit is then confirmed to be inside a comment with the syntax tree (one
/// descendant lookup) or, for files without a grammar, by a `#` before it on its line.
std::vector<Suppression> findSuppressions(const ParsedFile& file);

/// Marks findings covered by a directive as suppressed, then appends `invalid-suppression`
/// (missing reason, unknown rule, malformed) and `unused-suppression` (hint; only for rules that
/// are enabled for this file) findings. `known` lists every rule id (categories are implied).
void applySuppressions(const ParsedFile& file, std::vector<Finding>& findings, const std::vector<KnownRule>& known,
                       const FileConfig& config);

}  // namespace agentlens::core
