#include "rules/common/error_intent.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules {

using core::Lang;

namespace {

bool isCall(ts::Node n) { return n.type() == "call" || n.type() == "call_expression"; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool argsMention(ts::Node call, std::string_view name, std::string_view src) {
  if (name.empty()) return false;
  ts::Node args = call.field("arguments");
  return args && mentionsIdentifier(args.text(src), name);
}

/// Callee names that take a caught error to record it somewhere other than a log: a result
/// builder (`_error_result(…, str(err))`), a reporter (`ReportPanic(err)`), an error handler
/// (`exception_handler(exc, …)`), a form (`add_error(…)`).
bool isHandOffName(std::string_view name) {
  auto l = lowered(name);
  for (auto k : {"error", "fail", "result", "handle", "report", "capture", "notify"})
    if (l.find(k) != std::string::npos) return true;
  return false;
}

/// Exception classes a framework renders as a client error instead of logging them.
bool isClientErrorName(std::string_view name) {
  for (auto n : {"Http404", "PermissionDenied", "SuspiciousOperation", "NotAuthenticated", "AuthenticationFailed",
                 "ParseError", "MethodNotAllowed", "Throttled", "CommandError", "UsageError", "BadParameter",
                 "ClickException", "InvalidToken", "UnprocessableEntity"})
    if (name == n) return true;
  for (auto suffix : {"ValidationError", "NotFound", "Forbidden", "Unauthorized", "BadRequest", "Conflict",
                      "NotFoundException", "BadRequestException", "UnauthorizedException", "ForbiddenException",
                      "ConflictException"})
    if (name.ends_with(suffix)) return true;
  return false;
}

bool isSentinelText(std::string_view t) {
  for (auto s : {"None", "False", "null", "undefined", "nil", "false", "0", "\"\"", "''", "{}", "[]", "()"})
    if (t == s) return true;
  return false;
}

constexpr std::string_view kIoText[] = {"requests.", "httpx.", "urllib", "urlopen", "aiohttp", "socket", "smtplib",
                                        "SMTP", "subprocess", "os.system", "boto", "redis", "session.", "cursor",
                                        "conn.", "connection.", "client.", "db.", ".objects.", "fetch", "axios",
                                        "http.", "sql"};
constexpr std::string_view kIoNames[] = {"open", "read", "write", "send", "sendmail", "post", "put", "patch",
                                         "delete", "request", "execute", "executemany", "commit", "rollback",
                                         "connect", "query", "save", "create", "update", "publish", "invoke", "recv",
                                         "login", "fetchone", "fetchall", "scalar", "scalars", "get_object_or_404",
                                         "run", "call", "check_output", "Popen", "sleep", "get_json"};
constexpr std::string_view kCleanupNames[] = {"close", "aclose", "quit", "logout", "disconnect", "shutdown",
                                              "terminate", "kill", "release", "unlink", "remove", "rmdir", "rmtree",
                                              "cleanup", "dispose", "destroy", "unsubscribe", "stop"};

bool isCleanupName(std::string_view name) {
  return std::find(std::begin(kCleanupNames), std::end(kCleanupNames), name) != std::end(kCleanupNames);
}

std::string_view lastSegment(std::string_view t) {
  auto dot = t.find_last_of('.');
  return dot == std::string_view::npos ? t : t.substr(dot + 1);
}

/// The call of an expression statement, through `await`.
ts::Node statementCall(ts::Node stmt) {
  if (stmt.type() != "expression_statement" || stmt.namedChildCount() != 1) return {};
  ts::Node e = stmt.namedChild(0);
  if (e.type() == "await" || e.type() == "await_expression") e = e.namedChild(0);
  return isCall(e) ? e : ts::Node();
}

constexpr std::string_view kPyInput[] = {"request.args", "request.json", "request.form", "request.get_json",
                                         "request.values", "request.data", "request.files", "request.query_params",
                                         "request.path_params", "request.body", "request.GET", "request.POST",
                                         "request.headers", "request.cookies", "request.view_args"};
constexpr std::string_view kJsInput[] = {"req.params", "req.query", "req.body", "req.headers", "req.cookies",
                                         "request.json", "request.formData", "request.text", "searchParams",
                                         "params.", "ctx.params", "ctx.request", "c.req.", "request.body",
                                         "request.params", "request.query"};
constexpr std::string_view kGoInput[] = {"c.Param", "c.QueryParam", "c.Query", "c.DefaultQuery", "c.PostForm",
                                         "c.FormValue", "Bind", "c.Request.Body", "r.URL", "r.Form", "r.PostForm",
                                         "r.PathValue", "r.Body", "r.Header", "mux.Vars", "chi.URLParam",
                                         "ctx.Params", "c.Params", "json.NewDecoder"};

template <std::size_t N>
bool containsAny(std::string_view text, const std::string_view (&keys)[N]) {
  return std::any_of(std::begin(keys), std::end(keys),
                     [&](std::string_view k) { return text.find(k) != std::string_view::npos; });
}

/// JavaScript: the `try` of a catch clause throws (nested callbacks included: `ids.map(async …)`
/// awaited with Promise.all) or parses/validates something that rejects bad input.
bool tryCanRejectInput(ts::Node catchClause, std::string_view src) {
  ts::Node tryStmt = catchClause.parent();
  ts::Node body = tryStmt ? tryStmt.field("body") : ts::Node();
  return ts::anyDescendant(body, [&](ts::Node n) {
    if (n.type() == "throw_statement") return true;
    if (n.type() != "call_expression") return false;
    auto name = calleeName(n, src);
    return name == "parse" || name == "parseAsync" || name == "safeParse" || name == "validate" ||
           name == "validateSync" || name == "validateOrReject" || name == "BigInt";
  });
}

/// Go: the statement that assigns the error an `if err != nil` checks: the if's initializer, or
/// the statement right before it when that one assigns the error variable.
ts::Node goErrorProducer(ts::Node ifStmt, std::string_view src) {
  if (ts::Node init = ifStmt.field("initializer")) return init;
  ts::Node cond = ifStmt.field("condition");
  auto err = cond ? cond.field("left").text(src) : std::string_view();
  ts::Node prev = ifStmt.prevNamedSibling();
  while (prev && prev.type() == "comment") prev = prev.prevNamedSibling();
  if (!prev || (prev.type() != "short_var_declaration" && prev.type() != "assignment_statement")) return {};
  return mentionsIdentifier(prev.field("left").text(src), err) ? prev : ts::Node();
}

/// Go: whether the error's producer takes client input, directly or through a local that one
/// assignment in the handler derived from it.
bool goProducerTakesInput(ts::Node handlerFn, ts::Node producer, std::string_view src) {
  auto right = producer.field("right").text(src);
  if (containsAny(right, kGoInput)) return true;
  bool derived = false;
  ts::walk(handlerFn, [&](ts::Node n) {
    if (derived) return false;
    if (n.type() != "short_var_declaration" && n.type() != "assignment_statement") return true;
    if (n.startByte() >= producer.startByte() || !containsAny(n.field("right").text(src), kGoInput)) return true;
    ts::Node left = n.field("left");
    for (std::uint32_t i = 0; left && i < left.namedChildCount(); ++i) {
      auto name = left.namedChild(i).text(src);
      if (name != "_" && name != "err" && mentionsIdentifier(right, name)) derived = true;
    }
    return true;
  });
  return derived;
}

/// Python: a parameter that carries client input (a path or query parameter), not `self`, the
/// request object or an injected dependency (`= Depends(...)`, `: Session`).
bool pyHasInputParam(ts::Node fn, std::string_view src) {
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    ts::Node name = p.type() == "identifier" ? p : p.namedChild(0);
    auto n = name.type() == "identifier" ? name.text(src) : std::string_view();
    if (n.empty() || n == "self" || n == "cls" || n == "request" || n == "req") continue;
    auto t = p.text(src);
    if (t.find("Depends(") != std::string_view::npos || t.find("Security(") != std::string_view::npos) continue;
    auto type = p.field("type").text(src);
    if (type.find("Session") != std::string_view::npos || type.find("Request") != std::string_view::npos ||
        type.find("BackgroundTasks") != std::string_view::npos)
      continue;
    return true;
  }
  return false;
}

}  // namespace

bool clientInputCanFail(ts::Node handlerFn, ts::Node site, std::string_view src, Lang lang) {
  auto text = handlerFn.text(src);
  if (lang == Lang::Python) return containsAny(text, kPyInput) || pyHasInputParam(handlerFn, src);
  if (lang != Lang::Go) return containsAny(text, kJsInput) && tryCanRejectInput(site, src);
  ts::Node producer = goErrorProducer(site, src);
  if (!producer) return true;  // assigned elsewhere: cannot tell, keep the finding
  return goProducerTakesInput(handlerFn, producer, src);
}

bool mentionsIdentifier(std::string_view text, std::string_view name) {
  if (name.empty()) return false;
  auto id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (auto p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1))
    if ((p == 0 || !id(text[p - 1])) && (p + name.size() >= text.size() || !id(text[p + name.size()]))) return true;
  return false;
}

std::string_view caughtName(ts::Node handler, std::string_view src) {
  if (handler.type() == "catch_clause") {
    ts::Node p = handler.field("parameter");
    return p && p.type() == "identifier" ? p.text(src) : std::string_view();
  }
  for (std::uint32_t i = 0; i < handler.namedChildCount(); ++i) {
    ts::Node c = handler.namedChild(i);
    if (c.type() != "as_pattern") continue;
    for (std::uint32_t k = 0; k < c.namedChildCount(); ++k)
      if (c.namedChild(k).type() == "as_pattern_target") return c.namedChild(k).text(src);
  }
  return {};
}

HandlerIntent handlerIntent(ts::Node body, std::string_view caught, std::string_view src, Lang lang) {
  HandlerIntent in;
  if (!body) return in;
  walkSameFunction(body, lang, [&](ts::Node n) {
    auto t = n.type();
    if (t == "raise_statement" || t == "throw_statement") {
      in.rethrows = true;
      ts::Node e = n.namedChildCount() > 0 ? n.namedChild(0) : ts::Node();
      if (e.type() == "new_expression") e = e.field("constructor");
      if (e && (isClientErrorRaise(e, src) || isClientErrorName(lastSegment(e.text(src))))) in.clientError = true;
      return;
    }
    if (!isCall(n)) return;
    auto callee = calleeText(n, src);
    auto name = calleeName(n, src);
    ts::Node args = n.field("arguments");
    if ((callee == "next" && args && args.namedChildCount() > 0) || (lang == Lang::Go && callee == "panic"))
      in.rethrows = true;
    else if (name == "retry" && (argsMention(n, caught, src) || args.text(src).find("exc=") != std::string_view::npos))
      in.rethrows = true;  // Celery: self.retry(exc=exc) raises Retry
    else if (isLoggingCall(n, src, lang) || name == "print" || callee == "console.log")
      in.reports = in.reports || argsMention(n, caught, src);
    else if (isHandOffName(name) && argsMention(n, caught, src))
      in.handsOff = true;
  });
  in.answers5xx = !find5xxResponse(body, src, lang).isNull();
  if (!in.clientError && mentions4xx(body.text(src))) in.clientError = true;
  return in;
}

bool isClientErrorRaise(ts::Node raised, std::string_view src) {
  ts::Node callee = isCall(raised) ? raised.field("function") : raised;
  auto name = lastSegment(callee.text(src));
  if (name.ends_with("HTTPException") || name == "HttpException") {
    if (!isCall(raised)) return true;
    ts::Node args = raised.field("arguments");
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      ts::Node v = a.type() == "keyword_argument" ? a.field("value") : a;
      if (a.type() == "keyword_argument" && a.field("name").text(src) != "status_code") continue;
      auto s = statusValue(v.text(src));
      return !s || *s < 500;  // a computed status is the caught one passed on; a 5xx is a server failure
    }
    return true;
  }
  return isClientErrorName(name);
}

bool isSentinelReturn(ts::Node stmt, std::string_view src) {
  if (stmt.type() == "return_statement")
    return stmt.namedChildCount() == 0 || isSentinelText(stmt.namedChild(0).text(src));
  if (stmt.type() != "pass_statement") return false;
  // `pass`: what runs next is the code after the `try`.
  ts::Node tryStmt = stmt.parent();
  while (tryStmt && tryStmt.type() != "try_statement") tryStmt = tryStmt.parent();
  if (!tryStmt) return false;
  ts::Node next = nextStatement(tryStmt);
  if (next) return next.type() == "return_statement" && isSentinelReturn(next, src);
  // The try ends the function: falling off returns None, a sentinel only if the function
  // returns a value elsewhere (`del cache[k]` / `except KeyError: pass` returns nothing).
  ts::Node owner = tryStmt.parent();
  ts::Node fn = owner ? owner.parent() : ts::Node();
  if (!fn || fn.type() != "function_definition") return false;
  bool returnsValue = false;
  walkSameFunction(fn.field("body"), Lang::Python, [&](ts::Node n) {
    if (n.type() == "return_statement" && n.namedChildCount() > 0 && !isSentinelText(n.namedChild(0).text(src)))
      returnsValue = true;
  });
  return returnsValue;
}

bool isLocalComputation(ts::Node tryBody, std::string_view src, Lang lang) {
  return !ts::anyDescendant(tryBody, [&](ts::Node n) {
    auto t = n.type();
    if (t == "await" || t == "await_expression") return true;
    if ((t == "attribute" || t == "member_expression") &&
        (n.text(src).starts_with("request.") || n.text(src).starts_with("req.")))
      return true;
    if (!isCall(n)) return false;
    auto callee = calleeText(n, src);
    auto name = calleeName(n, src);
    if (std::find(std::begin(kIoNames), std::end(kIoNames), name) != std::end(kIoNames)) return true;
    return std::any_of(std::begin(kIoText), std::end(kIoText),
                       [&](std::string_view k) { return callee.find(k) != std::string_view::npos; }) ||
           (lang == Lang::Go && callee.starts_with("os."));
  });
}

bool isBestEffortCleanup(ts::Node tryBody, std::string_view src, Lang) {
  if (!tryBody) return false;
  auto body = statements(tryBody);
  if (body.empty()) return false;
  return std::all_of(body.begin(), body.end(), [&](ts::Node s) {
    ts::Node call = statementCall(s);
    if (!call) return false;
    if (isCleanupName(calleeName(call, src))) return true;
    // anyio.to_thread.run_sync(conn.logout), loop.run_in_executor(None, f.close)
    ts::Node args = call.field("arguments");
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if ((a.type() == "attribute" || a.type() == "member_expression") && isCleanupName(lastSegment(a.text(src))))
        return true;
    }
    return false;
  });
}

bool commentExplainsChoice(std::string_view comment) {
  auto l = lowered(comment);
  if (l.find("best-effort") != std::string::npos || l.find("best effort") != std::string::npos) return true;
  int words = 0;
  bool inWord = false;
  for (char c : l) {
    bool letter = std::isalpha(static_cast<unsigned char>(c)) || c == '\'';
    if (letter && !inWord) ++words;
    inWord = letter;
  }
  return words >= 5;
}

bool keepsStack(ts::Node body, std::string_view caught, std::string_view src, Lang lang) {
  if (caught.empty()) return false;
  bool kept = false;
  walkSameFunction(body, lang, [&](ts::Node n) {
    if (kept) return;
    auto t = n.type();
    if (t == "raise_statement" || t == "throw_statement") {
      ts::Node e = n.namedChildCount() > 0 ? n.namedChild(0) : ts::Node();
      kept = !e || e.text(src) == caught;
      return;
    }
    if (!isCall(n)) return;
    auto name = calleeName(n, src);
    ts::Node args = n.field("arguments");
    if (!args) return;
    auto argText = args.text(src);
    if (name == "exception" || name == "print_exc" || name == "capture_exception" || name == "captureException" ||
        argText.find("exc_info") != std::string_view::npos)
      kept = true;
    bool forwards = name == "next" || name == "done" || name == "reject" || name == "cb" || name == "callback";
    bool logs = isLoggingCall(n, src, lang) || calleeText(n, src).starts_with("console.");
    for (std::uint32_t i = 0; !kept && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      // Python formats an exception argument with str(): only JavaScript keeps the object.
      if ((forwards || (logs && lang != Lang::Python)) && a.text(src) == caught) kept = true;
      if (logs && a.type() == "object")
        for (std::uint32_t k = 0; k < a.namedChildCount(); ++k) {
          ts::Node p = a.namedChild(k);
          if ((p.type() == "shorthand_property_identifier" && p.text(src) == caught) ||
              (p.type() == "pair" && p.field("value").text(src) == caught))
            kept = true;
        }
    }
    if (logs && mentionsIdentifier(argText, caught) && argText.find(".stack") != std::string_view::npos) kept = true;
  });
  return kept;
}

}  // namespace agentlens::rules
