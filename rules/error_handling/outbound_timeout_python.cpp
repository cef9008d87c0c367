// outbound-call-without-timeout, Python: requests (and sessions), httpx with `timeout=None`,
// urllib's urlopen, aiohttp.ClientSession.
#include <cctype>

#include "rules/common/syntax.hpp"
#include "rules/error_handling/outbound_timeout.hpp"

namespace agentlens::rules::outbound_timeout {
namespace {

/// Keyword argument `name` of a Python call, or null.
ts::Node pyKwarg(ts::Node args, std::string_view name, std::string_view src) {
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument" && a.field("name").text(src) == name) return a;
  }
  return {};
}
bool pyHasSplat(ts::Node args) {
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i)
    if (args.namedChild(i).type() == "dictionary_splat") return true;
  return false;
}

/// The timeout the fix writes: a module constant whose name contains TIMEOUT, else 10 seconds.
std::string pyTimeoutValue(const RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node root = ctx.file().tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() != "expression_statement" || n.namedChildCount() != 1) continue;
    ts::Node a = n.namedChild(0);
    if (a.type() != "assignment") continue;
    auto name = a.field("left").text(src);
    std::string up;
    for (char c : name) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (up.find("TIMEOUT") != std::string::npos && a.field("left").type() == "identifier") return std::string(name);
  }
  return "10";
}

void addPyTimeout(core::Finding& f, RuleContext& ctx, ts::Node args) {
  std::string value = pyTimeoutValue(ctx);
  core::Fix fix{.title = "Add timeout=" + value, .applicability = core::Applicability::Unsafe};
  // Insert before the closing parenthesis, after a trailing comma if there is one.
  auto src = ctx.source();
  std::uint32_t close = args.endByte() - 1;
  std::uint32_t p = close;
  while (p > args.startByte() + 1 && std::isspace(static_cast<unsigned char>(src[p - 1]))) --p;
  bool trailingComma = p > args.startByte() + 1 && src[p - 1] == ',';
  core::TextEdit e;
  e.range = {p, p};
  e.text = args.namedChildCount() == 0 ? "timeout=" + value
           : trailingComma             ? " timeout=" + value + ","
                                       : ", timeout=" + value;
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

/// The call, its callee as written, its last name and its receiver (`requests` in requests.get).
struct PyCall {
  ts::Node call;
  ts::Node args;
  std::string_view callee;
  std::string_view name;
  std::string_view recv;
};

/// `requests.get(...)` / `session.post(...)`: true when the call was one (reported or not).
bool requestsCall(const PyCall& c, RuleContext& ctx) {
  auto src = ctx.source();
  bool usesRequests = ctx.facts().imports_("requests");
  bool isRequests = usesRequests && isRequestsVerb(c.name) &&
                    (c.recv == "requests" || ((c.recv == "session" || c.recv == "s" || c.recv.ends_with("session") ||
                                               c.recv.ends_with("_session")) &&
                                              src.find("requests.Session") != std::string_view::npos));
  if (!isRequests) return false;
  ctx.countSite();
  if (ts::Node t = pyKwarg(c.args, "timeout", src); t && t.field("value").text(src) == "None") {
    core::Finding& f = ctx.report(t, "`timeout=None` waits forever on a stuck upstream: set a limit");
    soften(f, ctx);
    return true;
  }
  if (pyKwarg(c.args, "timeout", src) || pyHasSplat(c.args)) return true;
  // A mounted adapter that sets a default timeout covers session calls.
  if (c.recv != "requests" && src.find("HTTPAdapter") != std::string_view::npos &&
      src.find("timeout") != std::string_view::npos)
    return true;
  core::Finding& f = ctx.report(c.call, "`" + std::string(c.callee) + "(...)` has no timeout: a stuck upstream holds "
                                                                       "this worker indefinitely; pass `timeout=`");
  soften(f, ctx);
  addPyTimeout(f, ctx, c.args);
  return true;
}

/// httpx calls and clients: only `timeout=None` (httpx's default is 5 seconds).
bool httpxCall(const PyCall& c, RuleContext& ctx) {
  auto src = ctx.source();
  bool httpx = ctx.facts().imports_("httpx") && (c.recv == "httpx" || c.name == "Client" || c.name == "AsyncClient");
  if (!httpx || !(isRequestsVerb(c.name) || c.name == "Client" || c.name == "AsyncClient" || c.name == "stream"))
    return false;
  ctx.countSite();
  ts::Node t = pyKwarg(c.args, "timeout", src);
  if (!t || t.field("value").text(src) != "None") return true;
  core::Finding& f = ctx.report(t, "`timeout=None` disables httpx's default timeout: set a limit");
  soften(f, ctx);
  core::Fix fix{.title = "Use a 10 second timeout", .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  ts::Node v = t.field("value");
  e.range = {v.startByte(), v.endByte()};
  e.text = pyTimeoutValue(ctx);
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
  return true;
}

/// `urllib.request.urlopen(url)` without a timeout (keyword or third positional argument).
bool urlopenCall(const PyCall& c, RuleContext& ctx) {
  const auto& facts = ctx.facts();
  if (!(c.callee == "urllib.request.urlopen" || (c.callee == "urlopen" && facts.imports_("urllib.request")) ||
        (c.callee == "request.urlopen" && facts.imports_("urllib"))))
    return false;
  ctx.countSite();
  std::uint32_t positional = 0;
  for (std::uint32_t i = 0; i < c.args.namedChildCount(); ++i)
    if (c.args.namedChild(i).type() != "keyword_argument" && c.args.namedChild(i).type() != "comment") ++positional;
  if (pyKwarg(c.args, "timeout", ctx.source()) || positional >= 3 || pyHasSplat(c.args)) return true;
  core::Finding& f = ctx.report(c.call, "`urlopen(...)` has no timeout: pass `timeout=`");
  soften(f, ctx);
  addPyTimeout(f, ctx, c.args);
  return true;
}

/// `aiohttp.ClientSession()` without `timeout=` (its default is 5 minutes).
void aiohttpSession(const PyCall& c, RuleContext& ctx) {
  if (c.callee != "aiohttp.ClientSession") return;
  ctx.countSite();
  if (pyKwarg(c.args, "timeout", ctx.source()) || pyHasSplat(c.args)) return;
  core::Finding& f = ctx.report(c.call, "`aiohttp.ClientSession()` without `timeout=` waits up to 5 minutes per request");
  soften(f, ctx);
  core::Fix fix{.title = "Add timeout=aiohttp.ClientTimeout(total=10)", .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  e.range = {c.args.endByte() - 1, c.args.endByte() - 1};
  e.text = std::string(c.args.namedChildCount() ? ", " : "") + "timeout=aiohttp.ClientTimeout(total=10)";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void python(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  PyCall c{.call = call, .args = call.field("arguments"), .callee = calleeText(call, src), .name = calleeName(call, src)};
  if (!c.args || c.args.type() != "argument_list") return;
  c.recv = c.callee.size() > c.name.size() ? c.callee.substr(0, c.callee.size() - c.name.size() - 1) : "";
  if (requestsCall(c, ctx) || httpxCall(c, ctx) || urlopenCall(c, ctx)) return;
  aiohttpSession(c, ctx);
}

}  // namespace agentlens::rules::outbound_timeout
