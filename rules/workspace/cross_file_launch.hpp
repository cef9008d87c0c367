// Production launch commands seen across the workspace (Dockerfile, Procfile, compose, k8s), and
// the dev-server-entrypoint check built on them.
#pragma once
#include <string>
#include <vector>

#include "rules/common/launch.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// A command that starts the app in production, with where it is written.
struct Launch {
  const core::FileResult* file = nullptr;
  std::uint32_t line = 0;
  std::string text;
  PythonLaunch py;
};

/// The production launch commands of the workspace that start a Python app.
std::vector<Launch> productionLaunches(const WorkspaceView& view);

/// "`path:line`" of a launch, for messages.
std::string where(const Launch& l);

/// dev-server-entrypoint: `python app.py` where app.py starts a development server.
void devServerViaScript(std::vector<core::Finding>& out, const std::vector<Launch>& launches,
                        const WorkspaceView& view, const WorkspaceView::Reader& read);

/// dev-server-entrypoint: a Flask app whose only launch is its own `app.run()` — no Dockerfile,
/// Procfile, compose or platform file for it and no WSGI server among the dependencies.
void devServerOnly(std::vector<core::Finding>& out, const std::vector<Launch>& launches, const WorkspaceView& view);

}  // namespace agentlens::rules
