// blocking-call-in-async-handler: synchronous I/O or sleeps that stall the event loop.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds blocking calls where they stall an event loop:
- Python: inside an `async def` route (FastAPI, Starlette, or any `async def` in a server module),
  calls to `requests.*`, `time.sleep`, `subprocess.run/call/check_call/check_output`,
  `urllib.request.urlopen`, and synchronous database drivers (`sqlite3`, `psycopg2`, `pymysql`
  `connect`);
- JavaScript/TypeScript: inside a request handler, `fs.*Sync`, `child_process` `execSync`/
  `spawnSync`/`execFileSync`, `crypto.pbkdf2Sync`/`scryptSync`, `bcrypt.hashSync`/`compareSync` and
  `zlib.*Sync`.

Not flagged: file-system metadata calls (`existsSync`, `statSync`, `renameSync`, `unlinkSync`,
`mkdirSync`…: microseconds), work handed to a thread (`await asyncio.to_thread(...)`, `run_in_executor`), FastAPI
routes declared with plain `def` (they run in a thread pool), and start-up code at module level.

## Why is this bad?
An async server runs every request on one event loop. A one-second blocking call in one
handler freezes *all* concurrent requests for that second; under load latency explodes and
health checks time out.

## Example
```python
@app.get("/report")
async def report():
    time.sleep(2)
    return requests.get(REPORT_URL, timeout=10).json()
```

Use instead:
```python
@app.get("/report")
async def report():
    await asyncio.sleep(2)
    async with httpx.AsyncClient(timeout=10) as client:
        return (await client.get(REPORT_URL)).json()
```

## Fix safety
`time.sleep(x)` → `await asyncio.sleep(x)` (adding `import asyncio`): safe, the coroutine waits
the same time without blocking others. FastAPI: "make the route a plain `def`" (only offered when
the body has no `await`) moves it to the thread pool: unsafe. `fs.readFileSync(p)` →
`await fs.promises.readFile(p)` in an async handler: unsafe (errors now reject).

## References
- Ruff ASYNC210, ASYNC212, ASYNC230, ASYNC251; eslint-plugin-n `n/no-sync`
)md";

const RuleMeta kMeta{
    .id = "blocking-call-in-async-handler",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "Blocking call (sleep, sync HTTP/DB/fs, CPU-heavy sync crypto) inside an async request handler",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Density,
};

bool isAsyncPy(ts::Node fn, std::string_view src) {
  return fn.type() == "function_definition" && fn.text(src).starts_with("async");
}

struct State final : RuleState {
  std::vector<std::uint32_t> counted;  // handler starts already counted as sites
};

class BlockingCallInAsyncHandler final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "function_definition"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Script) return;
    auto src = ctx.source();
    if (ctx.lang() == Lang::Python) {
      if (node.type() == "function_definition") {
        if (isAsyncPy(node, src) && facts.role == core::FileRole::Server) ctx.countSite();
        return;
      }
      python(node, ctx);
      return;
    }
    js(node, ctx);
  }

 private:
  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    bool blocking = callee == "time.sleep" || (callee.starts_with("requests.") && name != "Session") ||
                    callee == "subprocess.run" || callee == "subprocess.call" || callee == "subprocess.check_call" ||
                    callee == "subprocess.check_output" || callee == "urllib.request.urlopen" ||
                    callee == "sqlite3.connect" || callee == "psycopg2.connect" || callee == "pymysql.connect" ||
                    (callee == "sleep" && ctx.facts().imports_("time") && src.find("from time import sleep") != std::string_view::npos);
    if (!blocking || callee.find('(') != std::string_view::npos) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || !isAsyncPy(fn, src)) return;
    Handler h = enclosingHandler(ctx);
    bool route = h && h.fn == fn;
    if (!route && ctx.facts().role != core::FileRole::Server) return;
    core::Finding& f = ctx.report(call, "`" + std::string(callee) + "()` blocks the event loop inside `async def " +
                                            std::string(functionName(fn, src)) + "`: every other request waits");
    if (!route) f.confidence = core::Confidence::Medium;
    auto anc = ctx.ancestors();
    if (callee == "time.sleep" && !anc.empty() && anc.back().type() == "expression_statement") {
      core::Fix fix{.title = "Use await asyncio.sleep(...)", .applicability = core::Applicability::Safe};
      fix.edits = pythonEnsureImport(ctx.file(), "asyncio");
      core::TextEdit e;
      ts::Node fnNode = call.field("function");
      e.range = {fnNode.startByte(), fnNode.endByte()};
      e.text = "await asyncio.sleep";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
    // FastAPI: a plain def route runs in the thread pool.
    if (route && h.framework == "fastapi") {
      bool awaits = ts::anyDescendant(fn.field("body"), [](ts::Node n) {
        return n.type() == "await" || n.type() == "async_with_statement" || n.type() == "async_for_statement";
      });
      auto body = fn.field("body").text(src);
      if (!awaits && body.find("async with") == std::string_view::npos &&
          body.find("async for") == std::string_view::npos) {
        core::Fix fix{.title = "Make the route a plain `def` (FastAPI runs it in a thread pool)",
                      .applicability = core::Applicability::Unsafe};
        core::TextEdit e;
        e.range = {fn.startByte(), fn.startByte() + 6};  // "async "
        e.text = "";
        fix.edits.push_back(e);
        f.fixes.push_back(fix);
      }
    }
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    bool blocking = false;
    if (name.ends_with("Sync")) {
      auto dot = callee.find('.');
      std::string_view recv = dot == std::string_view::npos ? "" : callee.substr(0, callee.find_last_of('.'));
      blocking = recv == "fs" || recv == "zlib" || recv == "bcrypt" || recv == "crypto" || recv == "child_process" ||
                 name == "execSync" || name == "spawnSync" || name == "execFileSync" || name == "readFileSync" ||
                 name == "writeFileSync" || name == "pbkdf2Sync" || name == "scryptSync";
      // Metadata operations (a stat, a rename within one file system, an unlink): microseconds.
      for (auto cheap : {"existsSync", "statSync", "lstatSync", "accessSync", "renameSync", "unlinkSync", "mkdirSync"})
        if (name == cheap) blocking = false;
    }
    if (!blocking) return;
    Handler h = enclosingHandler(ctx);
    if (!h) return;
    State& st = ctx.state<State>();
    if (std::find(st.counted.begin(), st.counted.end(), h.fn.startByte()) == st.counted.end()) {
      st.counted.push_back(h.fn.startByte());
      ctx.countSite();
    }
    core::Finding& f = ctx.report(call, "`" + std::string(callee) + "()` blocks the event loop in a request handler: "
                                                                     "every other request waits; use the async API");
    if (name != "readFileSync" && name != "writeFileSync") return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || !fn.text(src).starts_with("async")) return;
    auto recv = callee.substr(0, callee.find_last_of('.'));
    if (recv != "fs") return;
    core::Fix fix{.title = std::string("Use await fs.promises.") + (name == "readFileSync" ? "readFile" : "writeFile"),
                  .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    ts::Node fnNode = call.field("function");
    e.range = {fnNode.startByte(), fnNode.endByte()};
    e.text = std::string("await fs.promises.") + (name == "readFileSync" ? "readFile" : "writeFile");
    // `x.toString()` on the result would bind to the promise: wrap in parentheses.
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "member_expression") {
      core::TextEdit open;
      open.range = {call.startByte(), call.startByte()};
      open.text = "(";
      core::TextEdit close;
      close.range = {call.endByte(), call.endByte()};
      close.text = ")";
      e.text = e.text;  // keep
      fix.edits.push_back(open);
      fix.edits.push_back(e);
      fix.edits.push_back(close);
      // open and e both start at call.startByte(): merge them
      fix.edits[0].range = {call.startByte(), fnNode.endByte()};
      fix.edits[0].text = "(" + e.text;
      fix.edits.erase(fix.edits.begin() + 1);
    } else {
      fix.edits.push_back(e);
    }
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& blockingCallInAsyncHandler() {
  static const BlockingCallInAsyncHandler rule;
  return rule;
}

}  // namespace agentlens::rules
