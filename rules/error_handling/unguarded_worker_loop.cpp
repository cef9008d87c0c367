// unguarded-worker-loop: a long-running background loop (`while self._running: …; await sleep(n)`)
// with no try/except: one failing iteration ends the loop for good.
#include <regex>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Python background loops — `while True:` or `while self._running:` (or `while not
stop.is_set():`) whose body does some work and then sleeps (`time.sleep`, `asyncio.sleep`,
`anyio.sleep`) — with no `try`/`except` anywhere in the loop body nor around the loop.

Not flagged: loops that catch inside the body (one failing iteration is logged and the next one
runs), loops wrapped in a `try` in the same function, tests and scripts.

## Why is this bad?
A poller, collector or scheduler loop runs in a thread or task that nobody awaits. The first
exception in any iteration — a database hiccup, a timeout, a bad row — propagates out of the loop
and ends it. The process keeps running and looks healthy while the periodic work has silently
stopped.

## Example
```python
async def run(self):
    while self._running:
        jobs = await self.store.due_jobs()
        await self.execute(jobs)
        await asyncio.sleep(self.interval)
```

Use instead:
```python
async def run(self):
    while self._running:
        try:
            jobs = await self.store.due_jobs()
            await self.execute(jobs)
        except Exception:
            logger.exception("collector iteration failed")
        await asyncio.sleep(self.interval)
```

## References
- Python docs: asyncio tasks ("exceptions of a task nobody awaits are only logged at garbage
  collection"); threading.Thread (an exception ends the thread)
)md";

const RuleMeta kMeta{
    .id = "unguarded-worker-loop",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python},
    .roles = {core::FileRole::Server, core::FileRole::Library},
    .summary = "Background loop with no try/except: one failing iteration stops it silently",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool runForeverCondition(std::string_view cond) {
  static const std::regex re(
      R"(^(True|1|(self\.)?_?(running|is_running|active|alive|keep_running)|not\s+(self\.)?_?\w*(stop|stopped|shutdown|exit)\w*(\.is_set\(\))?)$)");
  return std::regex_match(std::string(cond), re);
}

class UnguardedWorkerLoop final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"while_statement"}; }

  void visit(ts::Node loop, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    ts::Node cond = loop.field("condition");
    ts::Node body = loop.field("body");
    if (!cond || !body || !runForeverCondition(cond.text(src))) return;
    for (ts::Node a : ctx.ancestors()) {
      if (a.type() == "try_statement") return;  // guarded around the loop
      if (a.type() == "if_statement" && a.field("condition").text(src).find("__main__") != std::string_view::npos) return;
    }
    bool guarded = false, sleeps = false;
    int work = 0;
    ts::walk(body, [&](ts::Node n) {
      auto t = n.type();
      if (t == "try_statement") guarded = true;
      if (t == "function_definition" || t == "lambda") return false;
      if (t == "call") {
        auto c = calleeText(n, src);
        if (c.ends_with("sleep")) sleeps = true;
        else ++work;
      }
      return true;
    });
    if (guarded || !sleeps || work == 0) return;
    ctx.report(cond, "background loop has no try/except: the first exception in an iteration ends the loop and its "
                     "periodic work stops silently while the process keeps running; catch and log per iteration");
  }
};

}  // namespace

const Rule& unguardedWorkerLoop() {
  static const UnguardedWorkerLoop rule;
  return rule;
}

}  // namespace agentlens::rules
