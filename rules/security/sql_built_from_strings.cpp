// sql-built-from-strings: SQL text assembled by interpolation and passed to a database sink;
// critical when request data reaches it in the same function. Offers a parameterized rewrite
// when every interpolated piece sits in a value position and the driver's style is known.
#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/sql_pieces.hpp"
#include "rules/security/sql_sinks.hpp"
#include "rules/security/sql_value_safety.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using sqlrule::Pieces;
using sqlrule::addFix;
using sqlrule::looksLikeSql;
using sqlrule::split;

constexpr std::string_view kDocs = R"md(## What it does
Finds SQL text built by string interpolation — f-strings, the `%` operator, `.format()`, `+`,
template literals with `${}`, `util.format`, `str.replace`, `String.concat` and `fmt.Sprintf`, a
`%` format string held in a local, a Go `strings.Builder`/`bytes.Buffer` written piece by piece,
keywords split across lines included — and passed, directly or through one local
variable, to a database call: `cursor.execute`, `session.execute(text(…))`, `Model.objects.raw`,
Django `RawSQL(…)` and `Model.objects.extra(where=[…], select={…})` clauses,
pg/mysql `query`, `knex.raw`, `sequelize.query`, `prisma.$queryRawUnsafe`, sqlite `run/all/get`,
Go `db.Query/QueryRow/Exec(+Context)`, pgx `conn.Query(ctx, …)`, sqlx `Select/Get`, gorm `Raw/Exec/Where`,
go-pg `db.Query(&model, …)`/`QueryOne`/`Model(…).Where/WhereOr`, pg8000 `conn.run(…)`. The finding is
critical when a value in the query comes from the request in the same function
(`request.args/json/form`, route parameters, `req.query/body/params`, `r.URL.Query()`,
`c.Param/Query`).

Not flagged: parameterized calls (`execute("… %s", (x,))`, `query("… $1", [x])`,
`Query("… $1", x)`), Prisma tagged templates, `psycopg2.sql.SQL(…).format(sql.Identifier(…))`,
pieces that are constants (`f"SELECT * FROM {TABLE}"`), and DDL in migrations. Pieces that can
only be fixed SQL or numbers are not interpolated input either: placeholder lists
(`",".join(["?"] * len(ids))`, `strings.Repeat("?,", n)`, `ids.map(() => "?").join()`), integers
(`int(x)`, `Number(x)`, `strconv.Itoa`, `Sprintf` `%d`), lookups in an UPPER_CASE allowlist map
(`SORT_COLUMNS[key]`; Django's `request.GET`/`POST`/`META` are request data, not such maps), locals whose every assignment or `append`/`push` is such a value (a `where`
list of `"col = ?"` clauses joined with `AND`, a sort clause chosen by a `switch` of literals), and
paging helpers (`FormatLimitOffset(limit, offset)`).

## Why is this bad?
Interpolated values are parsed as SQL: a quote in the input ends the string and the rest runs as
a query (SQL injection). Parameters travel separately from the query text and cannot change it.

## Example
```python
db.execute(f"SELECT * FROM orders WHERE id = {order_id}")
```

Use instead:
```python
db.execute("SELECT * FROM orders WHERE id = ?", (order_id,))
```

## Fix safety
Offered only when every interpolated expression is in a value position (after `=`, `<`, `>`,
`(`, `,`, or quoted as `'…'`) and the placeholder style is known from the imports: `?` for
sqlite3/mysql (JS)/go-sqlite3/go-sql-driver/gorm, `%s` for psycopg2/pymysql/MySQLdb, `:name`
for SQLAlchemy `text()`, `$1…` for pg/lib/pq/pgx; Prisma `$queryRawUnsafe` becomes the tagged
`$queryRaw`. Unsafe: values are now typed by the driver (a number compared as text, say), so
check the query. No fix for identifiers (table or column names) built from input.

## References
- OWASP SQL Injection Prevention Cheat Sheet; CWE-89
- Ruff S608, Bandit B608, gosec G201/G202
)md";

const RuleMeta kMeta{
    .id = "sql-built-from-strings",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "SQL query built by string interpolation instead of parameters",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .gate = true,
};

/// Findings not (yet) known to carry request data: a route registered later in the file
/// (`app.add_url_rule(…, view_func=f)`) makes the handler's parameters request data, and the
/// route registry is complete only in finish().
struct Pending {
  std::size_t finding;
  ts::Node fn;
  std::vector<ts::Node> holes;
};
struct State final : RuleState {
  std::vector<Pending> pending;
};

class SqlBuiltFromStrings final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    auto src = ctx.source();
    for (const Pending& p : st.pending) {
      if (!ctx.facts().routeAt(p.fn.startByte())) continue;
      auto tainted = sec::taintedNames(p.fn, src, ctx.lang(), true);
      bool fromRequest = std::any_of(p.holes.begin(), p.holes.end(),
                                     [&](ts::Node h) { return sec::exprTainted(h, src, ctx.lang(), tainted); });
      if (!fromRequest) continue;
      core::Finding& f = ctx.findings()[p.finding];
      f.severity = core::Severity::Critical;
      f.confidence = core::Confidence::High;
      auto colon = f.message.find(": ");
      if (colon != std::string::npos)
        f.message = f.message.substr(0, colon) + " from request data: SQL injection; pass the values as query parameters";
    }
  }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    auto role = ctx.facts().role;
    if (role == core::FileRole::Migration || role == core::FileRole::Generated) return;
    auto src = ctx.source();
    Lang lang = ctx.lang();
    ts::Node args = callArguments(call);
    if (!args || (args.type() != "argument_list" && args.type() != "arguments")) return;  // tagged template
    std::string_view name = calleeName(call, src);
    std::string_view callee = calleeText(call, src);
    if (callee.find('.') == std::string_view::npos && name != "RawSQL") return;  // methods only

    if (lang == Lang::Python && name == "extra" && callee.find("objects") != std::string_view::npos) {
      djangoExtra(call, args, ctx);
      return;
    }
    auto at = sqlrule::queryIndex(args, name, callee, src, lang);
    if (!at) return;
    std::uint32_t index = *at;
    // gorm/go-pg `Where("id = " + id)`: the argument is an SQL condition by its position.
    bool clause = lang == Lang::Go && (name == "Where" || name == "WhereOr");
    judge(call, args, sec::positionalArg(args, index), index, true, ctx, clause);
  }

 private:
  /// Django `Model.objects.extra(where=[…], select={…}, order_by=[…])`: each clause is raw SQL.
  static void djangoExtra(ts::Node call, ts::Node args, RuleContext& ctx) {
    auto src = ctx.source();
    for (std::string_view kw : {"where", "select", "order_by", "tables"}) {
      ts::Node v = sec::keywordArg(args, kw, src);
      if (!v || (v.type() != "list" && v.type() != "dictionary")) continue;
      for (std::uint32_t i = 0; i < v.namedChildCount(); ++i) {
        ts::Node e = v.namedChild(i);
        if (e.type() == "pair") e = e.field("value");
        if (e) judge(call, args, e, 99, false, ctx, true);
      }
    }
  }

  /// Every hole is a constant: a literal, a module constant, or a SCREAMING_SNAKE name.
  static bool allConstant(const Pieces& pieces, const RuleContext& ctx) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    std::vector<std::string> consts;
    bool constsRead = false;
    return std::all_of(pieces.holes.begin(), pieces.holes.end(), [&](ts::Node h) {
      ts::Node u = sec::unwrap(h);
      if (sec::isConstant(u, src, lang)) return true;
      std::string_view t = u.text(src);
      if (u.type() == "identifier") {
        if (!constsRead) consts = sec::moduleConstants(ctx.file().tree.root(), src, lang);
        constsRead = true;
        if (std::find(consts.begin(), consts.end(), t) != consts.end()) return true;
      }
      auto dot = t.find_last_of('.');
      return sec::isConstantName(dot == std::string_view::npos ? t : t.substr(dot + 1));
    });
  }

  /// The holes that are not value-safe: placeholder lists, integers, allowlist lookups and clauses
  /// built from literals cannot inject whatever the caller sends, so only the other pieces matter.
  static std::vector<ts::Node> riskyHoles(const Pieces& pieces, ts::Node scope, std::string_view src, Lang lang) {
    std::vector<ts::Node> risky;
    for (std::size_t i = 0; i < pieces.holes.size(); ++i) {
      bool numeric = i < pieces.numeric.size() && pieces.numeric[i];
      if (!numeric && !sqlsafe::valueSafe(pieces.holes[i], scope, src, lang)) risky.push_back(pieces.holes[i]);
    }
    return risky;
  }

  /// Reports `arg` (the query given to the sink `call`, positional `index`) when it is SQL built
  /// by interpolation from pieces that are not safe by construction. `fixable`: the call takes the
  /// query as that one argument, so a parameterized rewrite can replace it. `clause`: the text is
  /// an SQL fragment by its position (`extra(where=[…])`), whatever keywords it has.
  static void judge(ts::Node call, ts::Node args, ts::Node arg, std::uint32_t index, bool fixable, RuleContext& ctx,
                    bool clause = false) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    bool textWrapped = false;
    if (!arg) return;
    ts::Node query = sec::unwrap(arg);
    // SQLAlchemy: session.execute(text(f"…")).
    if (lang == Lang::Python && query.type() == "call") {
      auto inner = calleeText(query, src);
      if (inner == "text" || inner.ends_with(".text")) {
        textWrapped = true;
        query = sec::unwrap(sec::positionalArg(callArguments(query), 0));
        if (!query) return;
      }
    }
    ts::Node reportAt = arg;
    bool viaVar = false;
    ts::Node fn = enclosingFunction(ctx);
    if (query.type() == "identifier") {
      ts::Node scope = fn ? fn : ctx.file().tree.root();
      ts::Node rhs = sec::localAssignment(scope, query.text(src), call.startByte(), src, lang);
      if (!rhs) return;
      query = sec::unwrap(rhs);
      viaVar = true;
    }
    Pieces pieces;
    std::string how;
    if (!split(query, src, lang, pieces, how, fn ? fn : ctx.file().tree.root())) return;
    std::string all;
    for (auto& t : pieces.text) all += t;
    if (!clause && !looksLikeSql(all)) return;
    // Constants only (table names from module constants, literals): not injectable.
    if (allConstant(pieces, ctx)) return;
    std::vector<ts::Node> risky = riskyHoles(pieces, fn ? fn : ctx.file().tree.root(), src, lang);
    if (risky.empty()) return;

    bool handler = fn && ctx.facts().routeAt(fn.startByte()) != nullptr;
    auto tainted = sec::taintedNames(fn, src, lang, handler);
    bool fromRequest = false;
    for (ts::Node h : risky)
      if (sec::exprTainted(h, src, lang, tainted)) fromRequest = true;

    std::string msg = "SQL built with " + how + (viaVar ? " (via `" + std::string(arg.text(src)) + "`)" : "") +
                      (fromRequest ? " from request data: SQL injection; pass the values as query parameters"
                                   : ": pass values as query parameters, not by interpolation");
    // Dynamic query builders: placeholders in the text and parameters passed alongside
    // ("WHERE " + " AND ".join(clauses), params). Usually safe; say so and stay quiet-ish.
    bool hasParams = sec::positionalCount(args) > index + 1 || sec::keywordArg(args, "params", src);
    // (the placeholders may live in the interpolated clauses, so their presence is not required)
    bool placeholders = true;
    if (!fromRequest && hasParams && placeholders)
      msg = "SQL text assembled with " + how + " next to bound parameters: make sure the interpolated pieces are "
            "fixed identifiers, never input";
    core::Finding& f = ctx.report(reportAt, msg);
    if (fromRequest) f.severity = core::Severity::Critical;
    if (!fromRequest && hasParams && placeholders) {
      f.severity = core::Severity::Medium;
      f.confidence = core::Confidence::Low;
    }
    if (ctx.facts().role == core::FileRole::Test || ctx.facts().role == core::FileRole::Script)
      f.severity = core::Severity::Low;
    if (!fromRequest && fn && (ctx.lang() == Lang::Python) && ctx.facts().role != core::FileRole::Test &&
        ctx.facts().role != core::FileRole::Script)
      ctx.state<State>().pending.push_back({ctx.findings().size() - 1, fn, risky});
    if (!viaVar && fixable && pieces.fixable) addFix(f, ctx, call, args, arg, query, pieces, textWrapped);
  }
};

}  // namespace

const Rule& sqlBuiltFromStrings() {
  static const SqlBuiltFromStrings rule;
  return rule;
}

}  // namespace agentlens::rules
