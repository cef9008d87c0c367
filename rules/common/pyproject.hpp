// Python project metadata the rules read from pyproject.toml: console-script entry points. Parsed
// with toml++ (a malformed file yields nothing); module paths matched to files.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::rules::pyproject {

struct ScriptEntry {
  std::string name;      ///< the command ("shopctl")
  std::string module;    ///< "pkg.cli"
  std::string function;  ///< "main" ("" when the entry names a module only)
};

/// The entries of `[project.scripts]` and `[tool.poetry.scripts]` ("pkg.cli:main"); a Poetry
/// entry may be a table with a `callable` key.
std::vector<ScriptEntry> scriptEntries(std::string_view toml);

/// Whether `path` is the module `a.b.c` (`src/a/b/c.py`, `a/b/c.py`, `a/b/c/__init__.py`).
bool isModule(std::string_view path, std::string module);

}  // namespace agentlens::rules::pyproject
