// Console-script entry points and the commands they run (see command_cli_entry.hpp).
#include "rules/security/command_cli_entry.hpp"

#include <algorithm>
#include <string>

#include "rules/common/pyproject.hpp"

namespace agentlens::rules {
namespace {

/// `a.b.c` of the console scripts a pyproject.toml declares.
std::vector<std::string> scriptModules(std::string_view toml) {
  std::vector<std::string> out;
  for (auto& e : pyproject::scriptEntries(toml)) out.push_back(std::move(e.module));
  return out;
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
        std::none_of(modules.begin(), modules.end(), [&](const std::string& m) { return pyproject::isModule(fr.path, m); }))
      continue;
    auto text = view.read(fr.path);
    if (!text || readsOutside(*text)) continue;
    std::erase_if(fr.findings, ours);
  }
}

}  // namespace agentlens::rules
