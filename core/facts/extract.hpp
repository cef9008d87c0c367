// Internal to the facts builder: per-file extraction state shared by the language extractors
// (extract_python.cpp, extract_js.cpp, extract_go.cpp) and the resolution done in finish().
// Nodes stored here are valid while the file's tree lives (the whole of Engine::analyze).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core::facts_detail {

/// A route registration seen during the walk; its Route lives in Facts::routes[index].
struct PendingRoute {
  std::size_t index = 0;
  ts::Node handler;        ///< handler function node when known at registration time
  std::string handlerRef;  ///< name to resolve in finish() ("getUser", "h.getUser")
  std::string receiver;    ///< app/router/group object the route is registered on
  std::uint32_t byte = 0;  ///< start of the registration
  std::uint32_t scopeStart = 0, scopeEnd = 0xFFFFFFFFu;  ///< enclosing function (chi Route/Group)
  bool explicitAuth = false;
  std::string authEvidence;  ///< what made explicitAuth true (decorator, dependency, middleware)
};

/// An `app.use(mw)` / `r.Use(mw)` / `before_request` style registration that applies to the
/// routes after it (or all routes of its receiver, for hooks).
struct Use {
  std::string receiver;
  std::uint32_t byte = 0;
  std::uint32_t scopeStart = 0, scopeEnd = 0xFFFFFFFFu;
  std::string pathPrefix;  ///< Express `app.use("/admin", auth)`
  bool auth = false;
  bool wholeReceiver = false;  ///< applies regardless of source order (Flask before_request, deps=)
  std::string evidence;        ///< `v1.Use(AuthMiddleware(true))`, `before_request require_login`
  bool optional = false;       ///< auth that lets anonymous callers through (`AuthMiddleware(false)`)
  /// Paths and endpoint names a before_request/hook lets through without auth (its allowlist).
  std::vector<std::string> allow;
};

/// A router object derived from another one: gin/echo `Group`, FastAPI `APIRouter(prefix=)`,
/// Flask `Blueprint(url_prefix=)`.
struct Group {
  std::string parent;
  std::string prefix;
  bool auth = false;
  std::uint32_t mountByte = 0;  ///< where it was mounted (Express `app.use("/api", router)`), 0 = n/a
  std::string authBy;           ///< evidence for `auth`
};

struct State {
  const ParsedFile& file;
  Facts& facts;
  std::string_view src;
  Lang lang;
  std::vector<PendingRoute> pending;
  std::unordered_map<std::string, ts::Node> functions;  ///< named functions (first wins)
  std::vector<Use> uses;
  std::unordered_map<std::string, Group> groups;
  std::unordered_map<std::string, std::string> appFramework;  ///< app object -> framework that created it
  bool routesEnabled = true;  ///< false in tests and generated code (their routes are not the app's)
  /// Names bound by imports to the module they come from (`authRoute` -> `./auth.route`,
  /// `users` -> `app.api.routes.users`), for mounts resolved across files.
  std::unordered_map<std::string, std::string> imported;
  /// Tests: string literals shaped like route names, kept in case the file resolves names held
  /// in variables (`app.url_path_for(route_name)` with a parametrized `route_name`).
  std::vector<std::string> nameLiterals;
  bool namesByVariable = false;

  State(const ParsedFile& f, Facts& fx) : file(f), facts(fx), src(f.source()), lang(f.lang) {}
  [[nodiscard]] std::string_view text(ts::Node n) const { return n.text(src); }
  [[nodiscard]] std::uint32_t line(ts::Node n) const { return n.startPoint().row; }
  bool isApp(std::string_view name) const;
  void addApp(std::string_view name);
  /// Adds a route to Facts::routes and its pending record; returns the pending record.
  PendingRoute& addRoute(Route r, ts::Node registration);
};

// ---- per-language hooks -------------------------------------------------------------------
void visitPython(State& st, ts::Node node, std::span<const ts::Node> ancestors);
void visitJs(State& st, ts::Node node, std::span<const ts::Node> ancestors);
void visitGo(State& st, ts::Node node, std::span<const ts::Node> ancestors);
/// Whole-file step for file-system routes (Next.js) before the walk.
void beginJs(State& st);
/// Arguments of a call (named children of its argument list, comments skipped).
std::vector<ts::Node> callArgs(ts::Node call);
/// Keyword argument `name=` of a Python call, or a null node.
ts::Node keywordArg(const State& st, ts::Node call, std::string_view name);
/// Body facts of a handler: status codes, input reads, validation, DB/HTTP calls, auth calls.
void analyzeHandlerBody(State& st, ts::Node fn, Route& route, bool& authCall);

// ---- shared helpers -----------------------------------------------------------------------
/// The value of a plain string literal (Python string without interpolation, JS string or
/// substitution-free template, Go interpreted/raw string), or nullopt.
bool stringValue(const State& st, ts::Node n, std::string& out);
/// A path a test requests: a plain string, or an f-string/template/`"/x/" + id` whose
/// interpolated segments become `{p}` parameters (`f"/users/{uid}"` -> `/users/{p}`).
bool testPathValue(const State& st, ts::Node n, std::string& out);
/// In test files: a string literal that is a URL path (`"/reserve"`, `` `${base}/notify` ``)
/// becomes a method-less route reference ("* /reserve"): tests that go through a helper or
/// `fetch` still count as requesting the path.
void testPathLiteral(State& st, ts::Node n);
/// In tests: `url_path_for("articles:list")`, `reverse("shop:cart")`, `url_for("login")` become
/// route-name references ("name:articles:list"); other calls on an object become handler
/// references ("call:h.Login", "call:POST") for tests that call handlers directly, and handlers
/// a test wires on its own router become "wired:handler.Login".
void testNameOrCall(State& st, ts::Node call, std::string_view callee);
/// In tests: a string literal shaped like a route name (`"articles:list"`), kept for finishTestRefs.
void testNameLiteral(State& st, ts::Node n);
/// At the end of a test file: name literals when names were passed through variables.
void finishTestRefs(State& st);
/// Integer literal value, or -1.
int intValue(const State& st, ts::Node n);
/// HTTP status code from a literal or a symbolic constant (http.StatusNotFound,
/// status.HTTP_404_NOT_FOUND, HTTPStatus.NOT_FOUND), or -1.
int statusCodeOf(const State& st, ts::Node n);
/// Heuristic: a function/middleware/decorator/dependency name that performs authentication.
bool authLikeName(std::string_view name);
/// Auth middleware called so that anonymous callers pass (`AuthMiddleware(false)`, `optionalAuth`).
bool optionalAuthText(std::string_view text);
/// Whether auth registered on `receiver` (or a parent group) before `byte` reaches a router used
/// there: fills `evidence` and `optional`; false when none.
bool authBefore(const State& st, const std::string& receiver, std::uint32_t byte, std::string& evidence, bool& optional);
/// The receiver and its ancestors through Group/prefix links, receiver first.
std::vector<std::string> receiverChain(const State& st, const std::string& receiver);
/// Full prefix of a router object through its group links (`v1` -> `/api`).
std::string chainPrefix(const State& st, const std::string& receiver);
/// Body of a hook that rejects anonymous requests (401/403, session/user/token checks).
bool authCheckBody(std::string_view body);
/// Auth status, evidence and public reason of one route (after its handler body was analysed).
void resolveRouteAuth(State& st, PendingRoute& p, bool authCall);
/// String literals of a hook body that are paths or endpoint names it lets through.
std::vector<std::string> allowlistOf(const State& st, ts::Node body);
bool isHttpMethodName(std::string_view lower);  // get post put patch delete head options
std::string upper(std::string_view s);
std::string lower(std::string_view s);
bool isFunctionNode(ts::Node n);
/// True when any ancestor is a function (the node is not at module/package scope).
bool insideFunction(std::span<const ts::Node> ancestors);
/// The innermost function among the ancestors, or a null node.
ts::Node enclosingFunction(std::span<const ts::Node> ancestors);
std::string joinPath(std::string_view prefix, std::string_view path);
/// Trimmed to a single line of at most 80 bytes (for Site::what / Command::text).
std::string shortText(std::string_view s);

}  // namespace agentlens::core::facts_detail
