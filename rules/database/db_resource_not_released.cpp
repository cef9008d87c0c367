// db-resource-not-released: connections, cursors, result sets and response bodies that are never
// closed, or closed only on the happy path.
#include <regex>

#include "rules/common/syntax.hpp"
#include "rules/database/db_resource.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using dbres::escape;
using dbres::hasWord;
using dbres::inFinally;
using dbres::ownershipMoves;

constexpr std::string_view kDocs = R"md(## What it does
Finds acquired database resources that are not released on every path:
- Go: `rows, err := db.Query(…)` without `defer rows.Close()`; `resp, err := http.Get(…)` /
  `client.Do(…)` without `defer resp.Body.Close()`; `conn, err := db.Conn(ctx)` without `Close`;
- JavaScript/TypeScript: `const client = await pool.connect()` without `client.release()` in a
  `finally`, and `pool.connect((err, client, done) => …)` whose `done` is never called or passed on;
- Python: `psycopg2.connect()`, `pymysql.connect()`, `sqlite3.connect()` or `pool.getconn()` inside
  a function, not in a `with`, and not closed (`close()`/`putconn()`) in a `finally`.

## Why is this bad?
Every unreleased result set or pooled client pins a connection. Under load the pool runs dry and
requests hang waiting for a connection that never comes back: the classic "works on my machine,
falls over at 50 users". An unread, unclosed HTTP body also keeps its TCP connection from being
reused.

Not flagged: resources returned to the caller, yielded or stored on an object (ownership moves),
rows of a transaction whose `Rollback` is deferred (ending the transaction closes them), `QueryRow(…).Scan`
(closes itself), sqlx `Select`/`Get`, API clients that return `(value, resp, err)` (go-github and
alikes read and close the body themselves). `with psycopg2.connect() as conn:` is reported with low
severity: that `with` scopes a transaction and does **not** close the connection.

## Example
```go
rows, err := db.QueryContext(ctx, "SELECT id FROM orders")
if err != nil {
	return err
}
for rows.Next() { /* … */ }
```

Use instead:
```go
rows, err := db.QueryContext(ctx, "SELECT id FROM orders")
if err != nil {
	return err
}
defer rows.Close()
for rows.Next() { /* … */ }
```

## Fix safety
Go: `defer x.Close()` right after the error check only adds a close at function exit: safe.
JS: the statements after `pool.connect()` are wrapped in `try { … } finally { client.release(); }`;
behaviour is unchanged apart from the release: safe. Python has no automatic fix.

## References
- golangci-lint `bodyclose`, `sqlclosecheck`, `rowserrcheck`
- node-postgres docs: pooling ("you must release the client")
- psycopg2 docs: "with conn" does not close the connection
)md";

const RuleMeta kMeta{
    .id = "db-resource-not-released",
    .category = core::Category::Database,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Database connection, result set or response body is not released on every path",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Density,
    .planTitle = "Release database connections and result sets",
    .effort = core::Effort::S,
};

class DbResourceNotReleased final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"assignment", "with_item"};
    if (lang == Lang::Go) return {"short_var_declaration"};
    return {"variable_declarator", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: node.type() == "call_expression" ? dbres::jsConnectCallback(node, ctx) : dbres::js(node, ctx); break;
    }
  }

 private:
  static bool pyConnectCall(ts::Node call, std::string_view src) {
    if (!call || call.type() != "call") return false;
    auto callee = calleeText(call, src);
    for (auto c : {"psycopg2.connect", "pymysql.connect", "sqlite3.connect", "mysql.connector.connect", "MySQLdb.connect"})
      if (callee == c) return true;
    return calleeName(call, src) == "getconn";
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "with_item") {
      ts::Node v = node.field("value");
      if (v.type() == "as_pattern") v = v.namedChild(0);
      auto callee = calleeText(v, src);
      // sqlite3's `with` does not close either, but a local file handle is cheap: psycopg2 only.
      if (v.type() != "call" || callee != "psycopg2.connect") return;
      if (ctx.facts().role == core::FileRole::Script) return;
      ctx.countSite();
      auto& f = ctx.report(v, "`with " + std::string(callee) +
                                  "(…)` only scopes a transaction; the connection stays open: wrap it in `contextlib.closing(…)`");
      f.severity = core::Severity::Low;
      return;
    }
    ts::Node left = node.field("left");
    ts::Node right = node.field("right");
    if (!left || left.type() != "identifier" || !pyConnectCall(right, src)) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || fn.type() != "function_definition") return;  // module-level: long-lived on purpose
    ctx.countSite();
    std::string name(left.text(src));
    if (ownershipMoves(fn, src, name, "return")) return;
    // Cached on the object (`self._conn = conn`): a long-lived connection, closed by its owner.
    if (hasWord(fn.field("body").text(src), "\\w+\\.\\w+\\s*=\\s*" + escape(name) + "\\b(?![.(\\[])")) return;
    bool putconn = calleeName(right, src) == "getconn";
    std::string release = putconn ? "putconn\\(\\s*" + escape(name) + "\\b" : escape(name) + "\\.close\\(";
    ts::Node body = fn.field("body");
    if (inFinally(body, src, release)) return;
    bool anywhere = hasWord(body.text(src), release);
    std::string what = putconn ? "returned to the pool with `putconn()`" : "closed";
    if (anywhere) {
      auto& f = ctx.report(node, "`" + name + "` is " + what + " only on the happy path: release it in a `finally`");
      f.severity = core::Severity::Low;
    } else {
      ctx.report(node, "`" + name + "` is never " + what + ": use `with contextlib.closing(…)` or release it in a `finally`");
    }
  }

  static void go(ts::Node decl, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node lhs = decl.field("left");
    ts::Node rhs = decl.field("right");
    if (!lhs || !rhs || rhs.namedChildCount() != 1 || lhs.namedChildCount() < 2) return;
    ts::Node call = rhs.namedChild(0);
    if (call.type() != "call_expression") return;
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    std::string var(lhs.namedChild(0).text(src));
    if (var == "_") return;
    std::string close, what;
    bool high = true;
    if (name == "Query" || name == "QueryContext" || name == "Queryx" || name == "QueryxContext") {
      close = var + ".Close()";
      what = "result set";
    } else if (lhs.namedChildCount() == 2 &&  // (resp, err); SDKs return (value, resp, err) and close it themselves
               (callee == "http.Get" || callee == "http.Post" || callee == "http.Head" || callee == "http.PostForm" ||
                name == "Do" || ((name == "Get" || name == "Post") && callee.find("lient") != std::string_view::npos))) {
      close = var + ".Body.Close()";
      what = "response body";
    } else if (name == "Conn" && call.field("arguments").namedChildCount() == 1) {
      close = var + ".Close()";
      what = "connection";
      high = false;
    } else {
      return;
    }
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    ctx.countSite();
    auto body = fn.field("body").text(src);
    if (body.find(close) != std::string_view::npos) return;
    if (ownershipMoves(fn, src, var, "return")) return;
    // Rows of a transaction whose Rollback is deferred: ending the transaction closes them.
    if (ts::Node recv = call.field("function").field("operand"); close == var + ".Close()" && what == "result set" && recv &&
        body.find("defer " + std::string(recv.text(src)) + ".Rollback()") != std::string_view::npos)
      return;
    // Stored on a struct or handed to a constructor: ownership moves.
    if (hasWord(body, "[\\w.]+\\s*=\\s*" + escape(var) + "\\b") || hasWord(body, ":\\s*" + escape(var) + "\\s*[,}]"))
      return;
    auto& f = ctx.report(call, "the " + what + " `" + var + "` is never closed: add `defer " + close +
                                   "` after the error check");
    if (high) f.severity = core::Severity::High;
    core::Fix fix{.title = "Add `defer " + close + "`", .applicability = core::Applicability::Safe};
    fix.edits.push_back(goInsertAfterErrCheck(decl, src, "defer " + close));
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& dbResourceNotReleased() {
  static const DbResourceNotReleased rule;
  return rule;
}

}  // namespace agentlens::rules
