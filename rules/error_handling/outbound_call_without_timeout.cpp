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
- Python: `requests.get/post/…/request(...)` without `timeout=` (and without `**kwargs` that could
  carry one); `httpx` calls or clients with `timeout=None`; `urllib.request.urlopen(url)` without a
  timeout; `aiohttp.ClientSession()` without `timeout=` (its default is 5 minutes).
- JavaScript/TypeScript: `fetch(url[, opts])` without a `signal`; `axios.get/post/…(...)`,
  `axios(...)` and `axios.create({...})` without `timeout` (axios waits forever by default).
- Go: `http.Get/Post/Head/PostForm` (the default client has no timeout) and `http.Client{}`
  literals without a `Timeout` field.

Not flagged: `httpx` with its default (5 s), an axios instance created with a timeout, Go clients
whose `Transport` sets `ResponseHeaderTimeout`, a `requests` session mounted with an adapter that
sets a default timeout. Scripts and tests are reported at low severity.

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
`signal: AbortSignal.timeout(10_000)` for fetch; `timeout: 10_000` for axios; a package-level
`http.Client` with `Timeout: 10 * time.Second` in Go). Calls slower than the limit now fail, which
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
    if (ctx.facts().role == core::FileRole::Generated) return;
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
    auto role = ctx.facts().role;
    if (role == core::FileRole::Frontend) return;  // browsers bound fetch by the page lifetime
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
    if (callee != "http.Get" && callee != "http.Post" && callee != "http.Head" && callee != "http.PostForm") return;
    ctx.countSite();
    core::Finding& f = ctx.report(node, "`" + std::string(callee) + "` uses http.DefaultClient, which has no timeout: "
                                                                     "use a client with `Timeout`");
    soften(f, ctx);
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
    ts::Node fn = node.field("function");
    core::TextEdit e;
    ts::Node operand = fn.field("operand");
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
