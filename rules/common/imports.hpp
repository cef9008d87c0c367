// Fix helpers that add what an edit needs at the top of a file: imports and a module logger.
// Each looks only at the root's direct children (cheap) and returns the edits to add, empty
// when the file already has what is needed.
#pragma once
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::rules {

/// Python: `import <module>` after the last top-level import (or the docstring), if missing.
std::vector<core::TextEdit> pythonEnsureImport(const core::ParsedFile& file, std::string_view module);

struct LoggerPlan {
  std::string name;                    ///< identifier to call (`logger`, `log`, `console`, `slog`)
  std::vector<core::TextEdit> edits;   ///< imports / declaration to add
};
/// Python: the module's existing logger (`logger = logging.getLogger(...)`, structlog, loguru),
/// or `import logging` + `logger = logging.getLogger(__name__)` added after the imports.
LoggerPlan pythonLogger(const core::ParsedFile& file);
/// JS/TS: a top-level `logger`/`log` binding (declared or imported), else `console`.
LoggerPlan jsLogger(const core::ParsedFile& file);
/// Go: `import "<path>"` if missing, merged into an existing import block.
std::vector<core::TextEdit> goEnsureImport(const core::ParsedFile& file, std::string_view path);

/// Merges edits that insert at the same offset (in order) so a fix never carries two inserts
/// at one point (clients reject overlapping edits).
void mergeInsertions(std::vector<core::TextEdit>& edits);

/// An insertion of `text` at byte `at`.
core::TextEdit insertAt(std::uint32_t at, std::string text);
/// End of the line containing `offset`, including its line break.
std::uint32_t afterLine(std::string_view src, std::uint32_t offset);

}  // namespace agentlens::rules
