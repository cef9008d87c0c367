// Production launch commands and dev-server-entrypoint (see cross_file_launch.hpp).
#include "rules/workspace/cross_file_launch.hpp"

#include <algorithm>
#include <optional>

#include "rules/registry.hpp"
#include "rules/workspace/deploy_evidence.hpp"

namespace agentlens::rules {

std::vector<Launch> productionLaunches(const WorkspaceView& view) {
  std::vector<Launch> out;
  for (const auto* f : view.files()) {
    if (devOnlyPath(f->path) || f->facts.isTestOrGenerated()) continue;
    for (const auto& c : f->facts.commands) {
      bool docker = c.source.starts_with("dockerfile:");
      if (docker && f->facts.dockerfile && c.line < f->facts.dockerfile->lastFromLine) continue;  // an earlier stage
      if (!docker && !c.source.starts_with("procfile:") && !c.source.starts_with("compose:") &&
          !c.source.starts_with("k8s:"))
        continue;
      Launch l{f, c.line, c.text, pythonLaunch(c.text)};
      if (l.py.kind != PythonLaunch::Kind::None) out.push_back(std::move(l));
    }
  }
  return out;
}

std::string where(const Launch& l) {
  return "`" + l.file->path + ":" + std::to_string(l.line + 1) + "`";
}

namespace {

// ---- dev-server-entrypoint: `python app.py` where app.py starts a development server ----------

struct DevRun {
  std::string what;     ///< how the message names it
  std::string replace;  ///< the production command, as tokens joined by spaces
};

std::optional<DevRun> devServerRun(const core::FileResult& target, const Launch& l, const WorkspaceView& view) {
  std::string module = target.path.substr(0, target.path.size() - 3);  // strip .py
  if (auto s = module.find_last_of('/'); s != std::string::npos && l.py.scriptPath.find('/') == std::string::npos)
    module = module.substr(s + 1);  // run from its own directory
  std::replace(module.begin(), module.end(), '/', '.');
  std::string app = target.facts.appObjects.empty() ? "app" : target.facts.appObjects.front();
  // Procfile platforms (Heroku and alikes) assign the port in $PORT.
  std::string port = l.file->facts.infraKind == "procfile" ? "$PORT" : "8000";
  if (l.file->facts.dockerfile && l.file->facts.dockerfile->exposedPorts.size() == 1)
    port = std::to_string(l.file->facts.dockerfile->exposedPorts.front());
  bool production = false;
  std::optional<DevRun> dev;
  for (const auto& r : target.facts.serverRuns) {
    if (r.what == "flask:app.run" || r.what == "werkzeug.run_simple") {
      if (!dev)
        dev = DevRun{"`" + std::string(r.what == "flask:app.run" ? "app.run()" : "run_simple()") +
                         "` (the Werkzeug development server, line " + std::to_string(r.line + 1) + ")",
                     "gunicorn -b 0.0.0.0:" + port + " " + module + ":" + app};
    } else if (r.what == "uvicorn.run:reload") {
      if (!dev)
        dev = DevRun{"`uvicorn.run(..., reload=True)` (the auto-reloading development mode, line " +
                         std::to_string(r.line + 1) + ")",
                     "uvicorn " + module + ":" + app + " --host 0.0.0.0 --port " + port};
    } else {
      production = true;  // uvicorn.run without reload, waitress.serve: a production server
    }
  }
  (void)view;
  if (production) return std::nullopt;
  return dev;
}

}  // namespace

void devServerViaScript(std::vector<core::Finding>& out, const std::vector<Launch>& launches,
                        const WorkspaceView& view, const WorkspaceView::Reader& read) {
  const Rule* rule = findRule("dev-server-entrypoint");
  if (!rule) return;
  const RuleMeta& meta = rule->meta();
  for (const auto& l : launches) {
    if (l.py.kind != PythonLaunch::Kind::Script) continue;
    for (const auto* target : view.files()) {
      if (target->lang != core::Lang::Python || !launchRuns(l.py, target->path)) continue;
      auto dev = devServerRun(*target, l, view);
      if (!dev) continue;
      auto make = [&](const std::string& path, std::uint32_t line, std::string message) {
        core::Finding f;
        f.ruleId = std::string(meta.id);
        f.category = meta.category;
        f.severity = meta.severity;
        f.confidence = meta.confidence;
        f.path = path;
        f.start = f.end = {line, 0};
        f.message = std::move(message);
        return f;
      };
      core::Finding atLaunch = make(l.file->path, l.line,
                                    "`" + l.text + "` runs " + target->path + ", which starts " + dev->what +
                                        ": serve it with a production server");
      // Fix: replace the command on its line, keeping the exec or shell form.
      auto text = read ? read(l.file->path) : std::nullopt;
      if (text) {
        std::size_t ls = 0;
        for (std::uint32_t i = 0; i < l.line && ls != std::string::npos; ++i) {
          ls = text->find('\n', ls);
          if (ls != std::string::npos) ++ls;
        }
        auto at = ls == std::string::npos ? std::string::npos : text->find(l.text, ls);
        auto le = ls == std::string::npos ? std::string::npos : text->find('\n', ls);
        if (at != std::string::npos && (le == std::string::npos || at + l.text.size() <= le)) {
          Tokens t = splitCommand(dev->replace);
          std::string repl;
          bool exec = l.text.starts_with("[");
          for (std::size_t i = 0; i < t.size(); ++i)
            repl += exec ? (i ? ", \"" : "\"") + t[i] + "\"" : (i ? " " : "") + t[i];
          if (exec) repl = "[" + repl + "]";
          bool gunicorn = dev->replace.starts_with("gunicorn");
          core::Fix fix{.title = gunicorn ? "Serve with gunicorn (add it to your requirements)" : "Serve with uvicorn",
                        .applicability = core::Applicability::Unsafe};
          core::TextEdit e;
          e.range = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + l.text.size())};
          e.text = repl;
          fix.edits.push_back(e);
          atLaunch.fixes.push_back(fix);
        }
      }
      out.push_back(std::move(atLaunch));
      for (const auto& r : target->facts.serverRuns) {
        if (r.what != "flask:app.run" && r.what != "werkzeug.run_simple" && r.what != "uvicorn.run:reload") continue;
        out.push_back(make(target->path, r.line,
                           "production starts this module with `" + l.text + "` (" + where(l) +
                               "), so this call serves it with a development server: launch it with a "
                               "production server instead"));
      }
    }
  }
}

namespace {

/// A Dockerfile, Procfile or compose file that can launch code in `dir` (its own folder or above),
/// or a platform file, Kubernetes manifest or deploying CI workflow anywhere.
bool launchDescribed(const WorkspaceView& view, const std::string& dir) {
  if (deployWorkflow(view.index())) return true;
  for (const auto* f : view.files()) {
    const auto& k = f->facts.infraKind;
    if (k == "deploy" || k == "compose" || !f->facts.k8s.empty()) return true;
    if (k != "dockerfile" && k != "procfile") continue;
    auto slash = f->path.find_last_of('/');
    std::string fdir = slash == std::string::npos ? "" : f->path.substr(0, slash + 1);
    if (dir.starts_with(fdir)) return true;
  }
  return false;
}

}  // namespace

void devServerOnly(std::vector<core::Finding>& out, const std::vector<Launch>& launches, const WorkspaceView& view) {
  const Rule* rule = findRule("dev-server-entrypoint");
  if (!rule || !launches.empty()) return;
  if (view.uses({"gunicorn", "uwsgi", "pyuwsgi", "waitress", "hypercorn", "uvicorn", "gevent", "meinheld", "bjoern",
                 "mod_wsgi", "cheroot", "twisted", "zappa", "serverless-wsgi", "aws-wsgi", "mangum", "functions-framework"}))
    return;
  for (const auto* f : view.files()) {
    if (f->lang != core::Lang::Python || devOnlyPath(f->path) || f->facts.isTestOrGenerated() || !f->facts.hasMainGuard)
      continue;
    auto slash = f->path.find_last_of('/');
    std::string dir = slash == std::string::npos ? "" : f->path.substr(0, slash + 1);
    for (const auto& r : f->facts.serverRuns) {
      if (r.what != "flask:app.run" || launchDescribed(view, dir)) continue;
      const RuleMeta& meta = rule->meta();
      core::Finding fi;
      fi.ruleId = std::string(meta.id);
      fi.category = meta.category;
      fi.severity = meta.severity;
      fi.confidence = core::Confidence::Medium;
      fi.path = f->path;
      fi.start = fi.end = {r.line, 0};
      fi.message = "`app.run()` (the Werkzeug development server) is the only way this app is started: no Dockerfile, "
                   "Procfile or platform file launches it and no WSGI server (gunicorn, waitress, uWSGI) is among "
                   "the dependencies; serve it with one in production";
      out.push_back(std::move(fi));
      break;
    }
  }
}

}  // namespace agentlens::rules
