// Cross-file knowledge applied to file rules: what one file cannot see but the workspace shows
// (the Express version in package.json, the launch command that runs a module).
#include <algorithm>
#include <cctype>
#include <map>

#include "rules/common/launch.hpp"
#include "rules/security/command_cli_entry.hpp"
#include "rules/security/jwt_known_key.hpp"
#include "rules/security/secret_dev_defaults.hpp"
#include "rules/workspace/cross_file_validation.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

bool enabledRule(std::span<const Rule* const> enabled, std::string_view id) {
  return std::any_of(enabled.begin(), enabled.end(), [&](const Rule* r) { return r->meta().id == id; });
}

std::string dirOf(std::string_view path) {
  auto s = path.find_last_of('/');
  return s == std::string_view::npos ? std::string() : std::string(path.substr(0, s));
}

/// The major version a package.json spec allows (`^4.18.2` → 4, `5.0.0-beta.1` → 5, `~5.1` → 5),
/// or -1 when it cannot tell (`latest`, a git URL, a range spanning majors such as `>=4`).
int majorOf(std::string_view spec) {
  std::size_t i = 0;
  while (i < spec.size() && (spec[i] == '^' || spec[i] == '~' || spec[i] == '=' || spec[i] == 'v' || spec[i] == ' '))
    ++i;
  if (i < spec.size() && spec[i] == '>') return -1;
  int major = 0;
  std::size_t digits = 0;
  for (; i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])); ++i, ++digits) major = major * 10 + (spec[i] - '0');
  if (digits == 0) return -1;
  if (spec.find("||") != std::string_view::npos || spec.find(" - ") != std::string_view::npos) return -1;
  return major;
}

/// The package.json closest to `path` (same directory, then each parent up to the root).
const core::FileResult* nearestPackageJson(const WorkspaceView& view, std::string_view path) {
  std::string dir = dirOf(path);
  for (;;) {
    if (const auto* f = view.find(dir.empty() ? "package.json" : dir + "/package.json")) return f;
    if (dir.empty()) return nullptr;
    dir = dirOf(dir);
  }
}

/// A command that starts the app in production, with where it is written.
struct Launch {
  const core::FileResult* file = nullptr;
  std::uint32_t line = 0;
  std::string text;
  PythonLaunch py;
};

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

// ---- unhandled-async-error: Express 4 vs 5 ---------------------------------------------------

void expressVersion(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  for (auto& fr : files) {
    bool any = std::any_of(fr.findings.begin(), fr.findings.end(), [](const core::Finding& f) {
      return f.ruleId == "unhandled-async-error" && f.message.find("Express 4") != std::string::npos;
    });
    if (!any) continue;
    const auto* pkg = nearestPackageJson(view, fr.path);
    if (!pkg) continue;
    int major = -1;
    for (const auto& d : pkg->facts.deps)
      if (d.name == "express") major = majorOf(d.spec);
    if (major < 0) continue;  // unknown: keep the single-file behaviour (medium confidence)
    auto isExpressHandler = [](const core::Finding& f) {
      return f.ruleId == "unhandled-async-error" && f.message.find("Express 4") != std::string::npos;
    };
    if (major >= 5) {
      // Express 5's router forwards rejected promises to the error handler.
      std::erase_if(fr.findings, isExpressHandler);
    } else {
      for (auto& f : fr.findings)
        if (isExpressHandler(f)) {
          f.confidence = core::Confidence::High;
          f.message += " (" + pkg->path + " pins Express " + std::to_string(major) + ")";
        }
    }
  }
}

// ---- debug-mode-enabled: critical when production runs it --------------------------------------

/// Django split settings: `DEBUG = True` in settings/base.py when a sibling production module
/// (production.py, prod.py) sets `DEBUG = False`: the base holds development defaults.
/// `line` (spaces removed, e.g. "DEBUG=False" or "SECRET_KEY=") starts a line of that module.
bool baseOverriddenByProduction(const std::string& path, const WorkspaceView::Reader& read,
                                std::string_view line = "DEBUG=False") {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = path.substr(dir.size());
  if (!read || (name != "base.py" && name != "common.py" && name != "defaults.py")) return false;
  for (std::string_view prod : {"production.py", "prod.py", "settings_production.py"}) {
    auto text = read(dir + std::string(prod));
    if (!text) continue;
    std::string squashed = "\n";
    for (char c : *text)
      if (c != ' ' && c != '\t') squashed += c;
    if (squashed.find("\n" + std::string(line)) != std::string::npos) return true;
  }
  return false;
}

// ---- hardcoded-secret: a split-settings base key that production replaces ----------------------

/// `SECRET_KEY = "…"` in settings/base.py while settings/production.py assigns its own SECRET_KEY:
/// still a committed key (any entry point that loads the base settings signs with it), but the
/// evidence that production uses it is weak, so it does not gate the score.
void secretKeyOverriddenByProduction(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  for (auto& fr : files) {
    if (fr.lang != core::Lang::Python || !baseOverriddenByProduction(fr.path, read, "SECRET_KEY=")) continue;
    for (auto& f : fr.findings) {
      if (f.ruleId != "hardcoded-secret" || f.message.find("`SECRET_KEY`") == std::string::npos) continue;
      f.confidence = core::Confidence::Medium;
      f.message += " (the production settings module sets its own SECRET_KEY; entry points that load these "
                   "base settings still use this one)";
    }
  }
}

void debugInProduction(std::vector<core::FileResult>& files, const std::vector<Launch>& launches,
                       const WorkspaceView::Reader& read) {
  for (auto& fr : files) {
    if (fr.lang != core::Lang::Python) continue;
    bool any = std::any_of(fr.findings.begin(), fr.findings.end(),
                           [](const core::Finding& f) { return f.ruleId == "debug-mode-enabled"; });
    if (!any) continue;
    if (baseOverriddenByProduction(fr.path, read)) {
      std::erase_if(fr.findings, [](const core::Finding& f) {
        return f.ruleId == "debug-mode-enabled" && f.message.starts_with("`DEBUG = True` in a settings module");
      });
      continue;
    }
    // Which launch runs this module, and how. Django: `gunicorn proj.wsgi` loads proj/settings.py.
    const Launch* asScript = nullptr;
    const Launch* imported = nullptr;
    for (const auto& l : launches) {
      if (l.py.reload) continue;  // a development command (dev-server-entrypoint reports it)
      bool runs = launchRuns(l.py, fr.path);
      if (!runs && l.py.kind == PythonLaunch::Kind::Server &&
          (l.py.module.ends_with(".wsgi") || l.py.module.ends_with(".asgi"))) {
        PythonLaunch settings = l.py;
        settings.module = l.py.module.substr(0, l.py.module.size() - 5) + ".settings";
        runs = launchRuns(settings, fr.path);
      }
      if (!runs) continue;
      if (l.py.kind == PythonLaunch::Kind::Script && !asScript) asScript = &l;
      if (!imported) imported = &l;  // a script run also imports the module
    }
    if (!imported) continue;
    auto text = read ? read(fr.path) : std::nullopt;
    std::vector<std::uint32_t> devOnly;  // app.run(debug=True) findings production never executes
    for (auto& f : fr.findings) {
      if (f.ruleId != "debug-mode-enabled") continue;
      // `app.run(debug=True)` / `run_simple(use_debugger=True)` only run when the module is the
      // script; a module-level flag runs whenever the module is imported (gunicorn app:app).
      std::string_view line = f.excerpt;
      if (text && f.range.start < text->size()) {
        auto ls = text->rfind('\n', f.range.start);
        ls = ls == std::string::npos ? 0 : ls + 1;
        auto le = text->find('\n', f.range.start);
        line = std::string_view(*text).substr(ls, (le == std::string::npos ? text->size() : le) - ls);
      }
      bool runCall = line.find("run(") != std::string_view::npos || line.find("run_simple(") != std::string_view::npos;
      // Production imports the module (gunicorn app:app) and never runs it as a script: the
      // `app.run(debug=True)` under `__main__` is the local development entry point.
      if (runCall && !asScript) {
        devOnly.push_back(f.range.start);
        continue;
      }
      const Launch* by = runCall ? asScript : imported;
      if (!by || f.severity == core::Severity::Critical) continue;
      f.severity = core::Severity::Critical;
      f.confidence = core::Confidence::High;
      f.message += " — and production runs it: " + where(*by) + " starts `" + by->text + "`";
    }
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      return f.ruleId == "debug-mode-enabled" &&
             std::find(devOnly.begin(), devOnly.end(), f.range.start) != devOnly.end();
    });
  }
}

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

// ---- route-without-auth: auth and public reasons seen from the whole service -------------------

/// Drops the findings of routes that the workspace shows protected (a mount after `app.use(auth)`,
/// a Go group handed to the registering function after `Use(auth)`, a Fastify autohooks file) or
/// public by design once mounted (`/auth` + `/register`): every route on the finding's line must be.
void routeAuthAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  std::map<std::pair<std::string, std::uint32_t>, bool> open;  // (path, line) -> some route still open
  for (const auto& r : view.index().routes()) {
    bool covered = r.route.auth != core::AuthStatus::None || !r.route.publicReason.empty();
    auto key = std::make_pair(r.file->path, r.route.line);
    open[key] = open[key] || !covered;
  }
  for (auto& fr : files)
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "route-without-auth") return false;
      auto it = open.find({fr.path, f.start.line});
      return it != open.end() && !it->second;
    });
}

}  // namespace

/// untrusted-client-ip judges one file alone: Express's `app.set("trust proxy", …)` or gin's
/// `SetTrustedProxies` may sit in another module (the file that builds the app or router).
void trustProxyElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  struct Kind {
    std::string_view message;  ///< identifies the finding
    bool (*lang)(core::Lang);
    std::initializer_list<std::string_view> settings;
  };
  static constexpr auto isGo = [](core::Lang l) { return l == core::Lang::Go; };
  static constexpr auto isJs = [](core::Lang l) { return core::isJsFamily(l); };
  for (const Kind& k : {Kind{"never sets `trust proxy`", +isJs, {"trust proxy", "trustProxy"}},
                        Kind{"`SetTrustedProxies` names your proxies", +isGo, {"SetTrustedProxies", "TrustedPlatform"}}}) {
    auto ours = [&](const core::Finding& f) {
      return f.ruleId == "untrusted-client-ip" && f.message.find(k.message) != std::string::npos;
    };
    bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
    });
    if (!any) continue;
    bool trusted = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      if (!k.lang(fr.lang)) return false;
      auto text = read ? read(fr.path) : std::nullopt;
      return text && std::any_of(k.settings.begin(), k.settings.end(),
                                 [&](std::string_view s) { return text->find(s) != std::string::npos; });
    });
    if (trusted)
      for (auto& fr : files) std::erase_if(fr.findings, ours);
  }
}

void applyCrossFileKnowledge(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                             std::span<const Rule* const> enabled) {
  std::vector<core::Finding> added;
  {
    std::vector<const core::FileResult*> ptrs;
    for (const auto& f : files) ptrs.push_back(&f);
    WorkspaceView view(ptrs, read);
    auto launches = productionLaunches(view);
    if (enabledRule(enabled, "unhandled-async-error")) expressVersion(files, view);
    if (enabledRule(enabled, "debug-mode-enabled")) debugInProduction(files, launches, read);
    if (enabledRule(enabled, "hardcoded-secret")) secretKeyOverriddenByProduction(files, read);
    if (enabledRule(enabled, "hardcoded-secret") || enabledRule(enabled, "secret-env-default"))
      secretDevDefaults(files, view);
    if (enabledRule(enabled, "command-or-code-injection")) commandsInCliEntryPoints(files, view);
    if (enabledRule(enabled, "weak-jwt-verification")) jwtKeyWithKnownFallback(added, files, view);
    if (enabledRule(enabled, "dev-server-entrypoint")) devServerViaScript(added, launches, view, read);
    if (enabledRule(enabled, "route-without-auth")) routeAuthAcrossFiles(files, view);
    if (enabledRule(enabled, "unvalidated-request-body")) validationAcrossFiles(files, view, read);
    if (enabledRule(enabled, "untrusted-client-ip")) trustProxyElsewhere(files, read);
  }
  if (!added.empty()) mergeWorkspaceFindings(files, std::move(added), read);
}

}  // namespace agentlens::rules
