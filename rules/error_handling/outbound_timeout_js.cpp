// outbound-call-without-timeout, JavaScript/TypeScript: fetch without a signal, axios without a
// timeout (Node's http/https requests are in outbound_timeout_node_http.cpp).
#include <optional>

#include "rules/common/syntax.hpp"
#include "rules/error_handling/outbound_timeout.hpp"

namespace agentlens::rules::outbound_timeout {
namespace {

/// `fetch(url[, opts])` without a `signal`.
void fetchCall(ts::Node call, ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  ctx.countSite();
  ts::Node opts = args.namedChildCount() >= 2 ? args.namedChild(1) : ts::Node();
  if (opts && (opts.type() != "object" || jsObjectHas(opts, "signal", src))) return;
  if (args.namedChildCount() == 0) return;
  core::Finding& f =
      ctx.report(call, "`fetch(...)` has no timeout (Node's fetch waits indefinitely): pass `signal: "
                       "AbortSignal.timeout(ms)`");
  soften(f, ctx);
  core::Fix fix{.title = "Add signal: AbortSignal.timeout(10_000)", .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  if (!opts) {
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    e.range = {last.endByte(), last.endByte()};
    e.text = ", { signal: AbortSignal.timeout(10_000) }";
  } else {
    e.range = {opts.startByte() + 1, opts.startByte() + 1};
    e.text = opts.namedChildCount() ? " signal: AbortSignal.timeout(10_000)," : " signal: AbortSignal.timeout(10_000) ";
  }
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

/// The fix adding `timeout: 10_000` to the call's config argument, or nullopt when the call has
/// no place for it (a non-object config, or `axios.post(url)` without its data argument).
std::optional<core::TextEdit> axiosTimeoutEdit(ts::Node args, std::string_view callee, std::string_view name) {
  // Config position: create(config), get/delete/head/options(url, config), post/put/patch(url, data, config).
  std::uint32_t cfgIndex = name == "create" || callee == "axios" ? 0
                           : (name == "post" || name == "put" || name == "patch") ? 2
                                                                                  : 1;
  core::TextEdit e;
  if (cfgIndex < args.namedChildCount()) {
    ts::Node cfg = args.namedChild(cfgIndex);
    if (cfg.type() != "object") return std::nullopt;
    e.range = {cfg.startByte() + 1, cfg.startByte() + 1};
    e.text = cfg.namedChildCount() ? " timeout: 10_000," : " timeout: 10_000 ";
  } else if (cfgIndex == args.namedChildCount()) {
    if (cfgIndex == 0) {
      e.range = {args.startByte() + 1, args.startByte() + 1};
      e.text = "{ timeout: 10_000 }";
    } else {
      ts::Node last = args.namedChild(args.namedChildCount() - 1);
      e.range = {last.endByte(), last.endByte()};
      e.text = ", { timeout: 10_000 }";
    }
  } else {
    return std::nullopt;  // data argument missing: `axios.post(url)` — leave the fix to a human
  }
  return e;
}

/// `axios(...)`, `axios.get/post/…(...)` and `axios.create({...})` without `timeout`.
void axiosCall(ts::Node call, std::string_view callee, ts::Node args, RuleContext& ctx) {
  if (!ctx.facts().imports_("axios")) return;
  auto src = ctx.source();
  auto name = calleeName(call, src);
  bool direct = callee == "axios" || (callee.starts_with("axios.") && (isRequestsVerb(name) || name == "create"));
  if (!direct) return;
  ctx.countSite();
  if (src.find("axios.defaults.timeout") != std::string_view::npos) return;
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "object" && jsObjectHas(a, "timeout", src)) return;
    if (a.type() == "identifier" && i > 0) return;  // a config object we cannot see
  }
  core::Finding& f = ctx.report(call, "`" + std::string(callee) + "(...)` has no timeout (axios waits forever by "
                                                                   "default): set `timeout`");
  soften(f, ctx);
  auto e = axiosTimeoutEdit(args, callee, name);
  if (!e) return;
  core::Fix fix{.title = "Add timeout: 10_000", .applicability = core::Applicability::Unsafe};
  fix.edits.push_back(*e);
  f.fixes.push_back(fix);
}

}  // namespace

void js(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  auto callee = calleeText(call, src);
  ts::Node args = call.field("arguments");
  if (!args || args.type() != "arguments") return;
  if (callee == "fetch" || callee == "globalThis.fetch") {
    fetchCall(call, args, ctx);
    return;
  }
  if (nodeHttpRequest(call, callee, args, ctx)) return;
  axiosCall(call, callee, args, ctx);
}

}  // namespace agentlens::rules::outbound_timeout
