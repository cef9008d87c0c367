// socket-room-without-authorization: `socket.join(room)` with a room chosen by the client.
#include <string>
#include <vector>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/socket_io_checks.hpp"

namespace agentlens::rules::sio {
namespace {

using Names = std::set<std::string, std::less<>>;

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// The event name when `fn` is the listener of `<socket>.on('event', fn)`, else "".
std::string eventOf(ts::Node fn, std::string_view src, core::Lang lang) {
  ts::Node args = fn.parent();
  if (!args || args.type() != "arguments") return "";
  ts::Node call = args.parent();
  if (!call || call.type() != "call_expression") return "";
  auto name = calleeName(call, src);
  if (name != "on" && name != "once") return "";
  if (args.namedChildCount() < 2 || args.namedChild(1) != fn) return "";
  auto ev = stringLiteralValue(args.namedChild(0), src, lang);
  return ev ? std::string(*ev) : std::string("?");
}

/// NestJS: the event of a gateway method decorated `@SubscribeMessage('join')`, else "".
std::string nestEvent(ts::Node fn, std::string_view src) {
  if (fn.type() != "method_definition") return "";
  std::vector<ts::Node> decorators;
  for (std::uint32_t i = 0; i < fn.namedChildCount(); ++i)
    if (fn.namedChild(i).type() == "decorator") decorators.push_back(fn.namedChild(i));
  for (ts::Node p = fn.prevNamedSibling(); p && p.type() == "decorator"; p = p.prevNamedSibling()) decorators.push_back(p);
  for (ts::Node d : decorators) {
    auto t = d.text(src);
    auto at = t.find("SubscribeMessage(");
    if (at == std::string_view::npos) continue;
    auto q = t.find_first_of("'\"`", at);
    auto e = q == std::string_view::npos ? q : t.find(t[q], q + 1);
    return e == std::string_view::npos ? "?" : std::string(t.substr(q + 1, e - q - 1));
  }
  return "";
}

/// NestJS gateway payload: `@MessageBody()` parameters, or undecorated ones that are not the socket.
std::set<std::string, std::less<>> nestPayload(ts::Node fn, std::string_view src) {
  std::set<std::string, std::less<>> out;
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    ts::Node pat = p.field("pattern");
    if (!pat) continue;
    auto text = p.text(src);
    bool body = has(text, "MessageBody");
    bool plain = !has(text, "@") && !socketName(pat.text(src)) && !has(text, ": Socket");
    if (!body && !plain) continue;
    walk(pat, [&](ts::Node n) {
      auto t = n.type();
      if (t == "identifier" || t == "shorthand_property_identifier_pattern") out.insert(std::string(n.text(src)));
      return true;
    });
  }
  return out;
}

/// Names bound by the function's parameters (identifiers and destructured fields).
Names paramNames(ts::Node fn, std::string_view src) {
  Names out;
  ts::Node params = fn.field("parameters");
  if (!params) params = fn.field("parameter");
  if (!params) return out;
  walk(params, [&](ts::Node n) {
    auto t = n.type();
    if (t == "identifier" || t == "shorthand_property_identifier_pattern") out.insert(std::string(n.text(src)));
    return t != "type_annotation" && t != "property_identifier";
  });
  return out;
}

/// Adds locals declared (before `limit`) from a value that mentions a tainted name.
void addDerived(ts::Node body, std::uint32_t limit, std::string_view src, Names& tainted) {
  for (int round = 0; round < 2; ++round)
    walk(body, [&](ts::Node n) {
      if (n.startByte() >= limit) return false;
      if (n.type() != "variable_declarator") return true;
      ts::Node value = n.field("value");
      if (value && mentions(value, src, tainted))
        walk(n.field("name"), [&](ts::Node id) {
          auto t = id.type();
          if (t == "identifier" || t == "shorthand_property_identifier_pattern") tainted.insert(std::string(id.text(src)));
          return true;
        });
      return true;
    });
}

/// The names under `n` other than the tainted ones, lower-cased and joined with dots.
std::string otherNames(ts::Node n, std::string_view src, const Names& tainted) {
  std::string out;
  walk(n, [&](ts::Node c) {
    auto t = c.type();
    if ((t == "identifier" || t == "property_identifier" || t == "shorthand_property_identifier") &&
        !tainted.count(c.text(src)))
      out += core::text::asciiLower(c.text(src)) + ".";
    return true;
  });
  return out;
}

bool identityWord(std::string_view lower) {
  for (auto w : {"user", "socket.data", "socket.request", "handshake.auth", "session", "account", "member", "owner",
                 "participant", "tenant", "principal", "claims", "decoded"})
    if (has(lower, w)) return true;
  return false;
}

bool authzCallee(std::string_view calleeLower) {
  auto last = calleeLower.substr(calleeLower.rfind('.') == std::string_view::npos ? 0 : calleeLower.rfind('.') + 1);
  if (last.starts_with("can") || last.starts_with("may") || last.starts_with("is")) return true;
  for (auto w : {"auth", "allow", "permi", "access", "member", "owner", "belong", "participant", "guard", "policy",
                 "verify", "entitle"})
    if (has(calleeLower, w)) return true;
  return false;
}

/// A condition or call before the join that ties the room to the user, asks an authorization
/// helper, or checks the room against a server-side allow-list.
bool authorizedBefore(ts::Node body, ts::Node join, std::string_view src, const Names& tainted, bool fromQuery) {
  bool found = false;
  walk(body, [&](ts::Node n) {
    if (found || n.startByte() >= join.startByte()) return false;
    if (n.endByte() >= join.endByte()) return true;  // contains the join: not a check before it
    auto t = n.type();
    bool check = t == "call_expression" || t == "parenthesized_expression" || t == "ternary_expression" ||
                 t == "binary_expression" || t == "unary_expression";
    if (check && (mentions(n, src, tainted) || (fromQuery && has(n.text(src), "handshake.query")))) {
      auto lower = otherNames(n, src, tainted);
      if (t == "call_expression") {
        auto callee = core::text::asciiLower(calleeText(n, src));
        if (callee.starts_with("console.") || callee.starts_with("logger.") || has(callee, ".emit") ||
            has(callee, "log"))
          return true;
        if (authzCallee(callee)) found = true;
      }
      if (identityWord(lower) || has(lower, "allowed") || has(lower, "allowlist") || has(lower, "whitelist") ||
          has(lower, "public_rooms") || has(lower, "publicrooms"))
        found = true;
    }
    return !found;
  });
  return found;
}

}  // namespace

void checkJoin(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node callee = call.field("function");
  if (!callee || callee.type() != "member_expression") return;
  if (callee.field("property").text(src) != "join") return;
  ts::Node obj = callee.field("object");
  if (!obj || obj.type() != "identifier" || !socketName(obj.text(src))) return;
  ts::Node args = callArguments(call);
  if (!args || args.namedChildCount() == 0) return;
  ts::Node room = args.namedChild(0);
  if (stringLiteralValue(room, src, ctx.lang())) return;  // a constant room
  std::string sock(obj.text(src));
  auto roomText = room.text(src);
  // Scoped to the authenticated identity: `user:${socket.data.user.id}`.
  for (auto scoped : {".data", ".request", ".user", ".handshake.auth", ".decoded"})
    if (has(roomText, sock + scoped)) return;

  bool fromQuery = has(roomText, sock + ".handshake.query");
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  auto event = eventOf(fn, src, ctx.lang());
  Names tainted;
  if (!event.empty() && event != "connection" && event != "connect") tainted = paramNames(fn, src);
  if (event.empty()) {
    event = nestEvent(fn, src);
    if (!event.empty()) tainted = nestPayload(fn, src);
  }
  if (tainted.empty() && !fromQuery) return;
  ts::Node body = fn.field("body");
  if (!body) return;
  addDerived(body, call.startByte(), src, tainted);
  if (!fromQuery && !mentions(room, src, tainted)) return;
  if (!fileAuthenticatesSockets(src)) return;  // no identity at all: every room is public by design
  if (authorizedBefore(body, call, src, tainted, fromQuery)) return;
  std::string where = fromQuery ? "the handshake query" : (event == "?" ? "the event payload" : "the `" + event + "` payload");
  ctx.report(call, "`" + sock + ".join(…)` puts the socket into a room named by " + where +
                       " with no membership check: any connected user can join another user's or team's room and "
                       "receive everything broadcast to it; check that the user may join the room first");
}

}  // namespace agentlens::rules::sio
