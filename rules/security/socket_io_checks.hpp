// socket-room-without-authorization: the Socket.IO shapes it reports (see socket_io_join.cpp and
// socket_io_auth.cpp); the rule's metadata and dispatch are in socket_room_without_authorization.cpp.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "rules/rule.hpp"

namespace agentlens::rules::sio {

/// Pre-order walk of `n` and its descendants; `fn` returns false to skip a node's children.
void walk(ts::Node n, const std::function<bool(ts::Node)>& fn);
/// True when an identifier (or shorthand property) under `n` is one of `names`.
bool mentions(ts::Node n, std::string_view src, const std::set<std::string, std::less<>>& names);
/// A name that holds a socket: `socket`, `sock`, `client`, `clientSocket`, …
bool socketName(std::string_view name);
/// The file authenticates its sockets (a user on the socket, a token or session checked).
bool fileAuthenticatesSockets(std::string_view src);

/// `socket.join(x)` where `x` comes from the event payload and nothing authorizes it first.
void checkJoin(ts::Node call, RuleContext& ctx);
/// `io.use((socket, next) => …)` that calls `next()` without an error on a failed-auth path.
void checkAuthMiddleware(ts::Node fn, RuleContext& ctx);
/// `io.on('connection', socket => { if (!valid) { socket.emit('error') } })`: never disconnected.
void checkConnectionGuard(ts::Node ifStmt, RuleContext& ctx);

/// Python: `join_room(room)` / `sio.enter_room(sid, room)` with a room from the event payload.
void checkJoinPython(ts::Node call, RuleContext& ctx);
/// Python: a `connect` handler whose `if not valid:` branch neither returns False nor raises.
void checkConnectPython(ts::Node ifStmt, RuleContext& ctx);

}  // namespace agentlens::rules::sio
