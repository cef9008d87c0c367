// Facts: what the index knows about one file, extracted in the same traversal as the rules.
// Small, serialisable, cached by content hash; workspace checks and the score are pure functions
// of the Facts of all files plus the findings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::core {

enum class FileRole : std::uint8_t {
  Server,     ///< imports a web framework or defines routes
  Test,       ///< test files and fixtures
  Script,     ///< CLI entry points and one-off scripts
  Config,     ///< settings modules
  Migration,  ///< schema migrations
  Frontend,   ///< browser code ("use client", components)
  Generated,  ///< generated, vendored or minified code
  Infra,      ///< Dockerfiles, CI, manifests, compose, k8s
  Library,    ///< anything else: application modules
};
std::string_view fileRoleName(FileRole r);

/// A module this file imports, as written (`flask`, `express`, `net/http`, `./db`).
struct Import {
  std::string module;
  std::uint32_t line = 0;  ///< 0-based
};

enum class AuthStatus : std::uint8_t {
  Explicit,   ///< decorator, dependency or middleware on the route itself
  Inherited,  ///< router/app-level dependency, before_request hook, middleware registered earlier
  None,       ///< nothing protects it
  Unknown,    ///< cannot tell statically (gateway auth, dynamic registration)
};
std::string_view authStatusName(AuthStatus a);

/// One HTTP route, from a framework registration or a file-system route (Next.js).
struct Route {
  std::string framework;           ///< flask, fastapi, django, express, nextjs, net/http, gin, chi, echo, …
  std::string method;              ///< GET, POST, … ; "*" for any
  std::string path;                ///< as registered ("/orders/<id>", "/users/:id", "/items/{id}")
  std::string handler;             ///< handler name ("" for inline functions)
  std::uint32_t line = 0;          ///< 0-based line of the registration
  std::uint32_t handlerStart = 0;  ///< byte range of the handler function (0,0 when elsewhere)
  std::uint32_t handlerEnd = 0;
  AuthStatus auth = AuthStatus::Unknown;
  bool validatesBody = false;      ///< typed/schema-validated request body
  bool readsInput = false;         ///< reads body, query or path params
  std::vector<int> statusCodes;    ///< literal status codes the handler returns
  bool callsDb = false;
  bool callsHttp = false;
};

/// An environment variable read: `os.environ["X"]`, `os.getenv("X", d)`, `process.env.X`, `os.Getenv("X")`.
struct EnvRead {
  std::string name;
  std::optional<std::string> defaultValue;  ///< literal fallback, if any
  bool required = false;                    ///< fails fast when missing (`os.environ["X"]`)
  std::uint32_t line = 0;
};

/// A database client, engine or pool created in this file.
struct DbClient {
  std::string kind;         ///< "sqlalchemy.create_engine", "psycopg2.connect", "pg.Pool", "sql.Open", …
  bool moduleScope = true;  ///< created at module/package level (vs inside a function)
  std::uint32_t line = 0;
};

/// A named location: a signal handler, an error handler, logging setup, …
struct Site {
  std::string what;  ///< e.g. "SIGTERM", "errorhandler(Exception)", "logging.basicConfig"
  std::uint32_t line = 0;
};

/// A command that starts something (Dockerfile CMD/ENTRYPOINT, Procfile, compose, k8s, CI step,
/// package.json script).
struct Command {
  std::string source;  ///< "dockerfile:CMD", "procfile:web", "package.json:start", "ci:run", …
  std::string text;
  std::uint32_t line = 0;
};

struct Facts {
  FileRole role = FileRole::Library;
  std::vector<Import> imports;
  /// Web frameworks seen in imports: flask, fastapi, django, starlette, express, koa, fastify,
  /// hono, nextjs, net/http, gin, chi, echo.
  std::vector<std::string> frameworks;
  bool hasMainGuard = false;  ///< Python `if __name__ == "__main__":` / Go `package main`

  std::vector<std::string> appObjects;  ///< names bound to app/router objects (`app`, `router`, `r`)
  std::vector<Route> routes;
  std::vector<EnvRead> envReads;
  std::vector<DbClient> dbClients;
  std::vector<Site> loggerSetup;      ///< logging configuration calls
  std::vector<Site> signalHandlers;   ///< SIGTERM/SIGINT handling
  std::vector<Site> errorHandlers;    ///< app-level error handlers / recovery middleware
  std::vector<Site> middleware;       ///< app-level middleware registrations, in source order
  std::vector<std::string> testRouteRefs;  ///< "GET /users" style references made by tests
  std::vector<Command> commands;      ///< from infra files and manifests
  std::vector<std::string> dependencies;  ///< declared packages (requirements, package.json, go.mod)

  [[nodiscard]] bool imports_(std::string_view module) const;  // exact module match
  [[nodiscard]] bool usesFramework(std::string_view name) const;
  [[nodiscard]] bool isTestOrGenerated() const {
    return role == FileRole::Test || role == FileRole::Generated;
  }
  /// The route whose handler function spans `byte`, if any.
  [[nodiscard]] const Route* routeAt(std::uint32_t byte) const;
};

/// Role decided from the path alone (tests/, *_test.go, migrations/, vendor/, …), or Library.
FileRole roleFromPath(std::string_view path);

}  // namespace agentlens::core
