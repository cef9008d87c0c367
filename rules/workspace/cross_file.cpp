// Cross-file knowledge applied to file rules: what one file cannot see but the workspace shows
// (the Express version in package.json, the launch command that runs a module).
#include <algorithm>
#include <cctype>
#include <map>

#include "rules/common/launch.hpp"
#include "rules/configuration/unchecked_env_startup.hpp"
#include "rules/observability/print_shell_entry.hpp"
#include "rules/observability/print_unused_helper.hpp"
#include "rules/security/command_cli_entry.hpp"
#include "rules/security/jwt_known_key.hpp"
#include "rules/security/secret_dev_defaults.hpp"
#include "rules/database/fk_usage.hpp"
#include "rules/workspace/cross_file_auth.hpp"
#include "rules/workspace/cross_file_cors.hpp"
#include "rules/workspace/cross_file_launch.hpp"
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

}  // namespace

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
    if (enabledRule(enabled, "print-instead-of-logging")) printsInShellEntryPoints(files, view);
    if (enabledRule(enabled, "print-instead-of-logging")) printsInUnusedGoHelpers(files, view);
    if (enabledRule(enabled, "unchecked-env-config")) envGapsReportedAtStartup(files, view);
    if (enabledRule(enabled, "weak-jwt-verification")) jwtKeyWithKnownFallback(added, files, view);
    if (enabledRule(enabled, "dev-server-entrypoint")) {
      devServerViaScript(added, launches, view, read);
      devServerOnly(added, launches, view);
    }
    if (enabledRule(enabled, "route-without-auth")) routeAuthAcrossFiles(files, view);
    if (enabledRule(enabled, "object-access-without-ownership-check")) objectAccessAcrossFiles(files, view);
    if (enabledRule(enabled, "fk-without-index")) fkUnqueriedAcrossFiles(files, view);
    if (enabledRule(enabled, "unvalidated-request-body")) validationAcrossFiles(files, view, read);
    if (enabledRule(enabled, "untrusted-client-ip")) trustProxyElsewhere(files, read);
    if (enabledRule(enabled, "missing-security-headers")) securityHeadersElsewhere(files, read);
    if (enabledRule(enabled, "permissive-cors")) {
      corsOverriddenByProduction(files, read);
      corsOriginsFromSettings(added, view);
    }
  }
  if (!added.empty()) mergeWorkspaceFindings(files, std::move(added), read);
}

}  // namespace agentlens::rules
