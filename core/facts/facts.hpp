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
  Script,     ///< CLI entry points, one-off and seed scripts
  Config,     ///< settings modules (they run inside the server process)
  Migration,  ///< schema migrations
  Frontend,   ///< browser code ("use client", components, a Vite/CRA app's src/)
  Generated,  ///< generated, vendored or minified code
  Infra,      ///< Dockerfiles, CI, manifests, compose, k8s
  Library,    ///< anything else: application modules
  Tooling,    ///< build, lint and e2e tool config (vite.config.ts, playwright.config.ts, eslint plugins)
};
inline constexpr std::size_t kFileRoleCount = 10;
std::string_view fileRoleName(FileRole r);

/// A function whose role differs from its file's: a CLI command in a server module
/// (`@app.cli.command()`, `@click.command()`, a Django management command's class).
struct RoleSpan {
  std::uint32_t start = 0;  ///< byte range of the function or class
  std::uint32_t end = 0;
  FileRole role = FileRole::Script;
  std::string why;          ///< the evidence, e.g. "@fake.cli.command()"
};

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
  /// Route name for `url_path_for` / `url_for` / `reverse`: `name=` when given, else the handler
  /// function (Flask, FastAPI); Django names carry their URLconf's `app_name` ("shop:cart").
  std::string name;
  /// The function that registers this route on a router it receives as a parameter
  /// (`func ArticlesRegister(router *gin.RouterGroup)`): the WorkspaceIndex joins it with the
  /// call that passes a group (`ArticlesRegister(v1.Group("/articles"))`) in another file.
  std::string registrar;
  /// What authenticates the route, as evidence ("Depends(get_current_user)", "v1.Use(AuthMiddleware(true))",
  /// "before_request require_login"); "" when nothing does.
  std::string authBy;
  /// Why the route is public by design ("login", "registration", "CORS preflight", "health",
  /// "allowlisted by before_request"); "" when it is not.
  std::string publicReason;
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

/// A byte range of a function recognised as a request handler by its signature
/// (`(w http.ResponseWriter, r *http.Request)`, `(c *gin.Context)`, `(req, res)`), whether or not
/// its registration was seen.
struct HandlerSpan {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string name;
};

/// A router mounted on another object: FastAPI `include_router`, Flask `register_blueprint`,
/// Express `app.use("/api", router)`. Cross-file resolution happens in the WorkspaceIndex.
struct Mount {
  std::string owner;   ///< the app/router it is mounted on
  std::string target;  ///< the mounted router as written (`users.router`, `api_bp`)
  std::string prefix;
  bool auth = false;   ///< mounted with auth dependencies/middleware
  std::uint32_t line = 0;
  /// Where the target comes from: the import specifier of its name (`./routes/v1`,
  /// `app.api.routes.users`), or "" when unknown. Go registrar calls: "func:<Name>".
  std::string module;
  std::string authBy;         ///< evidence for `auth` (or for optional auth)
  bool optionalAuth = false;  ///< auth middleware that lets anonymous callers through (gin `AuthMiddleware(false)`)
};

/// A hook that authenticates many routes at once, declared apart from them: a Fastify
/// `autohooks` file (every route in its folder and below), with the paths it lets through.
struct AuthHook {
  std::string scope;                     ///< "dir": routes in this file's folder and below
  std::string evidence;                  ///< "onRequest hook: request.session.user"
  std::vector<std::string> publicPaths;  ///< allowlisted path prefixes (`/api/auth/login`)
  std::uint32_t line = 0;
};

/// A declared dependency (requirements*.txt, package.json, go.mod, pyproject.toml).
struct Dependency {
  std::string name;
  std::string spec;   ///< version spec as written ("==2.0.1", "^4.18.0", "v1.9.1", "")
  bool dev = false;
  std::uint32_t line = 0;
};

/// What a Dockerfile declares (the last stage decides USER and the image that runs).
struct DockerfileInfo {
  std::vector<std::string> baseImages;  ///< FROM of every stage, in order (stage aliases resolved out)
  std::uint32_t lastFromLine = 0;
  std::string user;                     ///< last USER of the last stage ("" = none, i.e. root)
  std::uint32_t userLine = 0;
  bool healthcheck = false;             ///< HEALTHCHECK present (and not NONE)
  bool cmdExecForm = true;              ///< every CMD/ENTRYPOINT uses the JSON exec form
  std::uint32_t cmdLine = 0;            ///< line of the last CMD/ENTRYPOINT (0 when none)
  bool hasCmd = false;
  std::vector<std::string> envKeys;     ///< ENV names
  std::vector<std::string> argKeys;     ///< ARG names
  bool copiesContext = false;           ///< COPY/ADD . <dest>
  bool copiesEnvFile = false;           ///< COPY .env …
  std::vector<int> exposedPorts;
  bool npmInstall = false;              ///< RUN npm install (vs npm ci)
  bool unpinnedPipInstall = false;      ///< RUN pip install <pkg> without ==
  std::string stopSignal;
  bool usesInit = false;                ///< tini/dumb-init as entrypoint
};

/// A Kubernetes object from a manifest. Workload fields are filled for Deployment, StatefulSet,
/// DaemonSet, Job, CronJob, Pod.
struct K8sObject {
  std::string kind;
  std::string name;
  std::uint32_t line = 0;
  bool livenessProbe = false;
  bool readinessProbe = false;
  std::vector<std::string> probePaths;  ///< httpGet paths of all probes
  bool resourceRequests = false;        ///< every container sets requests
  bool resourceLimits = false;          ///< every container sets limits
  std::vector<std::string> images;
  bool runAsNonRoot = false;
  bool noPrivilegeEscalation = false;   ///< allowPrivilegeEscalation: false
  bool privileged = false;
  int replicas = -1;                    ///< -1 = unset
  int terminationGracePeriodSeconds = -1;
  std::vector<std::string> literalSecretEnv;  ///< secret-named env vars given as literal value:
  std::vector<std::string> annotations;        ///< annotation keys (ingress auth, rate limits)
  /// A database container's data directory mounted from an emptyDir volume (lost with the pod).
  struct EphemeralData {
    std::string image;
    std::string mountPath;
    std::uint32_t line = 0;  ///< 0-based line of the volume's `emptyDir`
  };
  std::vector<EphemeralData> ephemeralData;
};

/// A docker-compose service.
struct ComposeService {
  std::string name;
  std::string image;
  std::uint32_t line = 0;
  bool restart = false;
  bool privileged = false;
  bool healthcheck = false;
  std::string user;
};

struct Facts {
  FileRole role = FileRole::Library;
  /// Functions and classes whose role differs from the file's (innermost wins), in source order.
  std::vector<RoleSpan> functionRoles;
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
  std::vector<std::string> testRouteRefs;  ///< "GET /users" style references made by tests; "* /users" for a bare path string
  std::vector<Command> commands;      ///< from infra files and manifests
  std::vector<std::string> dependencies;  ///< declared package names (requirements, package.json, go.mod)

  // ---- added by the facts extraction (issue 3) ----
  std::vector<HandlerSpan> handlerSpans;  ///< handlers recognised by signature
  std::vector<Mount> mounts;              ///< routers mounted on apps (include_router, use)
  std::vector<AuthHook> authHooks;        ///< auth applied to routes of other files (Fastify autohooks)
  std::vector<Site> shutdownCalls;        ///< srv.Shutdown(ctx), server.close(), …
  /// Servers started from code (Python): "flask:app.run" (the Werkzeug development server),
  /// "uvicorn.run", "uvicorn.run:reload", "werkzeug.run_simple", "waitress.serve". Read together
  /// with the launch commands: `python app.py` runs whatever the module starts.
  std::vector<Site> serverRuns;
  std::vector<Dependency> deps;           ///< structured form of `dependencies`
  /// Infra file kind: "dockerfile", "compose", "k8s", "github-actions", "gitlab-ci", "ci",
  /// "procfile", "dotenv", "requirements", "package.json", "go.mod", "pyproject", "lockfile",
  /// "dockerignore", "deploy" (fly.toml, render.yaml, vercel.json, …); "" for source files.
  std::string infraKind;
  std::vector<std::string> envKeys;       ///< keys defined by a .env-style file
  std::vector<std::string> ignorePatterns;  ///< .dockerignore lines
  std::optional<DockerfileInfo> dockerfile;
  std::vector<K8sObject> k8s;
  std::vector<ComposeService> compose;
  bool testRunnerConfig = false;          ///< [tool.pytest…], jest/vitest config, pytest.ini

  [[nodiscard]] bool imports_(std::string_view module) const;  // exact module match
  [[nodiscard]] bool usesFramework(std::string_view name) const;
  /// The role of the code at `byte`: the innermost function role span holding it, else the file's.
  [[nodiscard]] FileRole roleAt(std::uint32_t byte) const;
  [[nodiscard]] bool isTestOrGenerated() const {
    return role == FileRole::Test || role == FileRole::Generated;
  }
  /// The route whose handler function spans `byte`, if any. Routes whose handler is a named
  /// function defined *after* its registration get their byte range in FactsBuilder::finish():
  /// during the walk, rules that need those should decide in their own finish().
  [[nodiscard]] const Route* routeAt(std::uint32_t byte) const;
  /// True inside a route handler or a function recognised as a handler by its signature.
  [[nodiscard]] bool inHandler(std::uint32_t byte) const;
  /// Routes whose path is a health/readiness endpoint (catalog WS3).
  [[nodiscard]] std::vector<const Route*> healthRoutes() const;
};

/// Catalog WS3: `(?i)^(/api)?/(health|healthz|livez?|readyz?|ready|ping|status|_health)$`,
/// after dropping a Go 1.22 method prefix; trailing slash tolerated.
bool isHealthPath(std::string_view path);
/// Liveness-only health paths (`/health`, `/healthz`, `/live`, `/livez`, `/ping`, …) vs readiness
/// (`/ready`, `/readyz`).
bool isReadinessPath(std::string_view path);

/// Role decided from the path alone (tests/, *_test.go, migrations/, vendor/, …), or Library.
FileRole roleFromPath(std::string_view path);

}  // namespace agentlens::core
