// print-instead-of-logging: print()/console.log/fmt.Print* in server code.
#include <algorithm>
#include <cctype>
#include <optional>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds output written with `print()`/`pprint()` (Python), `console.log/info/debug/trace`
(JavaScript/TypeScript) or `fmt.Print*`/`println` (Go) in server code: modules that import a web
framework, request handlers, and application modules. CLI tools and commands (`@app.cli.command()`,
click, Django management commands), `if __name__ == "__main__":` blocks, `main()` functions,
scripts, seeds, tests, migrations, browser code and tool config are left alone.

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

/// An f-string rewritten for the logging module: a %-style format and its arguments.
struct PercentFormat {
  std::string start;    ///< prefix and opening quote, `f` dropped (`"`, `r'`, `"""`)
  std::string escaped;  ///< the literal's content with placeholders, `%` doubled
  std::string verbatim; ///< the content as written (used when there are no arguments)
  std::string end;      ///< the closing quote
  std::vector<std::string_view> args;
};

/// A printf conversion equivalent to a format() spec: `.2f`, `d`, `08.3f`, `x` (no alignment,
/// grouping or `%` spec, which %-formatting cannot express).
bool printfCompatibleSpec(std::string_view spec) {
  if (spec.empty()) return false;
  char type = spec.back();
  if (std::string_view("diouxXeEfFgG").find(type) == std::string_view::npos) return false;
  for (char c : spec.substr(0, spec.size() - 1))
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != ' ' && c != '#')
      return false;
  return true;
}

/// Converts an f-string to a %-style logging call's format and arguments, or nullopt when it
/// cannot be done faithfully (`{x=}`, nested or non-printf format specs, tuple expressions).
std::optional<PercentFormat> fstringToPercent(ts::Node str, std::string_view src) {
  PercentFormat out;
  auto text = [&](std::string_view t) {
    out.verbatim += t;
    for (char c : t) out.escaped += c == '%' ? std::string("%%") : std::string(1, c);
  };
  for (std::uint32_t i = 0; i < str.childCount(); ++i) {
    ts::Node c = str.child(i);
    auto t = c.type();
    if (t == "string_start") {
      for (char ch : c.text(src))
        if (ch != 'f' && ch != 'F') out.start += ch;
    } else if (t == "string_content") {
      std::uint32_t at = c.startByte();
      for (std::uint32_t k = 0; k < c.namedChildCount(); ++k) {
        ts::Node e = c.namedChild(k);
        if (e.type() != "escape_interpolation") continue;
        text(src.substr(at, e.startByte() - at));
        text(e.text(src).substr(0, 1));  // `{{` -> `{`
        at = e.endByte();
      }
      text(src.substr(at, c.endByte() - at));
    } else if (t == "interpolation") {
      for (std::uint32_t k = 0; k < c.childCount(); ++k)
        if (c.child(k).type() == "=") return std::nullopt;  // {x=} prints the expression text too
      ts::Node expr = c.field("expression");
      if (!expr || expr.type() == "expression_list" || expr.type() == "pattern_list" || expr.type() == "yield")
        return std::nullopt;
      ts::Node conv = c.field("type_conversion");
      ts::Node spec = c.field("format_specifier");
      std::string placeholder = "%s";
      if (spec) {
        if (conv || spec.namedChildCount() > 0) return std::nullopt;
        auto st = spec.text(src);
        if (st.starts_with(":")) st.remove_prefix(1);
        if (!printfCompatibleSpec(st)) return std::nullopt;
        placeholder = "%" + std::string(st);
      } else if (conv) {
        auto ct = conv.text(src);
        if (ct == "!r") placeholder = "%r";
        else if (ct == "!a") placeholder = "%a";
      }
      out.escaped += placeholder;
      out.verbatim += placeholder;  // unused: verbatim only matters without arguments
      out.args.push_back(expr.text(src));
    } else if (t == "string_end") {
      out.end = c.text(src);
    }
  }
  return out;
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
        pythonFix(f, ctx, call, callee);
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
        if (callee.starts_with("fmt.")) {
          core::Fix fix{.title = "Use the log package (" + std::string("log.") + std::string(callee.substr(4)) + ")",
                        .applicability = core::Applicability::Unsafe};
          fix.edits = goEnsureImport(ctx.file(), "log");
          core::TextEdit e;
          ts::Node fn = call.field("function");
          e.range = {fn.startByte(), fn.startByte() + 3};
          e.text = "log";
          fix.edits.push_back(e);
          f.fixes.push_back(fix);
        }
        return;
      }
      default: {
        if (callee != "console.log" && callee != "console.info" && callee != "console.debug" &&
            callee != "console.trace")
          return;
        bool serverPath = inPathSegment(ctx.file().path, {"server", "api", "routes", "handlers", "controllers",
                                                          "middleware", "services"}) ||
                          ctx.file().path.find("route.") != std::string::npos;
        core::Finding& f = report(ctx, call, callee, role);
        if (role == FileRole::Library && serverPath) f.confidence = core::Confidence::High;
        LoggerPlan logger = jsLogger(ctx.file());
        if (logger.name != "console") {
          std::string method(calleeName(call, src));
          if (method == "log") method = "info";
          core::Fix fix{.title = "Use " + logger.name + "." + method, .applicability = core::Applicability::Unsafe};
          core::TextEdit e;
          ts::Node fn = call.field("function");
          e.range = {fn.startByte(), fn.endByte()};
          e.text = logger.name + "." + method;
          fix.edits.push_back(e);
          f.fixes.push_back(fix);
        }
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

  static void pythonFix(core::Finding& f, RuleContext& ctx, ts::Node call, std::string_view callee) {
    if (callee != "print") return;
    auto src = ctx.source();
    ts::Node args = callArguments(call);
    if (!args || args.type() != "argument_list") return;
    std::vector<std::string_view> positional;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "comment") continue;
      if (a.type() == "keyword_argument" || a.type() == "list_splat" || a.type() == "dictionary_splat") return;
      positional.push_back(a.text(src));
    }
    if (positional.empty()) return;
    LoggerPlan logger = pythonLogger(ctx.file());
    std::string replacement = logger.name + ".info(";
    ts::Node first = args.namedChild(0);
    while (first && first.type() == "comment") first = first.nextNamedSibling();
    bool fstring = first && first.type() == "string" &&
                   (isInterpolatedString(first, Lang::Python) ||
                    first.text(src).substr(0, first.text(src).find_first_of("\"'")).find_first_of("fF") !=
                        std::string_view::npos);  // f"{{x}}" has no field but is still an f-string
    bool plainString = positional.size() == 1 && first.type() == "string" && !fstring;
    if (fstring) {
      // Lazy %-style arguments, as unstructured-log-message asks: `logger.info("user %s", user)`.
      auto converted = fstringToPercent(first, src);
      if (!converted) return;  // a format spec %-formatting cannot express: leave it to a human
      std::vector<std::string_view> callArgs(converted->args);
      // print() joins its arguments with spaces: one more `%s` per further argument.
      std::string extra;
      for (std::size_t i = 1; i < positional.size(); ++i) {
        extra += " %s";
        callArgs.push_back(positional[i]);
      }
      // logging %-formats the message only when there are arguments: keep `%` as written otherwise.
      replacement += converted->start + (callArgs.empty() ? converted->verbatim : converted->escaped) + extra +
                     converted->end;
      for (auto a : callArgs) replacement += ", " + std::string(a);
    } else if (plainString) {
      replacement += std::string(positional[0]);
    } else {
      std::string fmt = "\"";
      for (std::size_t i = 0; i < positional.size(); ++i) fmt += i ? " %s" : "%s";
      replacement += fmt + "\"";
      for (auto p : positional) replacement += ", " + std::string(p);
    }
    replacement += ")";
    core::Fix fix{.title = "Replace with " + logger.name + ".info(...)", .applicability = core::Applicability::Unsafe};
    fix.edits = logger.edits;
    core::TextEdit e;
    e.range = {call.startByte(), call.endByte()};
    e.text = replacement;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& printInsteadOfLogging() {
  static const PrintInsteadOfLogging rule;
  return rule;
}

}  // namespace agentlens::rules
