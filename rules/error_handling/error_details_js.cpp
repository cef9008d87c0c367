// error-details-in-response: JavaScript/TypeScript (catch blocks, error middleware, `.catch`, Hono `onError`).
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/central_error_handler.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {

using core::Lang;

namespace {

std::string_view jsErrorName(const RuleContext& ctx, ts::Node& scope) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (anc[i].type() == "catch_clause") {
      ts::Node p = anc[i].field("parameter");
      scope = anc[i];
      return p && p.type() == "identifier" ? p.text(src) : std::string_view();
    }
    if (isFunctionNode(anc[i], ctx.lang())) {
      Handler h = handlerFor(anc[i], anc.subspan(0, i), ctx);
      if (h.errorMiddleware) {
        scope = anc[i];
        auto params = paramNames(anc[i], src, ctx.lang());
        return params.empty() ? std::string_view() : params[0];
      }
      // Promise .catch(err => res.status(500).json(...)) callbacks.
      if (i >= 2 && anc[i - 1].type() == "arguments" && anc[i - 2].type() == "call_expression" &&
          calleeName(anc[i - 2], src) == "catch") {
        scope = anc[i];
        auto params = paramNames(anc[i], src, ctx.lang());
        return params.empty() ? std::string_view() : params[0];
      }
      return {};
    }
  }
  return {};
}

/// HTTP error classes whose message the error middleware (or the framework) sends to the client.
bool httpErrorClass(std::string_view name) {
  for (auto suffix : {"ApiError", "APIError", "HttpError", "HTTPError", "HttpException", "ServerErrorException"})
    if (name.ends_with(suffix)) return true;
  return name == "createError" || name == "createHttpError" || name == "httpErrors";
}

/// `const err = error as { message?: string }` in the catch: the local that stands for the error.
std::string_view errorAlias(ts::Node scope, std::string_view err, std::string_view src) {
  std::string_view alias;
  ts::walk(scope, [&](ts::Node n) {
    if (!alias.empty()) return false;
    if (n.type() != "variable_declarator" || !n.field("value") || n.field("name").type() != "identifier") return true;
    ts::Node v = n.field("value");
    while ((v.type() == "as_expression" || v.type() == "parenthesized_expression") && v.namedChildCount() > 0)
      v = v.namedChild(0);
    if (v.text(src) == err) alias = n.field("name").text(src);
    return true;
  });
  return alias;
}

/// `throw new ApiError(500, `…${err.message}`)` / `createError(500, err.message)` in a catch: the
/// HTTP error carries the raw message, and the error middleware answers with it.
void jsHttpError(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view cls = node.type() == "new_expression" ? node.field("constructor").text(src) : calleeName(node, src);
  if (!httpErrorClass(cls)) return;
  ts::Node args = node.field("arguments");
  if (!args || args.namedChildCount() == 0) return;
  std::optional<int> status;
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
    if (auto v = statusValue(args.namedChild(i).text(src)); v && *v >= 100 && *v < 600) status = v;
  if (!status && cls.ends_with("ServerErrorException")) status = 500;
  if (!status || *status < 500) return;
  ts::Node scope;
  std::string_view err = jsErrorName(ctx, scope);
  if (err.empty()) return;
  ts::Node exposure = findExposure(args, err, src, ctx.lang());
  if (!exposure) {
    std::string_view alias = errorAlias(scope, err, src);
    if (!alias.empty()) exposure = findExposure(args, alias, src, ctx.lang());
  }
  if (!exposure || conditionallyExposed(exposure, args, src) || debugGuarded(ctx)) return;
  ctx.report(exposure, "`" + std::string(exposure.text(src).substr(0, 40)) + "` puts the raw error text in a " +
                           std::to_string(*status) + " `" + std::string(cls) +
                           "` that is answered to the client: throw a generic message and log the error");
}

/// A local holding the error text in `scope`: `let userMessage = error.message;`.
std::string_view textAlias(ts::Node scope, std::string_view err, std::string_view src, core::Lang lang) {
  std::string_view alias;
  ts::walk(scope, [&](ts::Node n) {
    if (!alias.empty()) return false;
    if (n.type() == "variable_declarator" && n.field("value") && n.field("name").type() == "identifier" &&
        findExposure(n.field("value"), err, src, lang))
      alias = n.field("name").text(src);
    return true;
  });
  return alias;
}

/// `sendSSE(res, "error", { error: userMessage })` / `sendError(res, err.message)` in a catch: a
/// helper handed the response object and the error text writes that text to the client.
void jsResponseHelper(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = call.field("function");
  ts::Node args = call.field("arguments");
  if (!fn || fn.type() != "identifier" || !args || args.namedChildCount() < 2) return;
  auto first = args.namedChild(0).text(src);
  if (first != "res" && first != "response" && first != "reply") return;
  auto name = fn.text(src);
  if (name.find("log") != std::string_view::npos || name.find("Log") != std::string_view::npos) return;
  ts::Node scope;
  std::string_view err = jsErrorName(ctx, scope);
  if (err.empty() || !scope) return;
  ts::Node exposure;
  std::string_view alias = textAlias(scope, err, src, ctx.lang());
  for (std::uint32_t i = 1; i < args.namedChildCount() && !exposure; ++i) {
    ts::Node a = args.namedChild(i);
    if (auto v = statusValue(a.text(src)); v && *v >= 100 && *v < 500) return;
    exposure = findExposure(a, err, src, ctx.lang());
    if (!exposure && !alias.empty())
      ts::walk(a, [&](ts::Node n) {
        if (exposure) return false;
        if ((n.type() == "identifier" || n.type() == "shorthand_property_identifier") && n.text(src) == alias) exposure = n;
        return true;
      });
  }
  if (!exposure || conditionallyExposed(exposure, args, src) || debugGuarded(ctx)) return;
  ctx.report(exposure, "`" + std::string(exposure.text(src).substr(0, 40)) + "` (the error's raw text) is written to the "
                           "client by `" + std::string(name) + "(" + std::string(first) +
                           ", …)`: send a generic message and log the error");
}

/// The status a response call sets: res.status(4xx)… / NextResponse.json(body, { status: 4xx }) /
/// Hono c.json(body, 4xx).
std::optional<int> jsResponseStatus(std::string_view callee, ts::Node args, bool nextResponse, bool honoSink,
                                    std::string_view src) {
  std::optional<int> status;
  if (auto p = callee.find("status("); p != std::string_view::npos)
    status = statusValue(callee.substr(p + 7, callee.find(')', p) - p - 7));
  if (nextResponse && args.namedChildCount() >= 2) {
    auto opt = args.namedChild(1).text(src);
    if (auto p = opt.find("status"); p != std::string_view::npos) {
      auto rest = opt.substr(p + 6);
      auto d = rest.find_first_of("0123456789");
      if (d != std::string_view::npos && d < 4) status = statusValue(rest.substr(d, 3));
    }
  }
  if (honoSink && args.namedChildCount() >= 2) status = statusValue(args.namedChild(1).text(src));
  return status;
}

/// The first part of `body` that exposes the error `err`: its message or stack, or `err` itself
/// (`res.send(err)` / `{ error: err }`).
ts::Node jsExposure(ts::Node body, std::string_view err, std::string_view src, Lang lang) {
  ts::Node exposure = findExposure(body, err, src, lang);
  if (!exposure) {
    // err itself: `res.send(err)` / `{ error: err }`
    ts::walk(body, [&](ts::Node n) {
      if (exposure) return false;
      if (n.type() == "identifier" && n.text(src) == err) exposure = n;
      if (n.type() == "shorthand_property_identifier" && n.text(src) == err) exposure = n;
      return n.type() != "call_expression" && !isFunctionNode(n, lang);
    });
  }
  return exposure;
}

/// Fix: log the error (when the handler does not) before the statement holding the response, and
/// answer with a generic message.
void addJsFix(core::Finding& f, RuleContext& ctx, ts::Node scope, std::string_view err, ts::Node body,
              ts::Node exposure) {
  auto src = ctx.source();
  core::Fix fix{.title = "Respond with a generic message and log the error",
                .applicability = core::Applicability::Unsafe};
  // The statement holding the response.
  ts::Node stmt;
  for (std::size_t i = ctx.ancestors().size(); i-- > 0;) {
    auto t = ctx.ancestors()[i].type();
    if (t == "expression_statement" || t == "return_statement") {
      stmt = ctx.ancestors()[i];
      break;
    }
  }
  if (!stmt) return;
  if (!containsLogging(scope, src, ctx.lang())) {
    LoggerPlan logger = jsLogger(ctx.file());
    std::string fnName(functionName(enclosingFunction(ctx), src));
    std::string label = (fnName.empty() ? std::string("request") : fnName) + " failed";
    core::TextEdit log;
    log.range = {stmt.startByte(), stmt.startByte()};
    log.text = (logger.name == "console" ? "console.error(\"" + label + "\", " + std::string(err) + ");"
                                         : logger.name + ".error({ err: " + std::string(err) + " }, \"" + label + "\");") +
               "\n" + std::string(lineIndent(src, stmt.startByte()));
    fix.edits.push_back(log);
  }
  core::TextEdit e;
  if (body.type() == "object") {
    // Replace the whole body: other fields (`stack: err.stack`) may leak as well.
    e.range = {body.startByte(), body.endByte()};
    e.text = "{ error: \"Internal server error\" }";
  } else {
    e.range = {exposure.startByte(), exposure.endByte()};
    e.text = exposure.type() == "shorthand_property_identifier" ? std::string(err) + ": \"Internal server error\""
                                                                 : "\"Internal server error\"";
  }
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void js(ts::Node call, RuleContext& ctx) {
  if (call.type() == "new_expression" || calleeName(call, ctx.source()).starts_with("create")) {
    jsHttpError(call, ctx);
    if (call.type() == "new_expression") return;
  }
  auto src = ctx.source();
  auto callee = calleeText(call, src);
  auto name = calleeName(call, src);
  bool nextResponse = callee == "NextResponse.json" || callee == "Response.json";
  bool resSink = (name == "json" || name == "send" || name == "end" || name == "write") &&
                 (callee.starts_with("res.") || callee.starts_with("response.") || callee.starts_with("reply.") ||
                  callee.starts_with("ctx."));
  bool honoSink = (name == "json" || name == "text") && (callee.starts_with("c.") || callee.starts_with("ctx."));
  if (!nextResponse && !resSink && !honoSink) {
    jsResponseHelper(call, ctx);
    return;
  }
  ts::Node scope;
  std::string_view err = jsErrorName(ctx, scope);
  if (err.empty() && honoSink) {  // Hono app.onError((err, c) => c.json({ message: err.message }))
    auto central = errhandler::honoHandler(ctx);
    err = central.errName;
    scope = central.fn;
  }
  if (err.empty()) return;
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() == 0) return;
  if (args.text(src).find("NODE_ENV") != std::string_view::npos) return;
  std::optional<int> status = jsResponseStatus(callee, args, nextResponse, honoSink, src);
  if (status && *status < 500) return;
  ts::Node body = args.namedChild(0);
  ts::Node exposure = jsExposure(body, err, src, ctx.lang());
  if (!exposure || conditionallyExposed(exposure, args, src) || debugGuarded(ctx)) return;
  std::string what(exposure.text(src).substr(0, 40));
  core::Finding& f = ctx.report(exposure, "`" + what + "` sends error details to the client: respond with a generic "
                                                       "message and log the error");
  addJsFix(f, ctx, scope, err, body, exposure);
}

}  // namespace agentlens::rules::errdetails
