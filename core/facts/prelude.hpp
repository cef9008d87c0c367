// The prelude: facts read from a file's top-level statements before the rule traversal starts
// (imports, frameworks, main guard, role), so rules can consult the role while visiting.
// It looks only at the root's children: no extra walk over the tree.
#pragma once
#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

Facts extractPrelude(const ParsedFile& file);

/// Maps an imported module to the web framework it signals ("" when none).
std::string_view frameworkOfImport(Lang lang, std::string_view module);

}  // namespace agentlens::core
