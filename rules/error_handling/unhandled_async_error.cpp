// unhandled-async-error: Express 4 async handlers whose rejections nobody catches, and floating
// promises in server code.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds asynchronous errors that no one handles in JavaScript/TypeScript server code:
- an `async` Express route handler or middleware with an `await` outside any `try`/`catch`,
  when the module neither imports `express-async-errors` nor wraps the handler
  (`asyncHandler(...)`, `catchAsync(...)`, `wrap(...)`);
- a floating promise: a call to `fetch` or to an `async function` of the same module used as a
  statement, without `await`, `return`, `.catch(...)` or `void`.

Express version: Express 5 forwards rejected promises to the error handler, Express 4 does not.
When the workspace is scanned, the version comes from the `express` dependency of the nearest
`package.json` (the file's directory, then its parents): on Express 5 async handlers are not
reported, on Express 4 they are reported at high confidence. When the version is unknown (a
single file in the editor, no `package.json`, a spec such as `latest`), the rule assumes
Express 4 (what most code in the wild still runs) and reports at medium confidence. Next.js route
handlers, Fastify, Koa and Hono handle async handlers natively (a rejection is logged and answered
with a 500) and are not flagged. Nor are awaits that settle with a value: result-style APIs whose error comes back
in the result (`const { data, error } = await supabase.auth.getUser()`) and the Next.js request
helpers (`await cookies()`, `await headers()`, `await params`).

## Why is this bad?
In Express 4 a rejected promise in a handler never reaches the error middleware: the request
hangs until the client times out, and Node prints an `unhandledRejection` warning or, since
Node 15, crashes the process.

## Example
```js
app.get("/orders/:id", async (req, res) => {
  const order = await db.findOrder(req.params.id);
  res.json(order);
});
```

Use instead:
```js
app.get("/orders/:id", async (req, res, next) => {
  try {
    const order = await db.findOrder(req.params.id);
    res.json(order);
  } catch (err) {
    next(err);
  }
});
```

## Fix safety
Wrapping the body in `try { … } catch (err) { next(err); }` (adding the `next` parameter) sends the
error to the error middleware instead of leaving the request hanging: unsafe, the response
changes. For a floating promise, "add `.catch(...)` that logs" is safe; "add `await`" changes
timing: unsafe.

## References
- Express 5 migration guide ("Rejected promises handled by middleware")
- `@typescript-eslint/no-floating-promises`, `promise/catch-or-return`
)md";

const RuleMeta kMeta{
    .id = "unhandled-async-error",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = kJsFamily,
    .summary = "Async Express handler or promise whose rejection nobody handles",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

struct Floating {
  ts::Node stmt;
  ts::Node call;
  std::string name;
};
struct State final : RuleState {
  std::vector<std::string> asyncFunctions;
  std::vector<Floating> floating;
};

/// An await that does not reject on the failures a handler expects: a result-style API whose
/// error comes back as a value (`const { data, error } = await supabase.auth.getUser()`), or
/// Next.js request helpers (`await cookies()`, `await headers()`, `await params`).
bool settlesWithValue(ts::Node await, std::string_view src) {
  ts::Node arg = await.namedChildCount() ? await.namedChild(0) : ts::Node();
  if (arg) {
    auto t = arg.text(src);
    if (t == "cookies()" || t == "headers()" || t == "draftMode()" || t == "params" || t == "props.params" ||
        t == "searchParams" || t == "props.searchParams")
      return true;
  }
  ts::Node decl = await.parent();
  if (!decl || decl.type() != "variable_declarator") return false;
  ts::Node name = decl.field("name");
  if (!name || name.type() != "object_pattern") return false;
  for (std::uint32_t i = 0; i < name.namedChildCount(); ++i) {
    ts::Node p = name.namedChild(i);
    ts::Node key = p.type() == "pair_pattern" ? p.field("key") : p;
    if (key && key.text(src) == "error") return true;
  }
  return false;
}

class UnhandledAsyncError final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang) const override {
    return {"arrow_function", "function_expression", "function_declaration", "expression_statement"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Frontend || facts.role == core::FileRole::Script)
      return;
    if (facts.usesFramework("fastify") || facts.usesFramework("koa") || facts.usesFramework("hono")) return;
    auto src = ctx.source();
    State& st = ctx.state<State>();
    if (node.type() == "expression_statement") {
      collectFloating(node, ctx, st);
      return;
    }
    bool isAsync = node.text(src).starts_with("async");
    if (node.type() == "function_declaration" && isAsync) {
      ts::Node n = node.field("name");
      if (n) st.asyncFunctions.emplace_back(n.text(src));
    }
    if (!isAsync) return;
    auto anc = ctx.ancestors();
    // Wrapped in a helper (asyncHandler(fn), catchAsync(fn)): the wrapper forwards rejections.
    if (anc.size() >= 2 && anc.back().type() == "arguments" && anc[anc.size() - 2].type() == "call_expression" &&
        anc[anc.size() - 2].field("function").type() != "member_expression")
      return;
    Handler h = handlerFor(node, anc, ctx);
    if (!h) return;
    // Next.js catches a rejected route handler, logs it on the server and answers 500: handled.
    if (h.framework == "nextjs") return;
    if (h.framework != "express" && !facts.usesFramework("express")) return;
    ctx.countSite();
    if (facts.imports_("express-async-errors") || facts.imports_("@root/async-wrap")) return;
    ts::Node body = node.field("body");
    if (!body || body.type() != "statement_block") return;
    // An await outside any try with a catch.
    ts::Node unguarded;
    ts::walk(body, [&](ts::Node n) {
      if (unguarded) return false;
      if (n != body && isFunctionNode(n, ctx.lang())) return false;
      if (n.type() == "try_statement" && n.field("handler")) return false;
      if (n.type() == "await_expression") {
        if (!settlesWithValue(n, src)) unguarded = n;
        return false;
      }
      return true;
    });
    if (!unguarded) return;
    core::Finding& f = ctx.report(core::ByteRange{node.startByte(), body.startByte()},
                                  "async handler: a rejected `await` here never reaches Express 4's error handler "
                                  "(the request hangs); wrap the body in try/catch and call `next(err)`");
    while (f.range.end > f.range.start && (src[f.range.end - 1] == ' ' || src[f.range.end - 1] == '>' ||
                                           src[f.range.end - 1] == '='))
      --f.range.end;
    tryCatchFix(f, ctx, node, body);
  }

  void finish(RuleContext& ctx) const override {
    State& st = ctx.state<State>();
    auto src = ctx.source();
    for (const auto& fl : st.floating) {
      bool known = fl.name == "fetch" ||
                   std::find(st.asyncFunctions.begin(), st.asyncFunctions.end(), fl.name) != st.asyncFunctions.end();
      if (!known) continue;
      ctx.countSite();
      core::Finding& f = ctx.report(fl.call, "promise from `" + fl.name + "(...)` is neither awaited nor caught: a "
                                                                           "rejection becomes an unhandled rejection");
      LoggerPlan logger = jsLogger(ctx.file());
      core::Fix fix{.title = "Add .catch(...) that logs the error", .applicability = core::Applicability::Safe};
      core::TextEdit e;
      e.range = {fl.call.endByte(), fl.call.endByte()};
      e.text = logger.name == "console" ? ".catch((err) => console.error(\"" + fl.name + " failed\", err))"
                                        : ".catch((err) => " + logger.name + ".error({ err }, \"" + fl.name + " failed\"))";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
      (void)src;
    }
  }

 private:
  static void collectFloating(ts::Node stmt, RuleContext& ctx, State& st) {
    auto src = ctx.source();
    if (stmt.namedChildCount() != 1) return;
    ts::Node call = stmt.namedChild(0);
    if (call.type() != "call_expression") return;
    ts::Node fn = call.field("function");
    if (!fn || fn.type() != "identifier") return;  // obj.method(...) chains are out of reach without types
    if (!enclosingFunction(ctx)) return;           // module-level start-up calls
    st.floating.push_back({stmt, call, std::string(fn.text(src))});
  }

  static void tryCatchFix(core::Finding& f, RuleContext& ctx, ts::Node fn, ts::Node body) {
    auto src = ctx.source();
    auto params = paramNames(fn, src, ctx.lang());
    ts::Node plist = fn.field("parameters");
    if (!plist || params.size() < 2 || params.size() > 3) return;
    std::string next = params.size() == 3 ? std::string(params[2]) : "next";
    if (next.empty()) return;
    std::string unit = indentUnit(src, ctx.lang());
    std::string indent(lineIndent(src, fn.startByte()));
    // If the handler starts mid-line (app.get("/x", async (req, res) => {), the body's closing
    // brace sets the indentation.
    std::string closeIndent(lineIndent(src, body.endByte() - 1));
    auto stmts = statements(body);
    if (stmts.empty()) return;
    // Keep what follows `{` on its line (a comment) in place.
    std::uint32_t nl = body.startByte() + 1;
    while (nl < body.endByte() && src[nl] != '\n') ++nl;
    if (nl >= body.endByte() - 1) return;  // one-line body
    std::string head(src.substr(body.startByte() + 1, nl - body.startByte() - 1));
    std::uint32_t from = nl + 1;
    std::uint32_t to = body.endByte() - 1;
    while (to > from && (src[to - 1] == ' ' || src[to - 1] == '\t')) --to;
    std::string inner(src.substr(from, to - from));
    // Indent each line by one unit.
    std::string indented;
    bool atStart = true;
    for (char c : inner) {
      if (atStart && c != '\n') indented += unit;
      indented += c;
      atStart = c == '\n';
    }
    if (!indented.empty() && indented.back() != '\n') indented += '\n';
    std::string bodyIndent = closeIndent + unit;
    core::Fix fix{.title = "Wrap the body in try/catch and pass errors to next(err)",
                  .applicability = core::Applicability::Unsafe};
    if (params.size() == 2) {
      core::TextEdit p;
      ts::Node last = plist.namedChild(plist.namedChildCount() - 1);
      p.range = {last.endByte(), last.endByte()};
      p.text = ", next";
      fix.edits.push_back(p);
    }
    core::TextEdit e;
    e.range = {body.startByte(), body.endByte()};
    e.text = "{" + head + "\n" + bodyIndent + "try {\n" + indented + bodyIndent + "} catch (err) {\n" + bodyIndent + unit + next +
             "(err);\n" + bodyIndent + "}\n" + closeIndent + "}";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
    (void)indent;
  }
};

}  // namespace

const Rule& unhandledAsyncError() {
  static const UnhandledAsyncError rule;
  return rule;
}

}  // namespace agentlens::rules
