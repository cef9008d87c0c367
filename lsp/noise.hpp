// The editor's noise budget: which level a finding is shown at, how much appears inline, and
// findings of one rule on one line collapsed into one diagnostic. The CLI's levels (SARIF, text)
// are unchanged: this is how an editor presents them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/score/readiness.hpp"

namespace agentlens::lsp {

/// agentlens.inlineLevel: errors (blockers only), warnings (and high severity), all.
enum class InlineLevel { Errors, Warnings, All };
std::optional<InlineLevel> inlineLevelFromName(const std::string& name);

/// Error only for a blocker of the readiness gate (a gate rule's finding at critical or high
/// severity with high confidence), Warning for other high-severity findings, Information for
/// medium ones (or high with low confidence), Hint for the rest.
core::Level editorLevel(const core::Finding& f, const core::RuleInfo* rule);

/// Whether a diagnostic at `level` is sent under `budget`.
bool shownAt(core::Level level, InlineLevel budget);

/// The unsuppressed findings grouped by (rule, first line), in the order of their first member:
/// each group becomes one diagnostic.
std::vector<std::vector<const core::Finding*>> groupByRuleAndLine(const std::vector<core::Finding>& findings);

}  // namespace agentlens::lsp
