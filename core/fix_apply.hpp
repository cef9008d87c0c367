// Applying a fix's edits to text: the one implementation used by the CLI (--fix), the tests and
// the server's fix-all. Edits must not overlap; they are applied from the end backwards.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"

namespace agentlens::core {

/// Applies the Replace edits addressed to the finding's own file (path == "").
/// Returns nullopt when edits overlap or fall outside the text.
std::optional<std::string> applyEdits(std::string_view text, const std::vector<TextEdit>& edits);

/// Resolves an edit to another file against that file's current content (nullopt = missing):
/// returns the file's new content, or nullopt when nothing changes.
std::optional<std::string> applyFileEdit(const std::optional<std::string>& current, const TextEdit& edit);

}  // namespace agentlens::core
