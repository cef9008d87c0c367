// socket-room-without-authorization: Socket.IO rooms joined by name from the client, and
// connections accepted after authentication failed (the shapes are in socket_io_*.cpp).
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/socket_io_checks.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Socket.IO servers that let a client past authorization:
- `socket.join(room)` inside an event listener (`socket.on('join', (room) => …)`) where the room
  comes from the event payload (`room`, `{ roomId }`, `data.room`, a local computed from them) or
  from `socket.handshake.query` (NestJS: `client.join(…)` in a `@SubscribeMessage` method with the
  room from its `@MessageBody()`), and nothing before the join checks that the user may enter it (a
  condition or call that mentions the room together with the user, an authorization helper such as
  `canJoin(…)` / `rooms.isMember(…)`, or a server-side allow-list). Only in files that authenticate
  their sockets (a user, token or session on the socket): without any identity every room is public
  by design.
- Python: Flask-SocketIO `join_room(room)` and python-socketio `sio.enter_room(sid, room)` in a
  handler (`@socketio.on('join')`, `@sio.event`, `on_join` of a `socketio.Namespace` class) with the room from the event data, under the same
  conditions; a `connect` handler whose `if not valid:` branch neither returns `False` nor raises
  `ConnectionRefusedError`.
- an `io.use((socket, next) => …)` authentication middleware that calls `next()` without an error
  when authentication failed: in a `catch`, in `if (!token) { return next(); }`, or in the `else`
  of `if (user) …`.
- an `io.on('connection', socket => …)` handler that tests the authentication (`if (!valid)`,
  `if (!socket.data.user)`), emits or logs an error, and never disconnects the socket.

## Why is this bad?
Rooms are Socket.IO's unit of access control: whatever the server emits to `io.to(room)` reaches
every socket in it. When the client names the room, any logged-in user joins another user's private
channel, another team's board or another tenant's notifications by sending its id. A middleware that
calls `next()` after a failed check accepts the connection: the client is connected, receives
broadcasts and can send every event, exactly as if the token had been valid. Emitting an `error`
event from the connection handler does not close anything either.

Not flagged: rooms derived from the authenticated identity (`` `user:${socket.data.user.id}` ``),
constant rooms, a join after an authorization check or after the payload is matched against the
user's memberships, `next(new Error('unauthorized'))`, `socket.disconnect()` on the failure path, a
failure branch that sets up an explicit guest/anonymous identity, tests.

## Example
```js
io.use((socket, next) => {
  try {
    socket.data.user = jwt.verify(socket.handshake.auth.token, secret);
  } catch (e) {
    console.log(e);
  }
  next();
});

io.on("connection", (socket) => {
  socket.on("join", ({ roomId }) => socket.join(roomId));
});
```

Use instead:
```js
io.use((socket, next) => {
  try {
    socket.data.user = jwt.verify(socket.handshake.auth.token, secret);
    next();
  } catch (e) {
    next(new Error("unauthorized"));
  }
});

io.on("connection", (socket) => {
  socket.on("join", async ({ roomId }) => {
    if (!(await rooms.isMember(roomId, socket.data.user.id))) return;
    socket.join(roomId);
  });
});
```

## References
- OWASP API Security Top 10 2023, API1: Broken Object Level Authorization
- CWE-862: Missing Authorization; CWE-287: Improper Authentication
- Socket.IO documentation: Middlewares (sending an error), Rooms
)md";

const RuleMeta kMeta{
    .id = "socket-room-without-authorization",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Socket.IO room joined by client-chosen name, or connection accepted after failed auth",
    .docs = kDocs,
    .planTitle = "Authorize Socket.IO rooms and reject failed handshakes",
    .effort = core::Effort::S,
};

class SocketRoomWithoutAuthorization final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "if_statement"};
    return {"call_expression", "arrow_function", "function_expression", "function_declaration", "if_statement"};
  }

  void visit(ts::Node n, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto t = n.type();
    if (ctx.lang() == Lang::Python)
      return t == "call" ? sio::checkJoinPython(n, ctx) : sio::checkConnectPython(n, ctx);
    if (t == "call_expression") return sio::checkJoin(n, ctx);
    if (t == "if_statement") return sio::checkConnectionGuard(n, ctx);
    sio::checkAuthMiddleware(n, ctx);
  }
};

}  // namespace

namespace sio {

void walk(ts::Node n, const std::function<bool(ts::Node)>& fn) {
  if (!n || !fn(n)) return;
  for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) walk(n.namedChild(i), fn);
}

bool mentions(ts::Node n, std::string_view src, const std::set<std::string, std::less<>>& names) {
  bool hit = false;
  walk(n, [&](ts::Node c) {
    auto t = c.type();
    if ((t == "identifier" || t == "shorthand_property_identifier") && names.count(c.text(src))) hit = true;
    if (t == "member_expression" || t == "attribute") {  // only the object side names a variable
      walk(c.field("object"), [&](ts::Node o) {
        if (o.type() == "identifier" && names.count(o.text(src))) hit = true;
        return !hit && o.type() != "property_identifier";
      });
      return false;
    }
    return !hit;
  });
  return hit;
}

bool socketName(std::string_view name) {
  auto l = core::text::asciiLower(name);
  return l.find("socket") != std::string::npos || l == "client" || l == "sock" || l == "conn";
}

bool fileAuthenticatesSockets(std::string_view src) {
  auto l = core::text::asciiLower(src);
  for (auto w : {".data.user", "request.user", "socket.user", "socket.userid", "handshake.auth", "authorization",
                 "jwt", "token", "passport", "session", "authenticate"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace sio

const Rule& socketRoomWithoutAuthorization() {
  static const SocketRoomWithoutAuthorization rule;
  return rule;
}

}  // namespace agentlens::rules
