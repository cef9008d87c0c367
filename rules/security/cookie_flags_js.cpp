// insecure-cookie-flags, JavaScript/TypeScript: express-session / cookie-session options, Express
// `res.cookie(…)`, Next.js `cookies().set(…)` and `response.cookies.set(…)`.
#include <string>
#include <vector>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/cookie_flags.hpp"

namespace agentlens::rules::cookie_flags {
namespace {

/// express-session / cookie-session: no `cookie` options, no `secure`, or `secure: false`.
void sessionMiddleware(ts::Node call, std::string_view callee, ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  ctx.countSite();
  ts::Node opts = sec::unwrap(sec::positionalArg(args, 0));
  if (!opts || opts.type() != "object") return;
  ts::Node cookie = callee == "session" ? sec::objectProp(opts, "cookie", src) : opts;
  if (!cookie) {
    if (auto* f = flag(ctx, call, "session", Flags{}, "secure", "httpOnly", "sameSite")) {
      f->message = "session cookie has no `cookie` options: set `cookie: { secure: true, httpOnly: true, "
                   "sameSite: \"lax\" }`";
      core::Fix fix{.title = "Add cookie flags", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {opts.startByte() + 1, opts.startByte() + 1};
      e.text = " cookie: { secure: true, httpOnly: true, sameSite: \"lax\" },";
      fix.edits.push_back(e);
      f->fixes.push_back(std::move(fix));
    }
    return;
  }
  if (cookie.type() != "object") return;
  ts::Node secure = sec::objectProp(cookie, "secure", src);
  if (!secure && cookie.text(src).find("...") == std::string_view::npos) {
    // express-session and cookie-session default to secure: false and no SameSite (HttpOnly is on).
    Flags fl{false, true, static_cast<bool>(sec::objectProp(cookie, "sameSite", src))};
    flag(ctx, callee == "session" ? cookie.parent() : call, "session", fl, "secure", "httpOnly", "sameSite");
    return;
  }
  if (sec::isFalse(secure)) {
    core::Finding& f = ctx.report(secure.parent(), "session cookie with `secure: false` is sent over plain HTTP: "
                                                   "set it to true (or from NODE_ENV)");
    core::Fix fix{.title = "Set secure: true", .applicability = core::Applicability::Unsafe};
    fix.edits.push_back(sec::replaceNode(secure, "true"));
    f.fixes.push_back(std::move(fix));
  }
}

/// The fix adding the missing flags to the options object (or a new one after the last argument).
void addFlagsFix(core::Finding& f, ts::Node args, ts::Node opts, const Flags& fl, std::string_view cname,
                 std::string_view src) {
  std::vector<std::string> add;
  if (!fl.secure && !(opts && sec::objectProp(opts, "secure", src))) add.push_back("secure: true");
  if (!fl.httpOnly && !csrfName(cname) && !(opts && sec::objectProp(opts, "httpOnly", src)))
    add.push_back("httpOnly: true");
  if (!fl.sameSite && !(opts && sec::objectProp(opts, "sameSite", src))) add.push_back("sameSite: \"lax\"");
  if (add.empty()) return;
  std::string joined;
  for (auto& a : add) joined += (joined.empty() ? "" : ", ") + a;
  core::Fix fix{.title = "Add " + joined, .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  if (!opts) {
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    e.range = {last.endByte(), last.endByte()};
    e.text = ", { " + joined + " }";
  } else if (opts.namedChildCount() == 0) {
    e = sec::replaceNode(opts, "{ " + joined + " }");
  } else {
    ts::Node last = opts.namedChild(opts.namedChildCount() - 1);
    e.range = {last.endByte(), last.endByte()};
    e.text = ", " + joined;
  }
  fix.edits.push_back(e);
  f.fixes.push_back(std::move(fix));
}

/// res.cookie(name, value, opts) / cookies().set(name, value, opts) / response.cookies.set(...)
void responseCookie(ts::Node call, ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  ctx.countSite();
  ts::Node first = sec::unwrap(sec::positionalArg(args, 0));
  ts::Node opts;
  std::string_view cname;
  if (first && first.type() == "object") {  // cookies().set({ name, value, ... })
    opts = first;
    ts::Node n = sec::objectProp(first, "name", src);
    cname = n ? stringLiteralValue(n, src, ctx.lang()).value_or("") : "";
  } else {
    cname = first ? stringLiteralValue(first, src, ctx.lang()).value_or("") : "";
    opts = sec::unwrap(sec::positionalArg(args, 2));
  }
  if (opts && opts.type() == "identifier") {  // options held in a local or module constant
    ts::Node fn = enclosingFunction(ctx);
    ts::Node rhs = fn ? sec::localAssignment(fn, opts.text(src), call.startByte(), src, ctx.lang()) : ts::Node();
    if (!rhs) rhs = sec::localAssignment(ctx.file().tree.root(), opts.text(src), call.startByte(), src, ctx.lang());
    if (rhs) opts = sec::unwrap(rhs);
  }
  if (opts && opts.type() != "object") return;  // options from elsewhere: cannot tell
  if (opts && opts.text(src).find("...") != std::string_view::npos) return;
  Flags fl;
  if (opts) {
    fl = {setFlag(sec::objectProp(opts, "secure", src)), setFlag(sec::objectProp(opts, "httpOnly", src)),
          setFlag(sec::objectProp(opts, "sameSite", src))};
  }
  core::Finding* f = flag(ctx, call, cname, fl, "secure", "httpOnly", "sameSite");
  if (f) addFlagsFix(*f, args, opts, fl, cname, src);
}

}  // namespace

void js(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view callee = calleeText(call, src);
  std::string_view name = calleeName(call, src);
  ts::Node args = callArguments(call);
  if (!args || args.type() != "arguments") return;
  bool sessionMw = (callee == "session" && ctx.facts().imports_("express-session")) ||
                   (callee == "cookieSession" && ctx.facts().imports_("cookie-session"));
  if (sessionMw) {
    sessionMiddleware(call, callee, args, ctx);
    return;
  }
  bool expressCookie = name == "cookie" && callee.find("res") != std::string_view::npos;
  bool nextCookie = name == "set" && (callee.find("cookies()") != std::string_view::npos ||
                                      callee.ends_with("cookies.set"));
  if (!expressCookie && !nextCookie) return;
  // request.cookies.set(…) in Next.js middleware changes the incoming request for later code:
  // no cookie is sent.
  if (callee.starts_with("request.") || callee.starts_with("req.")) return;
  responseCookie(call, args, ctx);
}

}  // namespace agentlens::rules::cookie_flags
