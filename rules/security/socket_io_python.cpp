// socket-room-without-authorization, Python: python-socketio `enter_room` / Flask-SocketIO
// `join_room` with a client-chosen room, and connect handlers that accept a failed login.
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/socket_io_checks.hpp"

namespace agentlens::rules::sio {
namespace {

using Names = std::set<std::string, std::less<>>;

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// The Socket.IO event a Python handler serves: `@socketio.on('join')` -> "join",
/// `@sio.event async def connect(…)` -> "connect"; "" when it is not a handler.
std::string pyEvent(ts::Node fn, std::string_view src) {
  ts::Node dec = fn.parent();
  if (!dec || dec.type() != "decorated_definition") {
    // Class-based namespaces: `class Chat(socketio.Namespace): def on_join(self, sid, data)`.
    auto name = fn.field("name").text(src);
    if (name.starts_with("on_") && src.find("Namespace") != std::string_view::npos) return std::string(name.substr(3));
    return "";
  }
  for (std::uint32_t i = 0; i < dec.namedChildCount(); ++i) {
    ts::Node d = dec.namedChild(i);
    if (d.type() != "decorator") continue;
    auto t = d.text(src);
    if (t.ends_with(".event")) return std::string(fn.field("name").text(src));
    auto on = t.find(".on(");
    if (on == std::string_view::npos) continue;
    auto q = t.find_first_of("'\"", on);
    if (q == std::string_view::npos) return "?";
    auto e = t.find(t[q], q + 1);
    return e == std::string_view::npos ? "?" : std::string(t.substr(q + 1, e - q - 1));
  }
  return "";
}

bool pyIdentity(std::string_view lower) {
  for (auto w : {"user", "session", "member", "owner", "participant", "tenant", "account", "claims", "identity"})
    if (has(lower, w)) return true;
  return false;
}

bool pyAuthzCall(std::string_view lower) {
  auto last = lower.substr(lower.rfind('.') == std::string_view::npos ? 0 : lower.rfind('.') + 1);
  if (last.starts_with("can_") || last.starts_with("may_") || last.starts_with("is_") || last.starts_with("has_"))
    return true;
  for (auto w : {"auth", "allow", "permi", "access", "member", "owner", "belong", "participant", "verify"})
    if (has(lower, w)) return true;
  return false;
}

bool authorizedBeforePy(ts::Node body, ts::Node join, std::string_view src, const Names& tainted) {
  bool found = false;
  walk(body, [&](ts::Node n) {
    if (found || n.startByte() >= join.startByte()) return false;
    if (n.endByte() >= join.endByte()) return true;  // contains the join: not a check before it
    auto t = n.type();
    if ((t == "call" || t == "comparison_operator" || t == "not_operator" || t == "boolean_operator") &&
        mentions(n, src, tainted)) {
      auto lower = core::text::asciiLower(n.text(src));
      if (t == "call") {
        auto callee = core::text::asciiLower(calleeText(n, src));
        if (has(callee, "log") || has(callee, "print") || has(callee, "emit")) return true;
        if (pyAuthzCall(callee)) found = true;
      }
      if (pyIdentity(lower) || has(lower, "allowed") || lower.find("public_rooms") != std::string::npos) found = true;
    }
    return !found;
  });
  return found;
}

}  // namespace

void checkJoinPython(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  auto name = calleeName(call, src);
  if (name != "join_room" && name != "enter_room") return;
  ts::Node args = callArguments(call);
  if (!args) return;
  ts::Node room;
  std::uint32_t pos = 0, want = name == "enter_room" ? 1 : 0;
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument") {
      if (a.field("name").text(src) == "room") room = a.field("value");
      continue;
    }
    if (pos++ == want && !room) room = a;
  }
  if (!room || stringLiteralValue(room, src, ctx.lang())) return;
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  auto event = pyEvent(fn, src);
  if (event.empty() || event == "connect") return;
  Names tainted;
  walk(fn.field("parameters"), [&](ts::Node n) {
    if (n.type() == "identifier" && n.text(src) != "sid" && n.text(src) != "self") tainted.insert(std::string(n.text(src)));
    return n.type() != "type";
  });
  ts::Node body = fn.field("body");
  if (tainted.empty() || !body) return;
  for (int round = 0; round < 2; ++round)
    walk(body, [&](ts::Node n) {
      if (n.startByte() >= call.startByte()) return false;
      if (n.type() == "assignment" && n.field("right") && mentions(n.field("right"), src, tainted) &&
          n.field("left").type() == "identifier")
        tainted.insert(std::string(n.field("left").text(src)));
      return true;
    });
  if (!mentions(room, src, tainted)) return;
  auto roomLower = core::text::asciiLower(room.text(src));
  if (has(roomLower, "current_user") || has(roomLower, "session[")) return;  // scoped to the caller
  if (!fileAuthenticatesSockets(src) && !has(core::text::asciiLower(src), "current_user")) return;
  if (authorizedBeforePy(body, call, src, tainted)) return;
  ctx.report(call, "`" + std::string(name) + "(…)` puts the client into a room named by the `" + event +
                       "` payload with no membership check: any connected user can join another user's or team's "
                       "room and receive everything emitted to it; check that the user may join the room first");
}

void checkConnectPython(ts::Node ifStmt, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  if (!fn || pyEvent(fn, src) != "connect") return;
  ts::Node cond = ifStmt.field("condition");
  if (!cond || cond.type() != "not_operator") return;  // `not a or b` parses as a boolean_operator
  ts::Node arg = cond.field("argument");
  if (!arg || arg.type() == "boolean_operator" || arg.type() == "parenthesized_expression") return;
  auto c = core::text::asciiLower(cond.text(src));
  bool auth = false;
  for (auto w : {"token", "auth", "user", "session", "valid", "verif", "jwt", "claims", "logged"})
    auth = auth || has(c, w);
  if (!auth) return;
  ts::Node then = ifStmt.field("consequence");
  if (!then) return;
  auto body = core::text::asciiLower(then.text(src));
  for (auto ok : {"return false", "raise", "disconnect", "guest", "anonymous"})
    if (has(body, ok)) return;
  ctx.report(ifStmt.field("condition"),
             "the connect handler notices the failed authentication but accepts the connection anyway: return "
             "`False` or raise `ConnectionRefusedError` to refuse it");
}

}  // namespace agentlens::rules::sio
