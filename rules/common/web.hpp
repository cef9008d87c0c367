// Request-path helpers shared by the error-handling and observability rules: is the node being
// visited inside a request handler, which HTTP status does a response carry, does a block log.
// All decisions are local (the context's ancestors and small subtree walks); the route registry
// (Facts::routes) is consulted first and syntax is the fallback for what it does not cover.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

struct Handler {
  ts::Node fn;                 ///< the handler function node (null when not in a handler)
  std::string_view framework;  ///< "flask", "fastapi", "django", "express", "nextjs", "net/http", "gin", "" (unknown)
  bool errorMiddleware = false;  ///< Express `(err, req, res, next)` error handler
  explicit operator bool() const { return !fn.isNull(); }
};

/// The request handler enclosing the visited node: the innermost enclosing function that is a
/// handler (a registered route, a decorated view, a function passed to `app.get(...)`, a Go
/// function taking `http.ResponseWriter`/`*gin.Context`, a Next.js route export). Nested callbacks
/// inside a handler belong to it.
Handler enclosingHandler(const RuleContext& ctx);
/// True when `fn` (a function node whose ancestors are `ancestors`, root first) is a handler.
Handler handlerFor(ts::Node fn, std::span<const ts::Node> ancestors, const RuleContext& ctx);

/// The innermost function ancestor of the visited node whose type is a function of the language.
/// (Same as enclosingFunction, with its index in ctx.ancestors(), or -1.)
int enclosingFunctionIndex(const RuleContext& ctx);

/// Parameter names of a function in order ("" for patterns we do not name).
std::vector<std::string_view> paramNames(ts::Node fn, std::string_view src, core::Lang lang);

/// An HTTP status given as a literal or a named constant (`500`, `http.StatusNotFound`,
/// `status.HTTP_404_NOT_FOUND`, `HTTPStatus.BAD_REQUEST`), or nullopt.
std::optional<int> statusValue(std::string_view text);
/// True when the text mentions a 4xx status in any of the forms above.
bool mentions4xx(std::string_view text);

/// True when a node is a call that logs or reports an error (logger.*, logging.*, console.error,
/// log/slog/zap, sentry capture_exception/captureException, span.record_exception).
bool isLoggingCall(ts::Node call, std::string_view src, core::Lang lang);
/// True when a subtree (not entering nested functions) contains a logging call.
bool containsLogging(ts::Node n, std::string_view src, core::Lang lang);
/// True when a subtree (not entering nested functions) re-raises/rethrows or forwards to
/// `next(err)`.
bool containsRethrow(ts::Node n, std::string_view src, core::Lang lang);

/// Calls `fn(node)` for every node of a subtree without entering nested functions.
template <typename Fn>
void walkSameFunction(ts::Node start, core::Lang lang, Fn&& fn);

/// The first response in `block` (not entering nested functions) that answers with a 5xx status:
/// `return …, 500`, `abort(500)`, `HTTPException(500)`, `JSONResponse(status_code=500)`,
/// `res.status(500)`, `res.sendStatus(500)`, `NextResponse.json(…, {status: 500})`,
/// `http.Error(w, …, 500)`, `w.WriteHeader(500)`, `c.JSON(500, …)`, `c.AbortWithStatus(500)`.
/// Null when there is none.
ts::Node find5xxResponse(ts::Node block, std::string_view src, core::Lang lang);

/// Go: the result types of a function declaration / literal (`(int, error)` -> {"int", "error"}).
std::vector<std::string_view> goResultTypes(ts::Node fn, std::string_view src);
/// Go: the zero value expression for a type.
std::string goZeroValue(std::string_view type);

/// True for Python/JS/Go names that read as a logger receiver (`logger`, `log`, `app.logger`, …).
bool isLoggerReceiver(std::string_view receiver);

// ---- inline template definitions
bool isFunctionNodeLang(ts::Node n, core::Lang lang);

template <typename Fn>
void walkSameFunction(ts::Node start, core::Lang lang, Fn&& fn) {
  ts::walk(start, [&](ts::Node n) {
    if (n != start && isFunctionNodeLang(n, lang)) return false;
    fn(n);
    return true;
  });
}

}  // namespace agentlens::rules
