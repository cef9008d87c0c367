// error-details-in-response: exception messages, reprs and stack traces sent to the client.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"
#include "rules/error_handling/central_error_handler.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds responses built in an error branch that carry the exception's internals:
- Python: `str(e)`, `repr(e)`, `f"{e}"`, `e.args` or `traceback.format_exc()` in a returned
  `jsonify`/`JSONResponse`/`HttpResponse`/tuple, an `HTTPException(detail=...)` or `abort(...)`;
- Python central handlers: FastAPI `@app.exception_handler(Exc)` and Flask
  `@app.errorhandler(Exc)` / `app_errorhandler` returning `str(exc)` (database errors such as
  `IntegrityError` even with a 4xx status: their text is the driver's, not a validation message);
- JavaScript/TypeScript: `err.message`, `err.stack`, `String(err)`, `${err}` or `err` itself in
  `res.json/send/end/write` or `NextResponse.json`, in a `catch` block or an Express error
  middleware, and in Hono `c.json(…)` of an `app.onError` / `ErrorHandler` handler;
- Go: `err.Error()` in `http.Error(w, ...)`, in `c.JSON/String/AbortWithStatusJSON` with a 5xx
  status, or `err` written with `fmt.Fprint*(w, ...)`.

Not flagged: 4xx responses (validation messages are meant for the client), user-facing error
types (`ValidationError`, `HTTPException`, Pydantic errors), branches guarded by a debug flag or
`NODE_ENV`, CLI code and tests.

## Why is this bad?
Exception text leaks table and column names, SQL fragments, file paths, hostnames and library
versions, which is free reconnaissance for an attacker (CWE-209). It also makes the API's error
contract whatever the database driver says today.

## Example
```python
except Exception as e:
    return jsonify({"error": str(e)}), 500
```

Use instead:
```python
except Exception:
    logger.exception("create_order failed")
    return jsonify({"error": "Internal server error"}), 500
```

## Fix safety
Replaces the exposed expression with `"Internal server error"` and logs the original error with
its traceback first (adding the logger when missing). Clients that parsed the old message see a
different body: unsafe.

## References
- CWE-209: Generation of Error Message Containing Sensitive Information
- CodeQL `py/stack-trace-exposure`, `js/stack-trace-exposure`, `go/stack-trace-exposure`
- OWASP Error Handling Cheat Sheet
)md";

const RuleMeta kMeta{
    .id = "error-details-in-response",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Exception message or stack trace returned to the client",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
};

constexpr std::string_view kPySinks[] = {"jsonify", "JSONResponse", "HttpResponse", "JsonResponse", "make_response",
                                         "Response", "PlainTextResponse", "HTMLResponse", "ORJSONResponse",
                                         "HttpResponseServerError"};

bool isPySink(std::string_view name) {
  return std::find(std::begin(kPySinks), std::end(kPySinks), name) != std::end(kPySinks);
}

/// The first node in `root` that exposes the error named `err`.
ts::Node findExposure(ts::Node root, std::string_view err, std::string_view src, Lang lang) {
  ts::Node found;
  walkSameFunction(root, lang, [&](ts::Node n) {
    if (found) return;
    auto t = n.type();
    if (lang == Lang::Python) {
      if (t == "call") {
        auto c = calleeText(n, src);
        ts::Node args = n.field("arguments");
        // str(e), and str(e.orig): SQLAlchemy's wrapped driver exception
        if ((c == "str" || c == "repr") && args && args.namedChildCount() == 1 &&
            (args.namedChild(0).text(src) == err || args.namedChild(0).text(src) == std::string(err) + ".orig"))
          found = n;
        if (c == "traceback.format_exc" || c == "traceback.format_exception") found = n;
      } else if (t == "attribute" && n.field("object").text(src) == err && n.field("attribute").text(src) == "args") {
        found = n;
      } else if (t == "interpolation" && n.namedChildCount() > 0) {
        auto e = n.namedChild(0).text(src);
        if (e == err) found = n;  // reported on the f-string below
      }
    } else if (lang == Lang::Go) {
      if (t == "call_expression" && calleeText(n, src) == std::string(err) + ".Error") found = n;
    } else {
      if (t == "member_expression" && n.field("object").text(src) == err) {
        auto p = n.field("property").text(src);
        if (p == "message" || p == "stack") found = n;
      } else if (t == "call_expression" && calleeText(n, src) == "String") {
        ts::Node a = n.field("arguments");
        if (a && a.namedChildCount() == 1 && a.namedChild(0).text(src) == err) found = n;
      } else if (t == "template_substitution" && n.namedChildCount() == 1 && n.namedChild(0).text(src) == err) {
        found = n;
      }
    }
  });
  // An f-string / template interpolation: expose the whole string.
  if (found && (found.type() == "interpolation" || found.type() == "template_substitution")) found = found.parent();
  return found;
}

bool userFacingType(std::string_view t) {
  return t.find("Validation") != std::string_view::npos || t.find("HTTPException") != std::string_view::npos ||
         t.find("BadRequest") != std::string_view::npos || t.find("NotFound") != std::string_view::npos ||
         t == "ValueError" || t.find("UserError") != std::string_view::npos ||
         t.find("ClientError") != std::string_view::npos || t.find("PermissionDenied") != std::string_view::npos;
}

/// A condition that makes exposure deliberate: debug mode, a non-production environment, or a
/// status check that keeps messages to 4xx answers (`status < 500 ? err.message : "…"`).
bool deliberateCondition(std::string_view c) {
  for (auto k : {"debug", "DEBUG", "NODE_ENV", "isDev", "development", "expose"})
    if (c.find(k) != std::string_view::npos) return true;
  return c.find("status") != std::string_view::npos && c.find("500") != std::string_view::npos;
}

/// True when `exposure` sits in a conditional expression (below `stop`) with a deliberate condition.
bool conditionallyExposed(ts::Node exposure, ts::Node stop, std::string_view src) {
  for (ts::Node n = exposure; n && n != stop; n = n.parent()) {
    auto t = n.type();
    if (t == "ternary_expression" || t == "conditional_expression") {
      ts::Node cond = n.field("condition");
      if (deliberateCondition(cond ? cond.text(src) : n.text(src))) return true;
    }
  }
  return false;
}

bool debugGuarded(const RuleContext& ctx) {
  auto src = ctx.source();
  for (ts::Node a : ctx.ancestors()) {
    if (a.type() != "if_statement" && a.type() != "ternary_expression" && a.type() != "conditional_expression") continue;
    ts::Node cond = a.field("condition");
    auto c = cond ? cond.text(src) : a.text(src).substr(0, 60);
    if (deliberateCondition(c)) return true;
  }
  return false;
}

class ErrorDetailsInResponse final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"return_statement", "raise_statement", "call"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Script) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  // The except clause around the visited node (same function) and the name it binds.
  static ts::Node pyHandler(const RuleContext& ctx, std::string_view& bound, bool& userFacing) {
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    for (std::size_t i = anc.size(); i-- > 0;) {
      if (isFunctionNode(anc[i], Lang::Python)) return {};
      if (anc[i].type() != "except_clause") continue;
      ts::Node clause = anc[i];
      for (std::uint32_t k = 0; k < clause.namedChildCount(); ++k) {
        ts::Node c = clause.namedChild(k);
        if (c.type() != "as_pattern") continue;
        ts::Node t = c.namedChild(0);
        std::vector<std::string_view> types;
        if (t.type() == "tuple" || t.type() == "parenthesized_expression")
          for (std::uint32_t j = 0; j < t.namedChildCount(); ++j) types.push_back(t.namedChild(j).text(src));
        else types.push_back(t.text(src));
        userFacing = std::all_of(types.begin(), types.end(), userFacingType);
        for (std::uint32_t j = 0; j < c.namedChildCount(); ++j)
          if (c.namedChild(j).type() == "as_pattern_target") bound = c.namedChild(j).text(src);
      }
      return clause;
    }
    return {};
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "call" && calleeText(node, src) != "abort" && calleeText(node, src) != "flask.abort") return;
    std::string_view err;
    bool userFacing = false;
    ts::Node clause = pyHandler(ctx, err, userFacing);
    bool dbError = false;
    if (!clause) {  // @app.exception_handler(Exc) / @app.errorhandler(Exc): the exception is a parameter
      auto central = errhandler::pythonHandler(ctx);
      if (!central.fn) return;
      clause = central.fn;
      err = central.errName;
      dbError = errhandler::databaseErrorType(central.handled);
      userFacing = !central.handled.empty() && !dbError && userFacingType(central.handled);
    }
    if (!clause || userFacing) return;
    ts::Node exposure;
    if (!err.empty()) exposure = findExposure(node, err, src, Lang::Python);
    if (!exposure) {
      // traceback.format_exc() needs no bound name.
      exposure = findExposure(node, "\x01", src, Lang::Python);
      if (!exposure) return;
    }
    // Is this a response?
    std::optional<int> status;
    bool response = false;
    if (node.type() == "raise_statement") {
      ts::Node raised = node.namedChildCount() ? node.namedChild(0) : ts::Node();
      if (!raised || raised.type() != "call" || calleeName(raised, src) != "HTTPException") return;
      response = true;
      ts::Node args = raised.field("arguments");
      for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
        ts::Node a = args.namedChild(i);
        if (a.type() == "keyword_argument" && a.field("name").text(src) == "status_code")
          status = statusValue(a.field("value").text(src));
        else if (i == 0 && a.type() != "keyword_argument")
          status = statusValue(a.text(src));
      }
    } else if (node.type() == "call") {  // abort(500, description=str(e))
      response = true;
      ts::Node args = node.field("arguments");
      if (args && args.namedChildCount() > 0) status = statusValue(args.namedChild(0).text(src));
    } else {
      ts::Node value = node.namedChildCount() ? node.namedChild(0) : ts::Node();
      if (!value) return;
      ts::Node body = value;
      if (value.type() == "expression_list" && value.namedChildCount() >= 2) {
        body = value.namedChild(0);
        status = statusValue(value.namedChild(1).text(src));
      }
      ts::walk(value, [&](ts::Node n) {
        if (n.type() == "call" && isPySink(calleeName(n, src))) {
          response = true;
          ts::Node args = n.field("arguments");
          for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
            ts::Node a = args.namedChild(i);
            if (a.type() == "keyword_argument" &&
                (a.field("name").text(src) == "status_code" || a.field("name").text(src) == "status"))
              status = statusValue(a.field("value").text(src));
          }
        }
        return true;
      });
      if (!response && (dbError || clause.type() == "function_definition" || enclosingHandler(ctx)) &&
          (body.type() == "dictionary" || body.type() == "string" || value.type() == "expression_list"))
        response = true;
    }
    if (!response) return;
    if ((status && *status < 500 && !dbError) || debugGuarded(ctx)) return;
    std::string what(exposure.text(src).substr(0, 40));
    core::Finding& f = ctx.report(exposure, "`" + what + "` sends exception details to the client: return a generic "
                                                         "message and log the error");
    // Fix: log, then answer with a generic message.
    auto fnName = std::string(functionName(enclosingFunction(ctx), src));
    core::Fix fix{.title = "Return a generic message and log the exception", .applicability = core::Applicability::Unsafe};
    ts::Node block = clause.field("body");
    if (!block)
      for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i)
        if (clause.namedChild(i).type() == "block") block = clause.namedChild(i);
    if (!containsLogging(block, src, Lang::Python)) {
      LoggerPlan logger = pythonLogger(ctx.file());
      fix.edits = logger.edits;
      core::TextEdit log;
      log.range = {node.startByte(), node.startByte()};
      ts::Node stmt = node.type() == "call" ? ctx.ancestors().back() : node;
      log.range = {stmt.startByte(), stmt.startByte()};
      log.text = logger.name + ".exception(\"" + (fnName.empty() ? std::string("request") : fnName) + " failed\")\n" +
                 std::string(lineIndent(src, stmt.startByte()));
      fix.edits.push_back(log);
    }
    core::TextEdit e;
    e.range = {exposure.startByte(), exposure.endByte()};
    e.text = "\"Internal server error\"";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static std::string_view jsErrorName(const RuleContext& ctx, ts::Node& scope) {
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

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    bool nextResponse = callee == "NextResponse.json" || callee == "Response.json";
    bool resSink = (name == "json" || name == "send" || name == "end" || name == "write") &&
                   (callee.starts_with("res.") || callee.starts_with("response.") || callee.starts_with("reply.") ||
                    callee.starts_with("ctx."));
    bool honoSink = (name == "json" || name == "text") && (callee.starts_with("c.") || callee.starts_with("ctx."));
    if (!nextResponse && !resSink && !honoSink) return;
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
    // Status: res.status(4xx)… / NextResponse.json(body, { status: 4xx }).
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
    if (status && *status < 500) return;
    ts::Node body = args.namedChild(0);
    ts::Node exposure = findExposure(body, err, src, ctx.lang());
    if (!exposure) {
      // err itself: `res.send(err)` / `{ error: err }`
      ts::walk(body, [&](ts::Node n) {
        if (exposure) return false;
        if (n.type() == "identifier" && n.text(src) == err) exposure = n;
        if (n.type() == "shorthand_property_identifier" && n.text(src) == err) exposure = n;
        return n.type() != "call_expression" && !isFunctionNode(n, ctx.lang());
      });
    }
    if (!exposure || conditionallyExposed(exposure, args, src) || debugGuarded(ctx)) return;
    std::string what(exposure.text(src).substr(0, 40));
    core::Finding& f = ctx.report(exposure, "`" + what + "` sends error details to the client: respond with a generic "
                                                         "message and log the error");
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

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() < 2) return;
    Handler h = enclosingHandler(ctx);
    ts::Node body;
    std::optional<int> status;
    if (callee == "http.Error" && args.namedChildCount() == 3) {
      body = args.namedChild(1);
      status = statusValue(args.namedChild(2).text(src));
    } else if (h && h.framework == "gin" &&
               (name == "JSON" || name == "String" || name == "AbortWithStatusJSON" || name == "IndentedJSON")) {
      body = args.namedChild(1);
      status = statusValue(args.namedChild(0).text(src));
      if (!status) return;  // a variable status: cannot tell
    } else if (h && (callee == "fmt.Fprintf" || callee == "fmt.Fprint" || callee == "fmt.Fprintln")) {
      auto params = paramNames(h.fn, src, Lang::Go);
      if (params.empty() || args.namedChild(0).text(src) != params[0]) return;
      body = args;
    } else {
      return;
    }
    if (status && *status < 500) return;
    // The error variable: anything whose .Error() is called, or an `err` argument to Fprint*.
    ts::Node exposure;
    ts::walk(body, [&](ts::Node n) {
      if (exposure) return false;
      if (n.type() == "call_expression") {
        auto c = calleeText(n, src);
        if (c.ends_with(".Error") && n.field("arguments").namedChildCount() == 0) {
          auto recv = c.substr(0, c.size() - 6);
          if (recv == "err" || recv.ends_with("Err") || recv.ends_with("err")) exposure = n;
        }
      }
      if (callee.starts_with("fmt.") && n.type() == "identifier" && n.text(src) == "err") exposure = n;
      return true;
    });
    if (!exposure || debugGuarded(ctx)) return;
    auto errName = exposure.type() == "identifier" ? exposure.text(src)
                                                    : calleeText(exposure, src).substr(0, calleeText(exposure, src).size() - 6);
    core::Finding& f = ctx.report(exposure, "`" + std::string(exposure.text(src)) +
                                                "` sends error details to the client: respond with a generic message "
                                                "and log the error");
    if (callee.starts_with("fmt.")) return;  // rewriting a format string is left to a human
    core::Fix fix{.title = "Respond with a generic message and log the error",
                  .applicability = core::Applicability::Unsafe};
    auto anc = ctx.ancestors();
    ts::Node stmt = !anc.empty() && anc.back().type() == "expression_statement" ? anc.back() : ts::Node();
    ts::Node branch = ctx.nearestAncestor({"block"});
    if (stmt && branch && !containsLogging(branch, src, Lang::Go)) {
      fix.edits = goEnsureImport(ctx.file(), "log/slog");
      std::string fnName(functionName(h ? h.fn : enclosingFunction(ctx), src));
      core::TextEdit log;
      log.range = {stmt.startByte(), stmt.startByte()};
      log.text = "slog.Error(\"" + (fnName.empty() ? std::string("request") : fnName) + " failed\", \"err\", " +
                 std::string(errName) + ")\n" + std::string(lineIndent(src, stmt.startByte()));
      fix.edits.push_back(log);
    }
    core::TextEdit e;
    e.range = {exposure.startByte(), exposure.endByte()};
    e.text = "\"internal error\"";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& errorDetailsInResponse() {
  static const ErrorDetailsInResponse rule;
  return rule;
}

}  // namespace agentlens::rules
