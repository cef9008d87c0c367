// Launch commands read as data: shell-word splitting, development-only files, and which Python
// module a command runs and how (as a script, or imported by a server such as gunicorn).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::rules {

using Tokens = std::vector<std::string>;

/// Splits a command like a shell would for simple cases (quotes grouped, no expansion). A JSON
/// exec form (`["python", "app.py"]`) is read as its strings.
Tokens splitCommand(std::string_view command);
/// True for files meant for development only (Dockerfile.dev, *.dev.yml, .devcontainer/,
/// docker-compose.override.yml, *.local.*).
bool devOnlyPath(std::string_view path);

/// True for a development tool's own server: a path with a Storybook folder or binary
/// (`cmd/app-storybook/main.go`, `.storybook/`), a component preview nobody deploys.
bool devToolPath(std::string_view path);

/// How a launch command runs Python code.
struct PythonLaunch {
  enum class Kind : std::uint8_t { None, Script, Server };
  Kind kind = Kind::None;
  std::string server;       ///< gunicorn, uvicorn, hypercorn, waitress-serve, daphne ("" for scripts)
  std::string scriptPath;   ///< `python app.py` → "app.py"
  std::string module;       ///< `python -m pkg.app` / `gunicorn pkg.app:app` → "pkg.app"
  bool reload = false;      ///< `--reload` (a development flag)
};
/// What a launch command runs (wrappers such as `exec`, `sh -c`, `env X=1` and `tini --` are
/// looked through).
PythonLaunch pythonLaunch(std::string_view command);
/// True when the command's script or module is the file at `path` (workspace-relative). Paths
/// inside the image (`/app/app.py`) match by suffix.
bool launchRuns(const PythonLaunch& launch, std::string_view path);

}  // namespace agentlens::rules
