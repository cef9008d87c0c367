#include "core/index/workspace_index.hpp"
#include "core/text/path_text.hpp"

#include <algorithm>
#include <set>

namespace agentlens::core {
namespace {

std::vector<std::string_view> segments(std::string_view p) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < p.size()) {
    auto next = p.find('/', pos);
    auto seg = p.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (!seg.empty()) out.push_back(seg);
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

bool isParamSegment(std::string_view s) {
  return (s.starts_with('{') && s.ends_with('}')) || s.starts_with(':') || (s.starts_with('<') && s.ends_with('>')) ||
         (s.starts_with('[') && s.ends_with(']')) || s == "*";
}

}  // namespace

bool exemptFromTests(std::string_view path) {
  auto l = text::asciiLower(path);
  return isHealthPath(l) || l.starts_with("/metrics") || l.starts_with("/docs") || l.starts_with("/openapi") ||
         l.starts_with("/static") || l == "/favicon.ico" || l.starts_with("/swagger");
}

bool commandRunsTests(std::string_view command) {
  auto l = text::asciiLower(command);
  for (std::string_view t : {"pytest", "tox", "nox", "npm test", "npm run test", "npm t", "pnpm test", "pnpm run test",
                             "yarn test", "yarn run test", "bun test", "vitest", "jest", "mocha", "go test",
                             "make test", "make check", "unittest", "playwright test", "cypress run"})
    if (l.find(t) != std::string::npos) return true;
  return false;
}

void WorkspaceIndex::update(FileResult result) {
  std::string path = result.path;
  files_[path] = std::move(result);
}

void WorkspaceIndex::remove(const std::string& path) {
  files_.erase(path);
  known_.erase(path);
}

const FileResult* WorkspaceIndex::file(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::vector<const FileResult*> WorkspaceIndex::files() const {
  std::vector<const FileResult*> out;
  for (const auto& [p, f] : files_) out.push_back(&f);
  return out;
}

bool WorkspaceIndex::hasFileNamed(std::string_view name) const {
  auto want = text::asciiLower(name);
  for (const auto& [p, f] : files_)
    if (text::asciiLower(text::baseName(p)) == want) return true;
  for (const auto& [p, b] : known_)
    if (text::asciiLower(text::baseName(p)) == want) return true;
  return false;
}

std::vector<RouteRef> WorkspaceIndex::healthRoutes() const {
  std::vector<RouteRef> out;
  for (auto& r : routes())
    if (isHealthPath(r.route.path)) out.push_back(std::move(r));
  return out;
}

bool WorkspaceIndex::hasReadinessEndpoint() const {
  for (const auto& r : healthRoutes())
    if (isReadinessPath(r.route.path)) return true;
  return false;
}

std::vector<RouteRef> WorkspaceIndex::routesWithoutAuth() const {
  std::vector<RouteRef> out;
  for (auto& r : routes())
    if (r.route.auth == AuthStatus::None) out.push_back(std::move(r));
  return out;
}

bool WorkspaceIndex::refMatchesRoute(std::string_view ref, const Route& route) {
  auto sp = ref.find(' ');
  if (sp == std::string_view::npos) return false;
  auto method = ref.substr(0, sp);
  auto path = ref.substr(sp + 1);
  if (auto q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  // "*" on either side: any method (a test that only names the path, a route for all methods).
  if (route.method != "*" && method != "*" && route.method != method && !(route.method == "GET" && method == "HEAD"))
    return false;
  auto a = segments(path), b = segments(route.path);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!isParamSegment(b[i]) && !isParamSegment(a[i]) && a[i] != b[i]) return false;
  return true;
}

std::vector<std::string> WorkspaceIndex::frameworks() const {
  std::set<std::string> s;
  for (const auto& [p, f] : files_) {
    if (f.facts.isTestOrGenerated()) continue;
    for (const auto& fw : f.facts.frameworks) s.insert(fw);
    for (const auto& r : f.facts.routes) s.insert(r.framework);
  }
  return {s.begin(), s.end()};
}

std::vector<const FileResult*> WorkspaceIndex::filesWithRole(FileRole role) const {
  std::vector<const FileResult*> out;
  for (const auto& [p, f] : files_)
    if (f.facts.role == role && f.facts.infraKind.empty()) out.push_back(&f);
  return out;
}

std::vector<const FileResult*> WorkspaceIndex::entryModules() const {
  auto servers = filesWithRole(FileRole::Server);
  std::vector<const FileResult*> main, apps;
  for (const auto* f : servers) {
    if (f->facts.hasMainGuard) main.push_back(f);
    else if (!f->facts.appObjects.empty() && f->facts.mounts.size() + f->facts.middleware.size() > 0) apps.push_back(f);
  }
  if (!main.empty()) return main;
  if (!apps.empty()) return apps;
  return servers;
}

bool WorkspaceIndex::hasDependency(std::string_view name) const {
  auto want = text::asciiLower(name);
  for (const auto& [p, f] : files_)
    for (const auto& d : f.facts.deps)
      if (text::asciiLower(d.name) == want) return true;
  return false;
}

bool WorkspaceIndex::importsModule(std::string_view prefix) const {
  for (const auto& [p, f] : files_)
    for (const auto& i : f.facts.imports)
      if (i.module == prefix || (i.module.size() > prefix.size() && i.module.starts_with(prefix) &&
                                 (i.module[prefix.size()] == '.' || i.module[prefix.size()] == '/')))
        return true;
  return false;
}

std::vector<std::string> WorkspaceIndex::envVarsRead() const {
  std::set<std::string> s;
  for (const auto& [p, f] : files_) {
    if (f.facts.isTestOrGenerated()) continue;
    for (const auto& e : f.facts.envReads) s.insert(e.name);
  }
  return {s.begin(), s.end()};
}

std::optional<std::vector<std::string>> WorkspaceIndex::envExampleKeys() const {
  std::optional<std::vector<std::string>> out;
  std::set<std::string> keys;
  for (const auto& [p, f] : files_) {
    if (f.facts.infraKind != "dotenv") continue;
    auto name = text::asciiLower(text::baseName(p));
    if (name != ".env.example" && name != ".env.sample" && name != ".env.template" && name != "example.env") continue;
    if (!out) out.emplace();
    keys.insert(f.facts.envKeys.begin(), f.facts.envKeys.end());
  }
  if (out) out->assign(keys.begin(), keys.end());
  return out;
}

std::vector<std::string> WorkspaceIndex::envVarsMissingFromExample() const {
  auto keys = envExampleKeys();
  std::vector<std::string> out;
  for (auto& n : envVarsRead())
    if (!keys || !std::binary_search(keys->begin(), keys->end(), n)) out.push_back(std::move(n));
  return out;
}

std::vector<Located<DbClient>> WorkspaceIndex::dbClients() const {
  std::vector<Located<DbClient>> out;
  for (const auto& [p, f] : files_)
    if (!f.facts.isTestOrGenerated())
      for (const auto& d : f.facts.dbClients) out.push_back({&f, &d});
  return out;
}

bool WorkspaceIndex::usesDb() const {
  if (!dbClients().empty()) return true;
  for (const auto& r : routes())
    if (r.route.callsDb) return true;
  return false;
}

bool WorkspaceIndex::handlesSignal(std::string_view sig) const {
  for (const auto& [p, f] : files_)
    if (!f.facts.isTestOrGenerated())
      for (const auto& s : f.facts.signalHandlers)
        if (s.what == sig) return true;
  return false;
}

bool WorkspaceIndex::hasLoggerSetup() const {
  for (const auto& [p, f] : files_)
    if (!f.facts.isTestOrGenerated() && !f.facts.loggerSetup.empty()) return true;
  return false;
}

bool WorkspaceIndex::hasGlobalErrorHandler() const {
  for (const auto& [p, f] : files_)
    if (!f.facts.isTestOrGenerated() && !f.facts.errorHandlers.empty()) return true;
  return false;
}

std::vector<const FileResult*> WorkspaceIndex::filesOfKind(std::string_view kind) const {
  std::vector<const FileResult*> out;
  for (const auto& [p, f] : files_)
    if (f.facts.infraKind == kind) out.push_back(&f);
  return out;
}

std::vector<const FileResult*> WorkspaceIndex::ciFiles() const {
  std::vector<const FileResult*> out;
  for (const auto& [p, f] : files_)
    if (f.facts.infraKind == "github-actions" || f.facts.infraKind == "gitlab-ci" || f.facts.infraKind == "ci")
      out.push_back(&f);
  return out;
}

bool WorkspaceIndex::ciRunsTests() const {
  for (const auto* f : ciFiles())
    for (const auto& c : f->facts.commands)
      if (commandRunsTests(c.text)) return true;
  return false;
}

std::vector<Located<Command>> WorkspaceIndex::commands() const {
  std::vector<Located<Command>> out;
  for (const auto& [p, f] : files_)
    for (const auto& c : f.facts.commands) out.push_back({&f, &c});
  return out;
}

bool WorkspaceIndex::hasLockfile(std::string_view eco) const {
  std::vector<std::string_view> names;
  if (eco == "python") names = {"poetry.lock", "uv.lock", "pipfile.lock", "pdm.lock"};
  else if (eco == "node")
    names = {"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "npm-shrinkwrap.json"};
  else if (eco == "go") names = {"go.sum"};
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return hasFileNamed(n); });
}

bool WorkspaceIndex::hasK8sProbes() const {
  for (const auto& [p, f] : files_)
    for (const auto& k : f.facts.k8s)
      if (k.livenessProbe || k.readinessProbe) return true;
  return false;
}

bool WorkspaceIndex::hasDeployDescriptor() const {
  for (const auto& [p, f] : files_) {
    const auto& k = f.facts.infraKind;
    if (k == "dockerfile" || k == "procfile" || k == "compose" || k == "deploy" || !f.facts.k8s.empty()) return true;
  }
  return false;
}

}  // namespace agentlens::core
