// outbound-call-without-timeout, Node: `http.request` / `https.request` / `http.get` /
// `https.get` (also through a local alias of the module, and with an options object declared
// earlier in the function) without a `timeout` or `signal` option and without `req.setTimeout`.
#include <string>
#include <vector>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/error_handling/outbound_timeout.hpp"

namespace agentlens::rules::outbound_timeout {
namespace {

template <class Fn>
void walkDeclarators(ts::Node scope, std::uint32_t before, Fn&& fn) {
  // In source order, so the last declaration before `before` wins.
  std::vector<ts::Node> stack{scope};
  while (!stack.empty()) {
    ts::Node n = stack.back();
    stack.pop_back();
    if (n.startByte() >= before) continue;
    if (n.type() == "variable_declarator") fn(n);
    for (std::uint32_t i = n.namedChildCount(); i-- > 0;) stack.push_back(n.namedChild(i));
  }
}

/// The node module a local stands for: `const mod = secure ? https : http` -> "https" (either
/// one serves the check), "" when the name is not such an alias.
std::string nodeHttpAlias(ts::Node scope, std::string_view name, std::string_view src, std::uint32_t before) {
  std::string found;
  walkDeclarators(scope, before, [&](ts::Node decl) {
    if (decl.field("name").text(src) != name || !decl.field("value")) return;
    ts::Node v = decl.field("value");
    if (v.type() == "ternary_expression") {
      auto a = v.field("consequence").text(src), b = v.field("alternative").text(src);
      if ((a == "http" || a == "https") && (b == "http" || b == "https")) found = std::string(a);
    } else if (v.text(src) == "http" || v.text(src) == "https") {
      found = std::string(v.text(src));
    }
  });
  return found;
}

/// The object literal a local is declared with in `scope` (`const options = {…}`), or null.
ts::Node localObject(ts::Node scope, std::string_view name, std::string_view src, std::uint32_t before) {
  ts::Node found;
  walkDeclarators(scope, before, [&](ts::Node decl) {
    ts::Node v = decl.field("value");
    if (decl.field("name").text(src) == name && v && v.type() == "object") found = v;
  });
  return found;
}

/// Locals are looked up in the outermost enclosing function (the call often sits in a
/// `new Promise((resolve, reject) => …)` callback), or the file.
ts::Node lookupScope(const RuleContext& ctx) {
  for (ts::Node a : ctx.ancestors())
    if (isFunctionNode(a, ctx.lang())) return a;
  return ctx.file().tree.root();
}

/// The module (`http`/`https`) the call's receiver stands for, "" when it is neither.
std::string receiverModule(std::string_view recv, ts::Node scope, std::string_view src, std::uint32_t before) {
  if (recv == "http" || recv == "https") return std::string(recv);
  // Only files that bind the module to another name (`secure ? https : http`, `= https;`).
  bool binds = src.find("? http") != std::string_view::npos || src.find(": http") != std::string_view::npos ||
               src.find("= https;") != std::string_view::npos || src.find("= http;") != std::string_view::npos;
  return binds ? nodeHttpAlias(scope, recv, src, before) : std::string();
}

/// True when an argument sets (or may set) a timeout or signal; `opts` gets the options object
/// literal the fix can extend.
bool argumentsMayBound(ts::Node args, ts::Node scope, std::string_view src, std::uint32_t before, ts::Node& opts) {
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    auto t = a.type();
    if (t == "object") {
      if (jsObjectHas(a, "timeout", src) || jsObjectHas(a, "signal", src)) return true;
      opts = a;
    } else if (ts::Node lit = t == "identifier" ? localObject(scope, a.text(src), src, before) : ts::Node(); lit) {
      // `const options = { method, hostname, path }` earlier in the function.
      for (std::uint32_t k = 0; k < lit.namedChildCount(); ++k)
        if (lit.namedChild(k).type() == "spread_element") return true;
      if (jsObjectHas(lit, "timeout", src) || jsObjectHas(lit, "signal", src)) return true;
      opts = lit;
    } else if (t == "identifier" || t == "member_expression") {
      // A URL variable is fine; an options object we cannot see might carry the timeout.
      std::string lower = core::text::asciiLower(a.text(src));
      if (lower.find("url") == std::string::npos && lower.find("uri") == std::string::npos &&
          lower.find("endpoint") == std::string::npos && lower.find("href") == std::string::npos)
        return true;
    } else if (t == "spread_element") {
      return true;
    }
  }
  return false;
}

/// `.setTimeout(…)` on the request: chained, or on the variable holding it.
bool requestSetsTimeout(const RuleContext& ctx, ts::Node scope) {
  auto src = ctx.source();
  ts::Node stmt;
  std::string_view reqVar;
  auto anc = ctx.ancestors();
  for (auto it = anc.rbegin(); it != anc.rend(); ++it) {
    auto t = it->type();
    if (t == "variable_declarator" && !reqVar.size()) {
      ts::Node name = it->field("name");
      if (name && name.type() == "identifier") reqVar = name.text(src);
    }
    if (t == "expression_statement" || t == "lexical_declaration" || t == "variable_declaration" ||
        t == "return_statement") {
      stmt = *it;
      break;
    }
  }
  if (stmt && stmt.text(src).find(".setTimeout(") != std::string_view::npos) return true;
  if (!reqVar.empty()) {
    auto scopeText = scope ? scope.text(src) : src;
    if (scopeText.find(std::string(reqVar) + ".setTimeout(") != std::string_view::npos) return true;
  }
  return false;
}

void addSignalFix(core::Finding& f, ts::Node args, ts::Node opts) {
  core::Fix fix{.title = "Add signal: AbortSignal.timeout(10_000)", .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  if (opts) {
    e.range = {opts.startByte() + 1, opts.startByte() + 1};
    e.text = opts.namedChildCount() ? " signal: AbortSignal.timeout(10_000)," : " signal: AbortSignal.timeout(10_000) ";
  } else if (args.namedChildCount() >= 1) {
    // http.request(url[, options][, callback]): options go right after the URL.
    ts::Node url = args.namedChild(0);
    e.range = {url.endByte(), url.endByte()};
    e.text = ", { signal: AbortSignal.timeout(10_000) }";
  } else {
    return;
  }
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

bool nodeHttpRequest(ts::Node call, std::string_view callee, ts::Node args, RuleContext& ctx) {
  auto dot = callee.find('.');
  if (dot == std::string_view::npos) return false;
  auto recv = callee.substr(0, dot);
  auto method = callee.substr(dot + 1);
  if (method != "request" && method != "get") return false;
  const auto& facts = ctx.facts();
  auto imported = [&](const std::string& m) { return facts.imports_(m) || facts.imports_("node:" + m); };
  if (!imported("http") && !imported("https")) return false;
  auto src = ctx.source();
  ts::Node scope = lookupScope(ctx);
  std::string mod = receiverModule(recv, scope, src, call.startByte());
  if (mod.empty() || !imported(mod)) return false;
  ctx.countSite();
  ts::Node opts;
  if (argumentsMayBound(args, scope, src, call.startByte(), opts)) return true;
  if (requestSetsTimeout(ctx, scope)) return true;
  core::Finding& f = ctx.report(call, "`" + std::string(callee) + "(...)` has no timeout: a stuck upstream keeps "
                                                                   "the socket open; pass `signal: "
                                                                   "AbortSignal.timeout(ms)` or call `req.setTimeout`");
  soften(f, ctx);
  addSignalFix(f, args, opts);
  return true;
}

}  // namespace agentlens::rules::outbound_timeout
