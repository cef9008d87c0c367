// outbound-call-without-timeout: HTTP client calls that can wait forever.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds outbound HTTP calls without a timeout:
- Python: `requests.get/post/…/request(...)` without `timeout=` or with `timeout=None` (and
  without `**kwargs` that could carry one); `httpx` calls or clients with `timeout=None`; `urllib.request.urlopen(url)` without a
  timeout; `aiohttp.ClientSession()` without `timeout=` (its default is 5 minutes).
- JavaScript/TypeScript: `fetch(url[, opts])` without a `signal`; `axios.get/post/…(...)`,
  `axios(...)` and `axios.create({...})` without `timeout` (axios waits forever by default);
  Node's `http.request`/`https.request`/`http.get`/`https.get` (also through a local such as
  `const mod = secure ? https : http`, and with an options object declared earlier in the
  function) without a `timeout` or `signal`
  option and without `req.setTimeout(…)`.
- Go: `http.Get/Post/Head/PostForm` (the default client has no timeout), `http.Client{}`
  literals without a `Timeout` field, and `http.DefaultClient.Do(req)` where `req` comes from
  `http.NewRequest` or from `http.NewRequestWithContext` with a context that has no deadline
  (`context.Background()`, `r.Context()`).

Not flagged: `httpx` with its default (5 s), an axios instance created with a timeout, Go clients
whose `Transport` sets `ResponseHeaderTimeout`, a Go request whose context comes from
`context.WithTimeout`/`WithDeadline` or from a parameter (the caller owns the deadline), a file
that sets `http.DefaultClient.Timeout`, Node request options passed as a variable we cannot see,
a `requests` session mounted with an adapter that
sets a default timeout. Only service code is judged: not browser code (the page bounds a
`fetch`), scripts, seeds, tests or tool config.

## Why is this bad?
A slow or stuck upstream holds the request, its worker and its connection for as long as the
TCP connection lives, often many minutes. A few such calls exhaust the worker pool and the whole
service stops answering, including health checks.

## Example
```python
resp = requests.post(PAYMENTS_URL, json=payload)
```

Use instead:
```python
resp = requests.post(PAYMENTS_URL, json=payload, timeout=10)
```

## Fix safety
Adds a timeout (a module constant whose name contains `TIMEOUT` when one exists, else 10 seconds;
`signal: AbortSignal.timeout(10_000)` for fetch and Node's `http.request` (the `timeout` option
alone only emits an event, it does not abort); `timeout: 10_000` for axios; a package-level
`http.Client` with `Timeout: 10 * time.Second` in Go, also in place of `http.DefaultClient`). Calls slower than the limit now fail, which
is the point but changes behaviour: unsafe.

## References
- Ruff S113, Bandit B113, golangci-lint `noctx`
- Google SRE book, "Handling Overload"
)md";

const RuleMeta kMeta{
    .id = "outbound-call-without-timeout",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Outbound HTTP call or client without a timeout",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

constexpr std::string_view kRequestsVerbs[] = {"get", "post", "put", "patch", "delete", "head", "options", "request"};
bool isRequestsVerb(std::string_view m) {
  return std::find(std::begin(kRequestsVerbs), std::end(kRequestsVerbs), m) != std::end(kRequestsVerbs);
}

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

/// A JS object literal argument with a key, or a spread (which could carry it).
bool jsObjectHas(ts::Node obj, std::string_view key, std::string_view src) {
  if (!obj || obj.type() != "object") return false;
  for (std::uint32_t i = 0; i < obj.namedChildCount(); ++i) {
    ts::Node p = obj.namedChild(i);
    if (p.type() == "spread_element") return true;
    if (p.type() == "shorthand_property_identifier" && p.text(src) == key) return true;
    if (p.type() == "pair") {
      auto k = p.field("key").text(src);
      if (k == key || k == "\"" + std::string(key) + "\"" || k == "'" + std::string(key) + "'") return true;
    }
  }
  return false;
}

class OutboundCallWithoutTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  static void soften(core::Finding& f, const RuleContext& ctx) {
    auto role = ctx.facts().role;
    if (role == core::FileRole::Test || role == core::FileRole::Script) f.severity = core::Severity::Low;
  }

  static std::string pyTimeoutValue(const RuleContext& ctx) {
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

  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    ts::Node args = call.field("arguments");
    if (!args || args.type() != "argument_list") return;
    const auto& facts = ctx.facts();
    bool usesRequests = facts.imports_("requests");
    std::string_view recv = callee.size() > name.size() ? callee.substr(0, callee.size() - name.size() - 1) : "";
    bool requestsCall = usesRequests && isRequestsVerb(name) &&
                        (recv == "requests" || ((recv == "session" || recv == "s" || recv.ends_with("session") ||
                                                 recv.ends_with("_session")) &&
                                                src.find("requests.Session") != std::string_view::npos));
    if (requestsCall) {
      ctx.countSite();
      if (ts::Node t = pyKwarg(args, "timeout", src); t && t.field("value").text(src) == "None") {
        core::Finding& f = ctx.report(t, "`timeout=None` waits forever on a stuck upstream: set a limit");
        soften(f, ctx);
        return;
      }
      if (pyKwarg(args, "timeout", src) || pyHasSplat(args)) return;
      // A mounted adapter that sets a default timeout covers session calls.
      if (recv != "requests" && src.find("HTTPAdapter") != std::string_view::npos &&
          src.find("timeout") != std::string_view::npos)
        return;
      core::Finding& f = ctx.report(call, "`" + std::string(callee) + "(...)` has no timeout: a stuck upstream holds "
                                                                       "this worker indefinitely; pass `timeout=`");
      soften(f, ctx);
      addPyTimeout(f, ctx, args);
      return;
    }
    bool httpx = facts.imports_("httpx") && (recv == "httpx" || name == "Client" || name == "AsyncClient");
    if (httpx && (isRequestsVerb(name) || name == "Client" || name == "AsyncClient" || name == "stream")) {
      ctx.countSite();
      ts::Node t = pyKwarg(args, "timeout", src);
      if (!t || t.field("value").text(src) != "None") return;
      core::Finding& f = ctx.report(t, "`timeout=None` disables httpx's default timeout: set a limit");
      soften(f, ctx);
      core::Fix fix{.title = "Use a 10 second timeout", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      ts::Node v = t.field("value");
      e.range = {v.startByte(), v.endByte()};
      e.text = pyTimeoutValue(ctx);
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
      return;
    }
    if (callee == "urllib.request.urlopen" || (callee == "urlopen" && facts.imports_("urllib.request")) ||
        (callee == "request.urlopen" && facts.imports_("urllib"))) {
      ctx.countSite();
      std::uint32_t positional = 0;
      for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
        if (args.namedChild(i).type() != "keyword_argument" && args.namedChild(i).type() != "comment") ++positional;
      if (pyKwarg(args, "timeout", src) || positional >= 3 || pyHasSplat(args)) return;
      core::Finding& f = ctx.report(call, "`urlopen(...)` has no timeout: pass `timeout=`");
      soften(f, ctx);
      addPyTimeout(f, ctx, args);
      return;
    }
    if (callee == "aiohttp.ClientSession") {
      ctx.countSite();
      if (pyKwarg(args, "timeout", src) || pyHasSplat(args)) return;
      core::Finding& f =
          ctx.report(call, "`aiohttp.ClientSession()` without `timeout=` waits up to 5 minutes per request");
      soften(f, ctx);
      core::Fix fix{.title = "Add timeout=aiohttp.ClientTimeout(total=10)", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {args.endByte() - 1, args.endByte() - 1};
      e.text = std::string(args.namedChildCount() ? ", " : "") + "timeout=aiohttp.ClientTimeout(total=10)";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
  }

  static void addPyTimeout(core::Finding& f, RuleContext& ctx, ts::Node args) {
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

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    ts::Node args = call.field("arguments");
    if (!args || args.type() != "arguments") return;
    if (callee == "fetch" || callee == "globalThis.fetch") {
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
      return;
    }
    if (nodeHttpRequest(call, callee, args, ctx)) return;
    bool axiosImported = ctx.facts().imports_("axios");
    if (!axiosImported) return;
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
    // Config position: create(config), get/delete/head/options(url, config), post/put/patch(url, data, config).
    std::uint32_t cfgIndex = name == "create" || callee == "axios" ? 0
                             : (name == "post" || name == "put" || name == "patch") ? 2
                                                                                    : 1;
    core::Fix fix{.title = "Add timeout: 10_000", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    if (cfgIndex < args.namedChildCount()) {
      ts::Node cfg = args.namedChild(cfgIndex);
      if (cfg.type() != "object") return;
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
      return;  // data argument missing: `axios.post(url)` — leave the fix to a human
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  /// The node module a local stands for: `const mod = secure ? https : http` -> "https" (either
  /// one serves the check), "" when the name is not such an alias.
  static std::string nodeHttpAlias(ts::Node scope, std::string_view name, std::string_view src, std::uint32_t before) {
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
  static ts::Node localObject(ts::Node scope, std::string_view name, std::string_view src, std::uint32_t before) {
    ts::Node found;
    walkDeclarators(scope, before, [&](ts::Node decl) {
      ts::Node v = decl.field("value");
      if (decl.field("name").text(src) == name && v && v.type() == "object") found = v;
    });
    return found;
  }

  template <class Fn>
  static void walkDeclarators(ts::Node scope, std::uint32_t before, Fn&& fn) {
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

  /// Node: `http.request` / `https.request` / `http.get` / `https.get` with neither a `timeout`
  /// nor a `signal` option, nor a `.setTimeout(…)` on the request. Returns true when the call was
  /// one of these (reported or not).
  static bool nodeHttpRequest(ts::Node call, std::string_view callee, ts::Node args, RuleContext& ctx) {
    auto dot = callee.find('.');
    if (dot == std::string_view::npos) return false;
    auto recv = callee.substr(0, dot);
    auto method = callee.substr(dot + 1);
    if (method != "request" && method != "get") return false;
    const auto& facts = ctx.facts();
    auto imported = [&](const std::string& m) { return facts.imports_(m) || facts.imports_("node:" + m); };
    if (!imported("http") && !imported("https")) return false;
    auto src = ctx.source();
    // Locals are looked up in the outermost enclosing function (the call often sits in a
    // `new Promise((resolve, reject) => …)` callback), the last declaration before the call.
    ts::Node scope;
    for (ts::Node a : ctx.ancestors())
      if (isFunctionNode(a, ctx.lang())) {
        scope = a;
        break;
      }
    if (!scope) scope = ctx.file().tree.root();
    std::string mod(recv);
    if (recv != "http" && recv != "https") {
      // Only files that bind the module to another name (`secure ? https : http`, `= https;`).
      bool binds = src.find("? http") != std::string_view::npos || src.find(": http") != std::string_view::npos ||
                   src.find("= https;") != std::string_view::npos || src.find("= http;") != std::string_view::npos;
      mod = binds ? nodeHttpAlias(scope, recv, src, call.startByte()) : std::string();
    }
    if (mod.empty() || !imported(mod)) return false;
    ctx.countSite();
    ts::Node opts;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      auto t = a.type();
      if (t == "object") {
        if (jsObjectHas(a, "timeout", src) || jsObjectHas(a, "signal", src)) return true;
        opts = a;
      } else if (ts::Node lit = t == "identifier" ? localObject(scope, a.text(src), src, call.startByte()) : ts::Node(); lit) {
        // `const options = { method, hostname, path }` earlier in the function.
        for (std::uint32_t k = 0; k < lit.namedChildCount(); ++k)
          if (lit.namedChild(k).type() == "spread_element") return true;
        if (jsObjectHas(lit, "timeout", src) || jsObjectHas(lit, "signal", src)) return true;
        opts = lit;
      } else if (t == "identifier" || t == "member_expression") {
        // A URL variable is fine; an options object we cannot see might carry the timeout.
        std::string lower;
        for (char c : a.text(src)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.find("url") == std::string::npos && lower.find("uri") == std::string::npos &&
            lower.find("endpoint") == std::string::npos && lower.find("href") == std::string::npos)
          return true;
      } else if (t == "spread_element") {
        return true;
      }
    }
    // `.setTimeout(…)` on the request: chained, or on the variable holding it.
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
    core::Finding& f = ctx.report(call, "`" + std::string(callee) + "(...)` has no timeout: a stuck upstream keeps "
                                                                     "the socket open; pass `signal: "
                                                                     "AbortSignal.timeout(ms)` or call `req.setTimeout`");
    soften(f, ctx);
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
      return true;
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
    return true;
  }

  static void go(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "composite_literal") {
      auto type = node.field("type").text(src);
      if (type != "http.Client") return;
      ctx.countSite();
      ts::Node body = node.field("body");
      auto text = body.text(src);
      if (text.find("Timeout") != std::string_view::npos) return;
      if (text.find("Transport") != std::string_view::npos &&
          src.find("ResponseHeaderTimeout") != std::string_view::npos)
        return;
      core::Finding& f = ctx.report(node, "`http.Client` without `Timeout` waits forever on a stuck server");
      soften(f, ctx);
      core::Fix fix{.title = "Add Timeout: 10 * time.Second", .applicability = core::Applicability::Unsafe};
      fix.edits = goEnsureImport(ctx.file(), "time");
      core::TextEdit e;
      e.range = {body.startByte() + 1, body.startByte() + 1};
      e.text = body.namedChildCount() ? "Timeout: 10 * time.Second, " : "Timeout: 10 * time.Second";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
      return;
    }
    auto callee = calleeText(node, src);
    if (callee == "http.DefaultClient.Do") {
      goDefaultClientDo(node, ctx);
      return;
    }
    if (callee != "http.Get" && callee != "http.Post" && callee != "http.Head" && callee != "http.PostForm") return;
    ctx.countSite();
    core::Finding& f = ctx.report(node, "`" + std::string(callee) + "` uses http.DefaultClient, which has no timeout: "
                                                                     "use a client with `Timeout`");
    soften(f, ctx);
    ts::Node fn = node.field("function");
    goClientFix(f, ctx, fn.field("operand"));
  }

  /// Go: `http.DefaultClient.Do(req)` where `req` comes from `http.NewRequest` (no context) or
  /// `http.NewRequestWithContext` with a context that has no deadline. Silent when the request's
  /// context comes from `context.WithTimeout/WithDeadline`, from a parameter (the caller owns the
  /// deadline), or when the file sets `http.DefaultClient.Timeout`.
  static void goDefaultClientDo(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() != 1 || args.namedChild(0).type() != "identifier") return;
    ctx.countSite();
    if (src.find("http.DefaultClient.Timeout") != std::string_view::npos) return;
    std::string_view reqName = args.namedChild(0).text(src);
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    ts::Node newReq = goAssignedCall(fn, reqName, src);
    if (!newReq) return;  // a parameter or built elsewhere: cannot see its context
    auto ctor = calleeText(newReq, src);
    std::string why;
    auto confidence = core::Confidence::High;
    if (ctor == "http.NewRequest") {
      why = "the request has no context";
    } else if (ctor == "http.NewRequestWithContext") {
      ts::Node reqArgs = newReq.field("arguments");
      if (!reqArgs || reqArgs.namedChildCount() == 0) return;
      ts::Node c = reqArgs.namedChild(0);
      auto ctext = c.text(src);
      if (ctext == "context.Background()" || ctext == "context.TODO()") {
        why = "its context (`" + std::string(ctext) + "`) has no deadline";
      } else if (c.type() == "identifier") {
        ts::Node made = goAssignedCall(fn, ctext, src);
        if (!made) return;  // a parameter: the caller decides the deadline
        auto maker = calleeText(made, src);
        if (maker == "context.WithTimeout" || maker == "context.WithDeadline" || maker == "context.WithTimeoutCause" ||
            maker == "context.WithDeadlineCause")
          return;
        if (maker != "context.Background" && maker != "context.TODO" && !maker.ends_with(".Context")) return;
        why = "its context (`" + std::string(ctext) + "`) has no deadline";
        if (maker.ends_with(".Context")) confidence = core::Confidence::Medium;
      } else if (ctext.ends_with(".Context()")) {
        // The inbound request's context ends when the client goes away, not after a bound.
        why = "its context (`" + std::string(ctext) + "`) has no deadline of its own";
        confidence = core::Confidence::Medium;
      } else {
        return;
      }
    } else {
      return;
    }
    core::Finding& f = ctx.report(call, "`http.DefaultClient.Do(" + std::string(reqName) +
                                            ")` can wait forever: the default client has no timeout and " + why +
                                            "; use a client with `Timeout` or `context.WithTimeout`");
    f.confidence = confidence;
    soften(f, ctx);
    ts::Node sel = call.field("function");
    goClientFix(f, ctx, sel.field("operand"));
  }

  /// The call assigned to `name` by a `name, … := call(…)` / `name = call(…)` inside `fn`, or null.
  static ts::Node goAssignedCall(ts::Node fn, std::string_view name, std::string_view src) {
    ts::Node found;
    ts::walk(fn.field("body"), [&](ts::Node n) {
      if (found) return false;
      auto t = n.type();
      if (t == "func_literal") return false;
      if (t != "short_var_declaration" && t != "assignment_statement" && t != "var_spec") return true;
      ts::Node left = t == "var_spec" ? n : n.field("left");
      ts::Node right = n.field(t == "var_spec" ? "value" : "right");
      if (!left || !right) return false;
      bool binds = false;
      for (std::uint32_t i = 0; i < left.namedChildCount(); ++i)
        if (left.namedChild(i).type() == "identifier" && left.namedChild(i).text(src) == name) binds = true;
      if (binds && right.namedChildCount() >= 1 && right.namedChild(0).type() == "call_expression")
        found = right.namedChild(0);
      return false;
    });
    return found;
  }

  /// Replaces `operand` (`http` in http.Get, `http.DefaultClient`) with a package-level
  /// `httpClient` that has a 10 second timeout, declaring it when the file has none.
  static void goClientFix(core::Finding& f, RuleContext& ctx, ts::Node operand) {
    auto src = ctx.source();
    // httpClient.Get(...) plus a package-level client when none exists.
    core::Fix fix{.title = "Use a package-level http.Client with a 10 second timeout",
                  .applicability = core::Applicability::Unsafe};
    bool hasClient = src.find("httpClient = &http.Client{") != std::string_view::npos ||
                     src.find("httpClient = http.Client{") != std::string_view::npos;
    if (!hasClient) {
      fix.edits = goEnsureImport(ctx.file(), "time");
      // After the import declarations (or the package clause).
      ts::Node root = ctx.file().tree.root();
      std::uint32_t at = 0;
      for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
        auto t = root.namedChild(i).type();
        if (t == "package_clause" || t == "import_declaration") at = root.namedChild(i).endByte();
      }
      core::TextEdit decl;
      decl.range = {at, at};
      decl.text = "\n\nvar httpClient = &http.Client{Timeout: 10 * time.Second}";
      fix.edits.push_back(decl);
      mergeInsertions(fix.edits);
    }
    core::TextEdit e;
    e.range = {operand.startByte(), operand.endByte()};
    e.text = "httpClient";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& outboundCallWithoutTimeout() {
  static const OutboundCallWithoutTimeout rule;
  return rule;
}

}  // namespace agentlens::rules
