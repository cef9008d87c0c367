// missing-rollback: a transaction committed in a try whose error path never rolls back.
#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/database/dependent_writes.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds transactions whose error path does not roll back:
- Python: a `try` that calls `conn.commit()` / `session.commit()` with an `except` that never calls
  `.rollback()`;
- JavaScript/TypeScript: a function that runs `query("BEGIN")` and never `ROLLBACK`;
- Go: `tx, err := db.Begin()` / `BeginTx(…)` with no `tx.Rollback()` in the function;
- JavaScript/TypeScript: a row written (drizzle `insert().values()`, Prisma `create`) whose later
  dependent writes (`user.id` in the next insert) run with no transaction at all.

## Why is this bad?
After a failed statement the transaction is aborted: psycopg2 answers every later query on that
connection with "current transaction is aborted", and a SQLAlchemy session refuses to work until it
is rolled back. With pooled connections the broken state leaks into the next request. In Go an
uncommitted `*sql.Tx` holds its connection until it is rolled back.

Not flagged: `with conn:` (psycopg2), `with session.begin():`, Django `transaction.atomic()`, Prisma
`$transaction`, knex `transaction(cb)`, GORM `db.Transaction(fn)`, and a `Tx` that is returned to
the caller, also inside a wrapper (`return &Tx{Tx: tx}, nil`), and a GORM `tx := db.Begin()` whose
`tx.Commit()` is reached on every path (no `return` between them, Commit not inside an `if`). When the `except` re-raises, a request-scoped session may still be rolled back by the
framework: those findings have low confidence.

## Example
```python
try:
    cur.execute("UPDATE stock SET qty = qty - 1 WHERE sku = %s", (sku,))
    conn.commit()
except psycopg2.Error:
    logger.exception("reserve failed")
    raise
```

Use instead:
```python
try:
    cur.execute("UPDATE stock SET qty = qty - 1 WHERE sku = %s", (sku,))
    conn.commit()
except psycopg2.Error:
    conn.rollback()
    logger.exception("reserve failed")
    raise
```

## Fix safety
Go: `defer tx.Rollback()` right after the `Begin` error check is a no-op once `Commit` succeeded:
safe. Python and JS insert the rollback as the first statement of the `except`/`catch`; the rollback
itself can raise on a broken connection and replace the original error: unsafe, review it.

## References
- psycopg2 docs: transactions control
- SQLAlchemy docs: session basics, "rolling back"
- Go `database/sql` docs: `Tx.Rollback`
)md";

const RuleMeta kMeta{
    .id = "missing-rollback",
    .category = core::Category::Database,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Transaction committed without a rollback on the error path",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Roll back failed transactions",
    .effort = core::Effort::S,
};

bool containsCI(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < needle.size() && ok; ++k)
      ok = std::tolower(static_cast<unsigned char>(hay[i + k])) == std::tolower(static_cast<unsigned char>(needle[k]));
    if (ok) return true;
  }
  return false;
}

class MissingRollback final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"try_statement"};
    if (lang == Lang::Go) return {"short_var_declaration", "assignment_statement"};
    return {"call_expression", "variable_declarator"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || ctx.facts().role == core::FileRole::Migration) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: node.type() == "variable_declarator" ? depwrites::js(node, ctx) : js(node, ctx); break;
    }
  }

 private:
  static void python(ts::Node tryStmt, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node body = tryStmt.field("body");
    // The commit call directly in this try (not in a nested function or nested try).
    ts::Node commit;
    ts::walk(body, [&](ts::Node n) {
      if (commit) return false;
      if (n.type() == "function_definition" || n.type() == "try_statement" || n.type() == "class_definition")
        return false;
      if (n.type() == "call" && calleeName(n, src) == "commit") {
        ts::Node fn = n.field("function");
        if (fn.type() == "attribute") commit = n;
      }
      return true;
    });
    if (!commit) return;
    // Managed scopes: with conn:, with session.begin():, transaction.atomic().
    for (ts::Node a : ctx.ancestors()) {
      if (a.type() != "with_statement") continue;
      auto t = a.text(src).substr(0, a.field("body") ? a.field("body").startByte() - a.startByte() : 0);
      if (t.find("begin(") != std::string_view::npos || t.find("atomic") != std::string_view::npos ||
          t.find("conn") != std::string_view::npos || t.find("transaction") != std::string_view::npos)
        return;
    }
    std::string receiver(commit.field("function").field("object").text(src));
    if (receiver == "transaction" || receiver.ends_with(".transaction")) return;
    std::vector<ts::Node> missing;
    bool reraises = false;
    for (std::uint32_t i = 0; i < tryStmt.namedChildCount(); ++i) {
      ts::Node c = tryStmt.namedChild(i);
      if (c.type() != "except_clause") continue;
      bool rolls = ts::anyDescendant(c, [&](ts::Node n) { return n.type() == "call" && calleeName(n, src) == "rollback"; });
      if (rolls) continue;
      missing.push_back(c);
      if (ts::anyDescendant(c, [](ts::Node n) { return n.type() == "raise_statement"; })) reraises = true;
    }
    if (missing.empty()) return;
    // A rollback in the finally also counts.
    for (std::uint32_t i = 0; i < tryStmt.namedChildCount(); ++i) {
      ts::Node c = tryStmt.namedChild(i);
      if (c.type() == "finally_clause" &&
          ts::anyDescendant(c, [&](ts::Node n) { return n.type() == "call" && calleeName(n, src) == "rollback"; }))
        return;
    }
    auto& f = ctx.report(commit, "`" + receiver + ".commit()` has no `" + receiver +
                                     ".rollback()` in the `except`: the transaction stays aborted after an error");
    if (reraises) f.confidence = core::Confidence::Low;
    core::Fix fix{.title = "Roll back in the except", .applicability = core::Applicability::Unsafe};
    for (ts::Node c : missing) {
      ts::Node block;
      for (std::uint32_t i = 0; i < c.namedChildCount(); ++i)
        if (c.namedChild(i).type() == "block") block = c.namedChild(i);
      auto stmts = statements(block);
      if (stmts.empty()) continue;
      core::TextEdit e;
      e.range = {stmts.front().startByte(), stmts.front().startByte()};
      e.text = receiver + ".rollback()\n" + std::string(lineIndent(src, stmts.front().startByte()));
      fix.edits.push_back(e);
    }
    if (!fix.edits.empty()) f.fixes.push_back(fix);
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto name = calleeName(call, src);
    if (name != "query" && name != "execute" && name != "raw") return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0) return;
    auto v = stringLiteralValue(args.namedChild(0), src, ctx.lang());
    if (!v) return;
    std::string_view sql = *v;
    while (!sql.empty() && sql.front() == ' ') sql.remove_prefix(1);
    if (!(containsCI(sql.substr(0, 5), "BEGIN") || containsCI(sql.substr(0, 17), "START TRANSACTION"))) return;
    ts::Node fn = enclosingFunction(ctx);
    ts::Node scope = fn ? fn : ctx.file().tree.root();
    if (containsCI(scope.text(src), "ROLLBACK")) return;
    auto& f = ctx.report(call, "transaction started with BEGIN is never rolled back: add `ROLLBACK` in a catch");
    // Fix: the first catch in the function after BEGIN gets a ROLLBACK.
    ts::Node catchBody;
    ts::walk(scope, [&](ts::Node n) {
      if (catchBody) return false;
      if (n.type() == "catch_clause" && n.startByte() > call.endByte()) catchBody = n.field("body");
      return true;
    });
    if (!catchBody) return;
    ts::Node fnNode = call.field("function");
    std::string receiver(fnNode.type() == "member_expression" ? fnNode.field("object").text(src) : "");
    if (receiver.empty()) return;
    auto stmts = statements(catchBody);
    std::string indent = stmts.empty() ? std::string(lineIndent(src, catchBody.startByte())) + indentUnit(src, ctx.lang())
                                       : std::string(lineIndent(src, stmts.front().startByte()));
    bool awaited = ctx.ancestors().back().type() == "await_expression";
    core::Fix fix{.title = "Run ROLLBACK in the catch", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {catchBody.startByte() + 1, catchBody.startByte() + 1};
    e.text = "\n" + indent + (awaited ? "await " : "") + receiver + "." + std::string(name) + "(\"ROLLBACK\");";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  /// `return &Tx{Tx: tx, now: time.Now()}, nil`: the transaction leaves inside a wrapper, and the
  /// caller that receives it owns the rollback.
  static bool returnedWrapped(ts::Node fn, std::string_view tx, std::string_view src) {
    bool found = false;
    ts::walk(fn, [&](ts::Node n) {
      if (found) return false;
      if (n.type() != "return_statement") return true;
      ts::walk(n, [&](ts::Node m) {
        if (found) return false;
        if (m.type() == "identifier" && m.text(src) == tx) {
          ts::Node p = m.parent();
          bool operand = p && p.type() == "selector_expression" && p.field("operand") == m;  // tx.Commit()
          if (!operand) found = true;
        }
        return true;
      });
      return false;
    });
    return found;
  }

  /// GORM's `tx := db.Begin()` followed by statements that cannot leave the function and then an
  /// unconditional `tx.Commit()` in the same block: every path commits, so nothing is left open
  /// (only a panic would). The `if err != nil` check right after `Begin` runs before the
  /// transaction exists and does not count as an exit.
  static bool straightLineCommit(ts::Node decl, const std::string& tx, std::string_view src) {
    ts::Node block = decl.parent();
    if (!block || (block.type() != "block" && block.type() != "statement_list")) return false;
    bool after = false, first = true;
    const std::string commit = tx + ".Commit()";
    for (std::uint32_t i = 0; i < block.namedChildCount(); ++i) {
      ts::Node s = block.namedChild(i);
      if (s == decl) { after = true; continue; }
      if (!after || s.type() == "comment") continue;
      auto text = s.text(src);
      bool errCheck = first && s.type() == "if_statement" && !s.field("initializer") && decl.field("left").namedChildCount() > 1 &&
                      s.field("condition") &&
                      s.field("condition").text(src) == "err != nil";
      first = false;
      if (text.find(commit) != std::string_view::npos)
        return s.type() != "if_statement" && s.type() != "for_statement" && s.type() != "go_statement" &&
               s.type() != "defer_statement" && !ts::anyDescendant(s, [](ts::Node n) { return n.type() == "func_literal"; });
      if (errCheck) continue;
      bool exits = ts::anyDescendant(s, [&](ts::Node n) {
        if (n.type() == "return_statement" || n.type() == "goto_statement") return true;
        return n.type() == "call_expression" && n.field("function").text(src).find("Fatal") != std::string_view::npos;
      });
      if (exits || s.type() == "return_statement") return false;
    }
    return false;
  }

  static void go(ts::Node decl, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node lhs = decl.field("left");
    ts::Node rhs = decl.field("right");
    if (!lhs || !rhs || rhs.namedChildCount() != 1 || lhs.namedChildCount() == 0) return;
    ts::Node call = rhs.namedChild(0);
    if (call.type() != "call_expression") return;
    auto name = calleeName(call, src);
    if (name != "Begin" && name != "BeginTx" && name != "Beginx" && name != "BeginTxx" && name != "MustBegin") return;
    std::string tx(lhs.namedChild(0).text(src));
    if (tx == "_") return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    auto body = fn.text(src);
    if (body.find(tx + ".Rollback(") != std::string_view::npos) return;
    // Ownership transferred to the caller.
    if (body.find("return " + tx + ",") != std::string_view::npos || body.find("return " + tx + "\n") != std::string_view::npos)
      return;
    if (returnedWrapped(fn, tx, src)) return;
    if (straightLineCommit(decl, tx, src)) return;
    auto& f = ctx.report(call, "`" + tx + "` is never rolled back: add `defer " + tx +
                                   ".Rollback()` after `Begin` (a no-op once committed)");
    // Insert after the `if err != nil {…}` that follows, else right after the declaration.
    core::Fix fix{.title = "Add `defer " + tx + ".Rollback()`", .applicability = core::Applicability::Safe};
    fix.edits.push_back(goInsertAfterErrCheck(decl, src, "defer " + tx + ".Rollback()"));
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& missingRollback() {
  static const MissingRollback rule;
  return rule;
}

}  // namespace agentlens::rules
