// Error-handling intent (see error_intent.hpp): what the `try` does and what follows it — a
// sentinel return, local computation only, a best-effort cleanup, a comment that explains why.
#include <algorithm>
#include <cctype>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/error_intent.hpp"
#include "rules/common/error_intent_detail.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules {

using core::Lang;
using error_intent_detail::isCall;
using error_intent_detail::lastSegment;

namespace {

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

/// The call of an expression statement, through `await`.
ts::Node statementCall(ts::Node stmt) {
  if (stmt.type() != "expression_statement" || stmt.namedChildCount() != 1) return {};
  ts::Node e = stmt.namedChild(0);
  if (e.type() == "await" || e.type() == "await_expression") e = e.namedChild(0);
  return isCall(e) ? e : ts::Node();
}

}  // namespace

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
  auto l = core::text::asciiLower(comment);
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

}  // namespace agentlens::rules
