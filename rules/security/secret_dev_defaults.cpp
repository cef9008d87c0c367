// Development defaults of secrets across files (see secret_dev_defaults.hpp).
#include "rules/security/secret_dev_defaults.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "rules/security/hardcoded_secret_deploy.hpp"

namespace agentlens::rules {
namespace {

std::string_view baseName(std::string_view path) {
  auto s = path.find_last_of('/');
  return s == std::string_view::npos ? path : path.substr(s + 1);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

// ---- Django: entry points that never load the base settings ------------------------------------

/// The default DJANGO_SETTINGS_MODULE of every wsgi.py/asgi.py (`setdefault("DJANGO_SETTINGS_MODULE", "x")`).
std::vector<std::string> entryPointSettings(const WorkspaceView& view) {
  std::vector<std::string> out;
  for (const auto* f : view.files()) {
    auto name = baseName(f->path);
    if ((name != "wsgi.py" && name != "asgi.py") || f->facts.isTestOrGenerated()) continue;
    auto text = view.read(f->path);
    if (!text) continue;
    auto at = text->find("DJANGO_SETTINGS_MODULE");
    if (at == std::string::npos) continue;
    auto q = text->find_first_of("\"'", text->find_first_of(",", at));
    if (q == std::string::npos) continue;
    auto e = text->find((*text)[q], q + 1);
    if (e != std::string::npos) out.push_back(text->substr(q + 1, e - q - 1));
  }
  return out;
}

/// `config/settings/base.py` is the module `x` names when its dotted path ends with `x`.
bool namesModule(std::string_view path, const std::string& module) {
  std::string dotted(path.substr(0, path.size() - 3));
  std::replace(dotted.begin(), dotted.end(), '/', '.');
  return dotted == module || dotted.ends_with("." + module);
}

void baseKeyNeverLoaded(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  auto entries = entryPointSettings(view);
  if (entries.empty()) return;
  for (auto& fr : files) {
    if (!fr.path.ends_with(".py")) continue;
    bool loaded = std::any_of(entries.begin(), entries.end(), [&](const auto& m) { return namesModule(fr.path, m); });
    if (loaded) continue;
    std::erase_if(fr.findings, [](const core::Finding& f) {
      return f.ruleId == "hardcoded-secret" &&
             f.message.find("the production settings module sets its own SECRET_KEY") != std::string::npos;
    });
  }
}

// ---- datastore passwords of the development database --------------------------------------------

bool exampleEnvName(std::string_view name) {
  for (std::string_view n : {".env.example", ".env.sample", ".env.template", "env.example", "example.env",
                             ".env.development", ".env.dev", ".env.local.example"})
    if (name == n) return true;
  return false;
}

/// Passwords the development set-up gives its database: `KEY=value` / `KEY: value` lines under a
/// datastore-password key in local compose files and example env files.
/// `paths` receives the files read (their own values are judged where they are written).
std::set<std::string> developmentPasswords(const WorkspaceView& view, std::set<std::string>& paths) {
  for (const auto* f : view.files()) {
    bool compose = secretdeploy::isComposeFile(f->path) && secretdeploy::useOf(f->path) == secretdeploy::Use::LocalDev;
    if (compose || exampleEnvName(baseName(f->path))) paths.insert(f->path);
  }
  for (std::string_view n : {".env.example", ".env.sample", ".env.template", "docker-compose.yml", "docker-compose.yaml",
                             "compose.yml", "compose.yaml", "docker-compose.dev.yml", "docker-compose-dev.yml"})
    paths.insert(std::string(n));
  std::set<std::string> out;
  for (const auto& p : paths) {
    auto text = view.read(p);
    if (!text) continue;
    std::string_view t(*text);
    for (std::size_t ls = 0; ls < t.size();) {
      auto le = t.find('\n', ls);
      std::string_view line = t.substr(ls, (le == std::string_view::npos ? t.size() : le) - ls);
      ls = le == std::string_view::npos ? t.size() : le + 1;
      auto sep = line.find_first_of("=:");
      if (sep == std::string_view::npos) continue;
      std::string_view key = trim(line.substr(0, sep));
      if (key.starts_with("export ")) key.remove_prefix(7);
      std::string_view value = unquote(trim(line.substr(sep + 1)));
      if (!value.empty() && secretdeploy::isDatastorePassword(key)) out.insert(std::string(value));
    }
  }
  return out;
}

/// The first backquoted name of a message: "hardcoded secret in `X` (…)", "`X` falls back to …".
std::string_view messageName(std::string_view m) {
  auto a = m.find('`');
  auto b = a == std::string_view::npos ? a : m.find('`', a + 1);
  return b == std::string_view::npos ? std::string_view() : m.substr(a + 1, b - a - 1);
}

void developmentDatabasePasswords(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  auto isCandidate = [](const core::Finding& f) {
    return (f.ruleId == "hardcoded-secret" || f.ruleId == "secret-env-default") && f.sensitive &&
           secretdeploy::isDatastorePassword(messageName(f.message));
  };
  std::optional<std::set<std::string>> dev;
  std::set<std::string> sources;
  for (auto& fr : files) {
    if (std::none_of(fr.findings.begin(), fr.findings.end(), isCandidate)) continue;
    if (!dev) dev = developmentPasswords(view, sources);
    auto text = view.read(fr.path);
    // A deploy file reusing the development password is the gap itself.
    if (secretdeploy::useOf(fr.path) == secretdeploy::Use::Production) continue;
    if (!text || dev->empty() || sources.count(fr.path)) continue;
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (!isCandidate(f) || f.sensitive->end > text->size()) return false;
      std::string value = text->substr(f.sensitive->start, f.sensitive->end - f.sensitive->start);
      return dev->count(value) > 0;
    });
  }
}

}  // namespace

void secretDevDefaults(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  baseKeyNeverLoaded(files, view);
  developmentDatabasePasswords(files, view);
}

}  // namespace agentlens::rules
