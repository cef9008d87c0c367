// WorkspaceIndex: the Facts and findings of every file of a workspace, updated per file, and the
// questions workspace checks and the score ask of them ("is any route a health endpoint?",
// "which routes have no auth?"). Pure and deterministic: answers depend only on the stored
// FileResults, iterated in path order. Not thread-safe: the owner serialises updates and queries.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::core {

/// A route as the workspace sees it: cross-file mounts applied (prefix, inherited auth).
struct RouteRef {
  const FileResult* file = nullptr;
  Route route;  ///< copy with the effective path, auth (with its evidence) and public reason
  /// Paths a test may request besides the effective one: the path under the inner mounts only,
  /// for tests that mount the router themselves (`UsersRegister(r.Group("/users"))`).
  std::vector<std::string> testPaths;
};

/// Any fact with the file it came from.
template <typename T>
struct Located {
  const FileResult* file = nullptr;
  const T* item = nullptr;
};

class WorkspaceIndex {
 public:
  /// Adds or replaces the result for `result.path`.
  void update(FileResult result);
  void remove(const std::string& path);
  void clear() { files_.clear(); }
  /// Paths that exist but were not analysed (skipped: too large, binary): lockfiles, etc.
  void noteKnownPath(const std::string& path) { known_[path] = true; }

  [[nodiscard]] std::size_t size() const { return files_.size(); }
  [[nodiscard]] const FileResult* file(const std::string& path) const;
  [[nodiscard]] std::vector<const FileResult*> files() const;  ///< path order
  /// True when a file with this base name (case-insensitive) exists anywhere.
  [[nodiscard]] bool hasFileNamed(std::string_view baseName) const;

  // ---- routes ----
  [[nodiscard]] std::vector<RouteRef> routes() const;
  [[nodiscard]] std::vector<RouteRef> healthRoutes() const;
  [[nodiscard]] bool hasHealthEndpoint() const { return !healthRoutes().empty(); }
  [[nodiscard]] bool hasReadinessEndpoint() const;
  [[nodiscard]] std::vector<RouteRef> routesWithoutAuth() const;
  /// Routes no test references (method + normalised path); health/metrics/docs routes excluded.
  [[nodiscard]] std::vector<RouteRef> untestedRoutes() const;
  /// True when `ref` ("GET /users/42") matches the route (params match any segment).
  static bool refMatchesRoute(std::string_view ref, const Route& route);
  /// True when a test reference reaches the route: its path (effective or a test path), its name
  /// (`name:articles:list`), or its handler called directly (`call:Login`).
  static bool refReaches(std::string_view ref, const RouteRef& route);

  // ---- stack ----
  [[nodiscard]] std::vector<std::string> frameworks() const;  ///< sorted, unique
  /// Files that start the service: server files with a main guard / package main / app.listen,
  /// else any server file. Path order.
  [[nodiscard]] std::vector<const FileResult*> entryModules() const;
  [[nodiscard]] std::vector<const FileResult*> filesWithRole(FileRole role) const;
  [[nodiscard]] std::vector<const FileResult*> testFiles() const { return filesWithRole(FileRole::Test); }
  [[nodiscard]] bool hasDependency(std::string_view name) const;
  [[nodiscard]] bool importsModule(std::string_view prefix) const;  ///< any file imports it (or a submodule)

  // ---- configuration ----
  [[nodiscard]] std::vector<std::string> envVarsRead() const;  ///< names read by code, sorted, unique
  /// Keys of `.env.example` / `.env.sample` / `.env.template` files; nullopt when none exists.
  [[nodiscard]] std::optional<std::vector<std::string>> envExampleKeys() const;
  [[nodiscard]] std::vector<std::string> envVarsMissingFromExample() const;

  // ---- runtime behaviour ----
  [[nodiscard]] std::vector<Located<DbClient>> dbClients() const;
  [[nodiscard]] bool usesDb() const;
  [[nodiscard]] bool handlesSignal(std::string_view sig = "SIGTERM") const;
  [[nodiscard]] bool hasLoggerSetup() const;
  [[nodiscard]] bool hasGlobalErrorHandler() const;

  // ---- infra ----
  [[nodiscard]] std::vector<const FileResult*> filesOfKind(std::string_view infraKind) const;
  [[nodiscard]] std::vector<const FileResult*> ciFiles() const;  ///< github-actions, gitlab-ci, ci
  /// Some CI command runs tests (pytest, npm test, go test, …).
  [[nodiscard]] bool ciRunsTests() const;
  [[nodiscard]] std::vector<Located<Command>> commands() const;
  /// True when a lockfile for the ecosystem exists ("python", "node", "go").
  [[nodiscard]] bool hasLockfile(std::string_view ecosystem) const;
  [[nodiscard]] bool hasK8sProbes() const;
  /// A deploy descriptor of any kind exists (Dockerfile, Procfile, compose, k8s, fly.toml, …).
  [[nodiscard]] bool hasDeployDescriptor() const;

 private:
  std::map<std::string, FileResult> files_;
  std::map<std::string, bool> known_;
};

/// Health, readiness, metrics, docs, Swagger UI and static routes: not expected to have their own test.
bool exemptFromTests(std::string_view path);

/// True when a shell command runs a test suite.
bool commandRunsTests(std::string_view command);

}  // namespace agentlens::core
