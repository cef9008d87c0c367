// socket-room-without-authorization: Socket.IO connections accepted after authentication failed.
#include <algorithm>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/socket_io_checks.hpp"

namespace agentlens::rules::sio {
namespace {

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

bool authWord(std::string_view lower) {
  for (auto w : {"token", "auth", "user", "session", "valid", "verif", "decoded", "jwt", "claims", "credential",
                 "apikey", "api_key", "cookie", "logged", "identity", "principal"})
    if (has(lower, w)) return true;
  return false;
}

std::string conditionText(ts::Node ifStmt, std::string_view src) {
  std::string c = core::text::asciiLower(ifStmt.field("condition").text(src));
  while (c.size() >= 2 && c.front() == '(' && c.back() == ')') c = c.substr(1, c.size() - 2);
  return c;
}

bool failedAuthTest(std::string_view c);

/// `!token || !isValid(token)`: an operand of the `||` is a failed-auth test, so the branch runs
/// whenever that test fails.
bool anyOperandFails(std::string_view c) {
  if (!has(c, "||") || has(c, "&&")) return false;
  std::size_t from = 0;
  while (from <= c.size()) {
    auto to = c.find("||", from);
    auto part = c.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    auto open = std::count(part.begin(), part.end(), '('), close = std::count(part.begin(), part.end(), ')');
    if (open != close) return false;  // a split inside parentheses
    if (!part.empty() && failedAuthTest(part)) return true;
    if (to == std::string_view::npos) break;
    from = to + 2;
  }
  return false;
}

/// `!token`, `!user`, `!isValid(t)`, `err`: the branch runs when authentication failed.
bool failedAuthTest(std::string_view c) {
  if (anyOperandFails(c)) return true;
  if (c == "err" || c == "error" || c == "e" || c.ends_with("err") || c.ends_with("error")) return true;
  if (!c.starts_with("!") || has(c, "&&") || has(c, "||")) return false;
  return authWord(c);
}

/// `token`, `user`, `isValid(t)`: the branch runs when authentication succeeded.
bool passedAuthTest(std::string_view c) {
  return !c.starts_with("!") && !has(c, "err") && !has(c, "||") && authWord(c);
}

/// The branch deliberately lets anonymous users in, or ends the connection.
bool branchExcused(ts::Node branch, std::string_view src) {
  auto l = core::text::asciiLower(branch.text(src));
  for (auto w : {"guest", "anonymous", "anon", "disconnect", "close(", "throw ", "new error", "next(err", "next(e)"})
    if (has(l, w)) return true;
  return false;
}

bool bareNext(ts::Node n, std::string_view src, std::string_view next) {
  if (n.type() != "call_expression" || n.field("function").text(src) != next) return false;
  ts::Node args = callArguments(n);
  return args && args.namedChildCount() == 0;
}

std::string paramName(ts::Node params, std::uint32_t i, std::string_view src) {
  ts::Node p = params.namedChild(i);
  if (p && p.type() != "identifier") p = p.field("pattern");  // TS required_parameter
  return p ? std::string(p.text(src)) : std::string();
}

/// `try { verify(…) } catch (e) { console.log(e) }` followed by `next()`: the catch swallows the
/// failure and control falls through to the bare `next()`. Returns the catch clause.
ts::Node swallowedBefore(ts::Node call, std::string_view src) {
  ts::Node stmt = call.parent();
  if (!stmt || (stmt.type() != "expression_statement" && stmt.type() != "return_statement")) return ts::Node();
  for (ts::Node prev = stmt.prevNamedSibling(); prev; prev = prev.prevNamedSibling()) {
    if (prev.type() != "try_statement") continue;
    ts::Node handler = prev.field("handler");
    if (!handler || !handler.field("body")) continue;
    auto l = core::text::asciiLower(handler.field("body").text(src));
    if (has(l, "return") || has(l, "throw") || has(l, "next(") || branchExcused(handler, src)) continue;
    auto tried = core::text::asciiLower(prev.field("body").text(src));
    if (has(tried, "verif") || has(tried, "jwt") || has(tried, "token") || has(tried, "auth") || has(tried, "session"))
      return handler;
  }
  return ts::Node();
}

/// Where `call` (a bare `next()`) sits on a failed-auth path inside `fn`, the node to explain it.
ts::Node failurePath(ts::Node call, ts::Node fn, std::string_view src) {
  if (ts::Node swallowed = swallowedBefore(call, src)) return swallowed;
  ts::Node child = call;
  for (ts::Node a = call.parent(); a && a != fn; child = a, a = a.parent()) {
    if (a.type() == "catch_clause") return branchExcused(a, src) ? ts::Node() : a;
    if (a.type() != "if_statement") continue;
    auto c = conditionText(a, src);
    bool inElse = a.field("alternative") && child == a.field("alternative");
    bool inThen = child == a.field("consequence");
    if (inThen && failedAuthTest(c) && !branchExcused(child, src)) return a;
    if (inElse && passedAuthTest(c) && !branchExcused(child, src)) return a;
  }
  return ts::Node();
}

}  // namespace

void checkAuthMiddleware(ts::Node fn, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node params = fn.field("parameters");
  if (!params || params.namedChildCount() != 2) return;
  auto sock = paramName(params, 0, src);
  auto next = paramName(params, 1, src);
  if (next != "next" || !socketName(sock)) return;
  ts::Node body = fn.field("body");
  if (!body) return;
  auto text = core::text::asciiLower(body.text(src));
  if (!has(text, "token") && !has(text, "auth") && !has(text, "jwt") && !has(text, "session") && !has(text, "verify"))
    return;  // not an authentication middleware
  walk(body, [&](ts::Node n) {
    if (n != fn && isFunctionNode(n, ctx.lang()) && !has(n.text(src), next)) return false;
    if (!bareNext(n, src, next)) return true;
    ts::Node why = failurePath(n, fn, src);
    if (!why) return true;
    bool caught = why.type() == "catch_clause";
    auto& f = ctx.report(n, std::string("the Socket.IO auth middleware calls `") + next + "()` without an error " +
                                (caught ? "after verification threw" : "when authentication failed") +
                                ": the connection is accepted anyway and the client can send events and join rooms "
                                "unauthenticated; call `" + next + "(new Error('unauthorized'))` instead");
    if (caught) f.confidence = core::Confidence::High;
    return true;
  });
}

void checkConnectionGuard(ts::Node ifStmt, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  ts::Node args = fn.parent();
  if (!args || args.type() != "arguments" || args.namedChildCount() < 2) return;
  ts::Node call = args.parent();
  if (!call || call.type() != "call_expression") return;
  auto name = calleeName(call, src);
  if (name != "on" && name != "once") return;
  auto ev = stringLiteralValue(args.namedChild(0), src, ctx.lang());
  if (!ev || (*ev != "connection" && *ev != "connect")) return;
  // A middleware already refuses failed handshakes: this test is a defensive second check.
  if (has(src, "next(new Error") || has(src, "next(new UnauthorizedError")) return;
  auto c = conditionText(ifStmt, src);
  if (!failedAuthTest(c) || !c.starts_with("!")) return;
  ts::Node then = ifStmt.field("consequence");
  if (!then || branchExcused(then, src)) return;
  auto body = core::text::asciiLower(then.text(src));
  if (!has(body, "emit") && !has(body, "log") && !has(body, "return")) return;
  ctx.report(ifStmt.field("condition"),
             "the connection handler notices the failed authentication but never disconnects the socket: it stays "
             "connected, receives broadcasts and can keep sending events; call `socket.disconnect(true)` (or reject "
             "it in an `io.use` middleware with `next(new Error(…))`)");
}

}  // namespace agentlens::rules::sio
