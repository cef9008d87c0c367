// exit-in-request-path: sys.exit / process.exit / log.Fatal / os.Exit where a request is served.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds calls that end the process where a request is being served:
- Python: `sys.exit`, `os._exit`, `exit`, `quit` inside a request handler;
- JavaScript/TypeScript: `process.exit()` in a handler, middleware or request callback;
- Go: `log.Fatal*` / `os.Exit` inside a handler, or outside `main`/`init` in a non-main package;
  `panic(...)` / `log.Panic*` inside a handler.

Not flagged: fail-fast configuration checks at start-up (module level, `main`, `init`,
`if __name__ == "__main__":`, Go configuration packages `config/`, `env/`, `settings/`), CLI
tools, `Must*` helpers, functions whose contract is to exit (a logger's `Fatal` method, a doc
comment saying it exits), `log.Fatal(http.ListenAndServe(...))` in `main`, and tests.

## Why is this bad?
One bad request kills the whole process and every request in flight with it; in-flight
transactions are cut, and a client that retries the same input takes the service down again.
Go's `log.Fatal` also skips deferred cleanup.

## Example
```js
app.post("/import", (req, res) => {
  if (!req.body.rows) process.exit(1);
});
```

Use instead:
```js
app.post("/import", (req, res, next) => {
  if (!req.body.rows) return next(new Error("rows missing"));
});
```

## Fix safety
Replaces the exit with an error the framework turns into a 500 (`raise RuntimeError(...)`,
`throw new Error(...)`, `http.Error(w, ...); return` or `return fmt.Errorf(...)` in Go). Control
flow changes: unsafe.

## References
- eslint-plugin-n `n/no-process-exit`, revive `deep-exit`
)md";

const RuleMeta kMeta{
    .id = "exit-in-request-path",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Process exit (sys.exit, process.exit, log.Fatal, os.Exit) reachable from a request",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
};

class ExitInRequestPath final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Script) {
      // Go `package main` files are Script unless they serve HTTP: handlers there still count.
      if (!(ctx.lang() == Lang::Go && facts.role == core::FileRole::Script)) return;
    }
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    switch (ctx.lang()) {
      case Lang::Python: {
        if (callee != "sys.exit" && callee != "os._exit" && callee != "exit" && callee != "quit") return;
        Handler h = enclosingHandler(ctx);
        if (!h) return;
        core::Finding& f = ctx.report(call, "`" + std::string(callee) + "()` in a request handler stops the whole "
                                                                         "server: raise an exception instead");
        std::string fn(functionName(h.fn, src));
        core::Fix fix{.title = "Raise RuntimeError instead", .applicability = core::Applicability::Unsafe};
        core::TextEdit e;
        e.range = {call.startByte(), call.endByte()};
        e.text = "raise RuntimeError(\"" + fn + " cannot continue\")";
        auto anc = ctx.ancestors();
        if (!anc.empty() && anc.back().type() == "expression_statement") {
          fix.edits.push_back(e);
          f.fixes.push_back(fix);
        }
        return;
      }
      case Lang::Go: go(call, callee, ctx); return;
      default: {
        if (callee != "process.exit") return;
        Handler h = enclosingHandler(ctx);
        if (!h) return;
        core::Finding& f = ctx.report(call, "`process.exit()` in a request path stops the server for every client: "
                                            "throw or pass the error to `next(err)`");
        auto anc = ctx.ancestors();
        if (anc.empty() || anc.back().type() != "expression_statement") return;
        core::Fix fix{.title = "Throw an error instead", .applicability = core::Applicability::Unsafe};
        core::TextEdit e;
        e.range = {anc.back().startByte(), anc.back().endByte()};
        std::string fn(functionName(h.fn, src));
        e.text = "throw new Error(\"" + (fn.empty() ? std::string("request") : fn) + " cannot continue\");";
        fix.edits.push_back(e);
        f.fixes.push_back(fix);
        return;
      }
    }
  }

 private:
  /// Exiting is the function's contract: a logger's `Fatal` method, or a doc comment saying it
  /// exits ("It calls log.Fatalf if the variable is unset").
  static bool exitsByContract(ts::Node fn, std::string_view name, std::string_view src) {
    std::string l;
    for (char c : name) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l.starts_with("fatal") || l.starts_with("exit") || l == "die") return true;
    std::string doc;
    for (ts::Node c = fn.prevNamedSibling(); c && c.type() == "comment"; c = c.prevNamedSibling())
      doc += std::string(c.text(src));
    for (char& c : doc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return doc.find("fatal") != std::string::npos || doc.find("exits") != std::string::npos ||
           doc.find("os.exit") != std::string::npos;
  }

  /// A configuration package (`config/`, `env/`, `settings/`): loaded once at start-up, where
  /// failing fast on a bad configuration is intended.
  static bool startupConfigPackage(std::string_view path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string_view::npos) return false;
    std::string_view dir = path.substr(0, slash);
    auto s2 = dir.find_last_of('/');
    if (s2 != std::string_view::npos) dir.remove_prefix(s2 + 1);
    return dir == "config" || dir == "configs" || dir == "conf" || dir == "env" || dir == "settings";
  }

  static void go(ts::Node call, std::string_view callee, RuleContext& ctx) {
    auto src = ctx.source();
    bool fatal = callee == "log.Fatal" || callee == "log.Fatalf" || callee == "log.Fatalln" || callee == "os.Exit";
    bool panics = callee == "panic" || callee == "log.Panic" || callee == "log.Panicf" || callee == "log.Panicln";
    if (!fatal && !panics) return;
    Handler h = enclosingHandler(ctx);
    if (!h) {
      if (!fatal || ctx.facts().hasMainGuard) return;
      // Library package: only outside main/init/Must* helpers.
      ts::Node fn = enclosingFunction(ctx);
      if (!fn) return;
      // The top-level declaration decides (closures inside init count as init).
      for (ts::Node a : ctx.ancestors())
        if (a.type() == "function_declaration" || a.type() == "method_declaration") {
          fn = a;
          break;
        }
      auto name = functionName(fn, src);
      if (name == "main" || name == "init" || name == "TestMain" || name.starts_with("Must") ||
          name.starts_with("must"))
        return;
      if (exitsByContract(fn, name, src) || startupConfigPackage(ctx.file().path)) return;
      core::Finding& f = ctx.report(call, "`" + std::string(callee) + "` in library code exits the process from "
                                                                       "wherever it is called: return an error");
      f.severity = core::Severity::Medium;  // not known to be on a request path
      f.confidence = core::Confidence::Medium;
      returnErrorFix(f, ctx, call, fn, callee);
      return;
    }
    core::Finding& f = ctx.report(call, "`" + std::string(callee) + "` in an HTTP handler " +
                                            (fatal ? "exits the whole server" : "crashes the request (and the server "
                                                                                "without recovery middleware)") +
                                            ": answer with an error status instead");
    if (h.framework != "net/http") return;
    auto params = paramNames(h.fn, src, Lang::Go);
    if (params.empty() || params[0].empty()) return;
    auto anc = ctx.ancestors();
    if (anc.empty() || anc.back().type() != "expression_statement") return;
    core::Fix fix{.title = "Answer 500 and return", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {anc.back().startByte(), anc.back().endByte()};
    std::string indent(lineIndent(src, anc.back().startByte()));
    e.text = "http.Error(" + std::string(params[0]) + ", \"internal error\", http.StatusInternalServerError)\n" +
             indent + "return";
    // A handler literal inside another function returns from the literal: still correct.
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void returnErrorFix(core::Finding& f, RuleContext& ctx, ts::Node call, ts::Node fn, std::string_view callee) {
    auto src = ctx.source();
    auto types = goResultTypes(enclosingFunction(ctx), src);
    if (enclosingFunction(ctx) != fn || types.empty() || types.back() != "error") return;
    auto anc = ctx.ancestors();
    if (anc.empty() || anc.back().type() != "expression_statement") return;
    ts::Node args = call.field("arguments");
    std::string ret = "return ";
    for (std::size_t i = 0; i + 1 < types.size(); ++i) ret += goZeroValue(types[i]) + ", ";
    std::string name(functionName(fn, src));
    ts::Node lastArg = args && args.namedChildCount() ? args.namedChild(args.namedChildCount() - 1) : ts::Node();
    if (lastArg && lastArg.type() == "identifier" && lastArg.text(src).ends_with("rr") && callee != "os.Exit") {
      ret += "fmt.Errorf(\"" + name + ": %w\", " + std::string(lastArg.text(src)) + ")";
    } else {
      ret += "fmt.Errorf(\"" + name + " failed\")";
    }
    core::Fix fix{.title = "Return an error instead", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "fmt");
    core::TextEdit e;
    e.range = {anc.back().startByte(), anc.back().endByte()};
    e.text = ret;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& exitInRequestPath() {
  static const ExitInRequestPath rule;
  return rule;
}

}  // namespace agentlens::rules
