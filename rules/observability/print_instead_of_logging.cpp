// print-instead-of-logging: print()/console.log/fmt.Print* in server code.
#include <cctype>
#include <initializer_list>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/observability/print_fixes.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds output written with `print()`/`pprint()` (Python), `console.log/info/debug/trace`
(JavaScript/TypeScript) or `fmt.Print*`/`println` (Go) in server code: modules that import a web
framework, request handlers, and application modules. CLI tools and commands (`@app.cli.command()`,
click, Django management commands), `if __name__ == "__main__":` blocks, `main()` functions,
output in the then-branch of `if (process.env.NODE_ENV === "development")` (JS/TS),
functions the project declares as commands (`[project.scripts]` / `[tool.poetry.scripts]` entry
points, Django `SHELL_PLUS_IMPORTS` shell helpers: their own body only), unexported Go helpers
that nothing in their package calls (dead code), scripts, seeds, tests, migrations, browser code and tool config are left alone.

## Why is this bad?
`print` output has no level, no timestamp, no logger name and no request id, cannot be filtered
or shipped as structured events, and is often block-buffered in containers so it shows up late or
never. When an incident happens you need logs you can search and correlate.

## Example
```python
@app.post("/orders")
def create_order():
    print("creating order", request.json)
```

Use instead:
```python
logger = logging.getLogger(__name__)

@app.post("/orders")
def create_order():
    logger.info("creating order")
```

## Fix safety
Rewrites the call to the module logger (`logger.info`, adding `import logging` and
`logger = logging.getLogger(__name__)` when missing; `log.Print*` in Go; the file's `logger` in
JS when one exists). An f-string becomes a format with lazy arguments
(`print(f"user {user}")` → `logger.info("user %s", user)`; `{x!r}` → `%r`, `{x:.2f}` → `%.2f`);
when the f-string uses something %-formatting cannot express (`{x=}`, alignment, nested specs)
no fix is offered. Unsafe: output moves from stdout to the logging pipeline, which a program
might rely on, and `%s` renders with `str()` where a custom `__format__` could differ.

## References
- Ruff T201/T203, ESLint `no-console`, golangci `forbidigo`
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "print-instead-of-logging",
    .category = core::Category::Observability,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "print()/console.log/fmt.Print in server code instead of a logger",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
    .planTitle = "Log with a logger, not print",
};

bool inPathSegment(std::string_view path, std::initializer_list<std::string_view> segs) {
  for (auto s : segs) {
    std::string needle = "/" + std::string(s) + "/";
    if (("/" + std::string(path)).find(needle) != std::string::npos) return true;
  }
  return false;
}

class PrintInsteadOfLogging final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void finish(RuleContext& ctx) const override {
    // One eligible site per server module (density over modules, as the catalog scores it).
    auto role = ctx.facts().role;
    if (role == core::FileRole::Server || role == core::FileRole::Library) ctx.countSite();
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    using core::FileRole;
    auto role = facts.role;
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    switch (ctx.lang()) {
      case Lang::Python: {
        if (callee != "print" && callee != "pprint" && callee != "pprint.pprint") return;
        if (inMainFunction(ctx)) return;
        core::Finding& f = report(ctx, call, callee, role);
        print_fix::python(f, ctx, call, callee);
        return;
      }
      case Lang::Go: {
        bool isPrint = callee == "fmt.Println" || callee == "fmt.Printf" || callee == "fmt.Print" ||
                       callee == "println" || callee == "print";
        if (!isPrint) return;
        // In package main only handlers count: elsewhere main() printing is a CLI's output.
        bool handler = inGoHandler(ctx);
        if (facts.hasMainGuard && !handler) return;
        core::Finding& f = report(ctx, call, callee, role);
        if (handler) f.confidence = core::Confidence::High;
        print_fix::go(f, ctx, call, callee);
        return;
      }
      default: {
        if (callee != "console.log" && callee != "console.info" && callee != "console.debug" &&
            callee != "console.trace")
          return;
        bool serverPath = inPathSegment(ctx.file().path, {"server", "api", "routes", "handlers", "controllers",
                                                          "middleware", "services"}) ||
                          ctx.file().path.find("route.") != std::string::npos;
        if (inDevelopmentBranch(ctx, call)) return;
        core::Finding& f = report(ctx, call, callee, role);
        if (role == FileRole::Library && serverPath) f.confidence = core::Confidence::High;
        print_fix::js(f, ctx, call);
        return;
      }
    }
  }

 private:
  static core::Finding& report(RuleContext& ctx, ts::Node call, std::string_view callee, core::FileRole role) {
    std::string msg = "`" + std::string(callee) + "(...)` in server code: use a logger with levels and context";
    core::Finding& f = ctx.report(call.field("function"), msg);
    if (role == core::FileRole::Library) f.confidence = core::Confidence::Low;
    return f;
  }

  static bool inMainFunction(const RuleContext& ctx) {
    ts::Node fn = enclosingFunction(ctx);
    auto name = functionName(fn, ctx.source());
    return name == "main" || name == "cli";
  }

  /// Names bound to `process.env.NODE_ENV` in the file (`const env = process.env.NODE_ENV`).
  static bool namesNodeEnv(std::string_view src, std::string_view cond) {
    if (cond.find("NODE_ENV") != std::string_view::npos) return true;
    constexpr std::string_view kRead = "= process.env.NODE_ENV";
    for (auto at = src.find(kRead); at != std::string_view::npos; at = src.find(kRead, at + 1)) {
      auto end = at;
      while (end > 0 && src[end - 1] == ' ') --end;
      auto begin = end;
      while (begin > 0 && (std::isalnum(static_cast<unsigned char>(src[begin - 1])) || src[begin - 1] == '_')) --begin;
      if (begin < end && cond.find(src.substr(begin, end - begin)) != std::string_view::npos) return true;
    }
    return false;
  }

  /// The call is in the then-branch of `if (NODE_ENV === "development")` (directly or through a
  /// local bound to NODE_ENV): local development output, never run in production.
  static bool inDevelopmentBranch(const RuleContext& ctx, ts::Node call) {
    auto src = ctx.source();
    for (ts::Node a : ctx.ancestors()) {
      if (a.type() != "if_statement") continue;
      ts::Node then = a.field("consequence");
      if (!then || call.startByte() < then.startByte() || call.endByte() > then.endByte()) continue;
      auto cond = a.field("condition").text(src);
      bool dev = cond.find("\"development\"") != std::string_view::npos ||
                 cond.find("'development'") != std::string_view::npos;
      bool equals = cond.find("==") != std::string_view::npos && cond.find("!=") == std::string_view::npos &&
                    cond.find("||") == std::string_view::npos;
      if (dev && equals && namesNodeEnv(src, cond)) return true;
    }
    return false;
  }

  static bool inGoHandler(const RuleContext& ctx) {
    auto src = ctx.source();
    for (ts::Node a : ctx.ancestors()) {
      if (!isFunctionNode(a, Lang::Go)) continue;
      auto params = a.field("parameters").text(src);
      if (params.find("http.ResponseWriter") != std::string_view::npos ||
          params.find("*gin.Context") != std::string_view::npos || params.find("echo.Context") != std::string_view::npos ||
          params.find("*fiber.Ctx") != std::string_view::npos)
        return true;
    }
    return false;
  }
};

}  // namespace

const Rule& printInsteadOfLogging() {
  static const PrintInsteadOfLogging rule;
  return rule;
}

}  // namespace agentlens::rules
