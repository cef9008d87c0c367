// Console-script entry points and the commands they run (see command_cli_entry.hpp).
#include "rules/security/command_cli_entry.hpp"

#include <algorithm>
#include <string>

namespace agentlens::rules {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// `a.b.c` of every `name = "a.b.c:func"` line in the scripts tables of a pyproject.toml.
std::vector<std::string> scriptModules(std::string_view toml) {
  std::vector<std::string> out;
  bool inScripts = false;
  for (std::size_t ls = 0; ls < toml.size();) {
    auto le = toml.find('\n', ls);
    std::string_view line = trim(toml.substr(ls, (le == std::string_view::npos ? toml.size() : le) - ls));
    ls = le == std::string_view::npos ? toml.size() : le + 1;
    if (line.starts_with("[")) {
      inScripts = line == "[project.scripts]" || line == "[tool.poetry.scripts]";
      continue;
    }
    if (!inScripts) continue;
    auto q = line.find_first_of("\"'");
    auto colon = line.find(':', q == std::string_view::npos ? line.size() : q);
    if (q == std::string_view::npos || colon == std::string_view::npos) continue;
    out.emplace_back(line.substr(q + 1, colon - q - 1));
  }
  return out;
}

/// Whether `path` is the module `a.b.c` (`src/a/b/c.py`, `a/b/c.py`, `a/b/c/__init__.py`).
bool isModule(std::string_view path, std::string module) {
  std::replace(module.begin(), module.end(), '.', '/');
  for (const std::string& tail : {module + ".py", module + "/__init__.py"})
    if (path == tail || path.ends_with("/" + tail)) return true;
  return false;
}

/// The module takes values from outside the program: arguments, environment, a prompt.
bool readsOutside(std::string_view text) {
  for (std::string_view s : {"sys.argv", "argparse", "import click", "from click", "import typer", "from typer",
                             "os.environ", "os.getenv", "getenv(", "input(", "fire.Fire", "docopt"})
    if (text.find(s) != std::string_view::npos) return true;
  return false;
}

}  // namespace

void commandsInCliEntryPoints(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  auto ours = [](const core::Finding& f) {
    return f.ruleId == "command-or-code-injection" && f.message.find("from request data") == std::string::npos;
  };
  bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
  });
  if (!any) return;
  std::vector<std::string> modules;
  for (const auto* f : view.files()) {
    if (f->path != "pyproject.toml" && !f->path.ends_with("/pyproject.toml")) continue;
    if (auto text = view.read(f->path)) {
      auto m = scriptModules(*text);
      modules.insert(modules.end(), m.begin(), m.end());
    }
  }
  if (auto root = view.read("pyproject.toml"); root && modules.empty()) modules = scriptModules(*root);
  if (modules.empty()) return;
  for (auto& fr : files) {
    if (!fr.path.ends_with(".py") ||
        std::none_of(modules.begin(), modules.end(), [&](const std::string& m) { return isModule(fr.path, m); }))
      continue;
    auto text = view.read(fr.path);
    if (!text || readsOutside(*text)) continue;
    std::erase_if(fr.findings, ours);
  }
}

}  // namespace agentlens::rules
