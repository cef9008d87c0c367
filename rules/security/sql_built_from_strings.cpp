// sql-built-from-strings: SQL text assembled by interpolation and passed to a database sink;
// critical when request data reaches it in the same function. Offers a parameterized rewrite
// when every interpolated piece sits in a value position and the driver's style is known.
#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/sql_value_safety.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds SQL text built by string interpolation — f-strings, the `%` operator, `.format()`, `+`,
template literals with `${}`, `util.format`, `str.replace`, `String.concat` and `fmt.Sprintf`, a
`%` format string held in a local, keywords split across lines included — and passed, directly or through one local
variable, to a database call: `cursor.execute`, `session.execute(text(…))`, `Model.objects.raw`,
pg/mysql `query`, `knex.raw`, `sequelize.query`, `prisma.$queryRawUnsafe`, sqlite `run/all/get`,
Go `db.Query/QueryRow/Exec(+Context)`, pgx `conn.Query(ctx, …)`, sqlx `Select/Get`, gorm `Raw/Exec/Where`. The finding is
critical when a value in the query comes from the request in the same function
(`request.args/json/form`, route parameters, `req.query/body/params`, `r.URL.Query()`,
`c.Param/Query`).

Not flagged: parameterized calls (`execute("… %s", (x,))`, `query("… $1", [x])`,
`Query("… $1", x)`), Prisma tagged templates, `psycopg2.sql.SQL(…).format(sql.Identifier(…))`,
pieces that are constants (`f"SELECT * FROM {TABLE}"`), and DDL in migrations. Pieces that can
only be fixed SQL or numbers are not interpolated input either: placeholder lists
(`",".join(["?"] * len(ids))`, `strings.Repeat("?,", n)`, `ids.map(() => "?").join()`), integers
(`int(x)`, `Number(x)`, `strconv.Itoa`, `Sprintf` `%d`), lookups in an UPPER_CASE allowlist map
(`SORT_COLUMNS[key]`), locals whose every assignment or `append`/`push` is such a value (a `where`
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

enum class Style { None, Qmark, Format, Named, Dollar, DollarArgs, PrismaTagged };

/// The query split into literal text (as written) and interpolated expressions.
struct Pieces {
  std::vector<std::string> text;   // text.size() == holes.size() + 1
  std::vector<ts::Node> holes;
  bool fixable = true;             // format specs, conversions, unusual verbs: no fix
  std::vector<bool> numeric;       // per hole: printed as an integer (Sprintf %d)
};

bool looksLikeSql(std::string_view t) {
  // Keywords split across lines or tabs ("SELECT\n  id\nFROM t") read as if on one line.
  std::string l = sec::lowerCopy(t);
  for (char& c : l)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  auto has = [&](std::string_view w) { return l.find(w) != std::string::npos; };
  return (has("select ") && has(" from")) || has("insert into") || (has("update ") && has(" set ")) ||
         has("delete from") || has(" where ") || has("replace into") || (has("select ") && has("count("));
}

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

    std::uint32_t index = 0;
    bool textWrapped = false;
    if (lang == Lang::Python) {
      static constexpr std::string_view kSinks[] = {"execute", "executemany", "executescript", "raw", "RawSQL",
                                                    "exec_driver_sql", "read_sql", "read_sql_query", "fetch",
                                                    "fetchrow", "fetchval", "mogrify"};
      if (std::find(std::begin(kSinks), std::end(kSinks), name) == std::end(kSinks)) return;
    } else if (lang == Lang::Go) {
      static constexpr std::string_view kSinks[] = {"Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext",
                                                    "ExecContext", "Select", "Get", "Raw", "Where", "Prepare",
                                                    "PrepareContext", "Queryx", "QueryRowx", "MustExec", "NamedExec"};
      if (std::find(std::begin(kSinks), std::end(kSinks), name) == std::end(kSinks)) return;
      if (name.ends_with("Context") || name == "Select" || name == "Get") index = 1;
      // pgx: conn.Query(ctx, sql, args...) takes the context first without the Context suffix.
      if (ts::Node a0 = sec::positionalArg(args, 0); index == 0 && a0) {
        std::string_view t0 = a0.text(src);
        if (t0 == "ctx" || t0 == "context.Background()" || t0 == "context.TODO()" || t0.ends_with(".Context()"))
          index = 1;
      }
      if ((name == "Select" || name == "Get") && callee.starts_with("c.")) return;  // gin/echo context
    } else {
      static constexpr std::string_view kSinks[] = {"query", "execute", "raw", "$queryRawUnsafe", "$executeRawUnsafe",
                                                    "run", "all", "get", "exec", "prepare", "unsafe"};
      if (std::find(std::begin(kSinks), std::end(kSinks), name) == std::end(kSinks)) return;
    }
    ts::Node arg = sec::positionalArg(args, index);
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
    if (!looksLikeSql(all)) return;
    // Constants only (table names from module constants, literals): not injectable.
    std::vector<std::string> consts;
    bool constsRead = false;
    bool allConstant = std::all_of(pieces.holes.begin(), pieces.holes.end(), [&](ts::Node h) {
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
    if (allConstant) return;
    // Value-safe pieces (placeholder lists, integers, allowlist lookups, clauses built from
    // literals) cannot inject whatever the caller sends: only the other pieces matter.
    ts::Node scope = fn ? fn : ctx.file().tree.root();
    std::vector<ts::Node> risky;
    for (std::size_t i = 0; i < pieces.holes.size(); ++i) {
      bool numeric = i < pieces.numeric.size() && pieces.numeric[i];
      if (!numeric && !sqlsafe::valueSafe(pieces.holes[i], scope, src, lang)) risky.push_back(pieces.holes[i]);
    }
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
    if (!viaVar && pieces.fixable) addFix(f, ctx, call, args, arg, query, pieces, textWrapped);
  }

 private:
  static bool split(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                    ts::Node scope = ts::Node()) {
    auto t = q.type();
    out.text.assign(1, "");
    if (lang == Lang::Python && t == "string" && isInterpolatedString(q, lang)) {
      how = "an f-string";
      for (std::uint32_t i = 0; i < q.namedChildCount(); ++i) {
        ts::Node c = q.namedChild(i);
        auto ct = c.type();
        if (ct == "interpolation") {
          ts::Node e = c.field("expression");
          if (!e || c.namedChildCount() != 1) out.fixable = false;
          out.holes.push_back(e ? e : c);
          out.text.emplace_back();
        } else if (ct == "string_content" || ct == "escape_sequence") {
          out.text.back() += c.text(src);
        }
      }
      return true;
    }
    if (core::isJsFamily(lang) && t == "template_string" && isInterpolatedString(q, lang)) {
      how = "a template literal";
      for (std::uint32_t i = 0; i < q.namedChildCount(); ++i) {
        ts::Node c = q.namedChild(i);
        if (c.type() == "template_substitution") {
          out.holes.push_back(c.namedChildCount() ? c.namedChild(0) : c);
          out.text.emplace_back();
        } else {
          out.text.back() += c.text(src);
        }
      }
      return true;
    }
    if (lang == Lang::Python && t == "binary_operator") {
      ts::Node op = q.child(1);
      ts::Node l = sec::unwrap(q.field("left")), r = sec::unwrap(q.field("right"));
      if (l && l.type() == "identifier" && op && op.text(src) == "%" && scope) {  // fmt = "… %s"; fmt % x
        ts::Node rhs = sec::localAssignment(scope, l.text(src), q.startByte(), src, lang);
        if (rhs && sec::unwrap(rhs).type() == "string" && !isInterpolatedString(sec::unwrap(rhs), lang)) l = sec::unwrap(rhs);
      }
      if (op && op.text(src) == "%" && l.type() == "string") {
        how = "the % operator";
        out.text[0] = std::string(l.text(src));
        out.fixable = false;
        if (r.type() == "tuple") {
          for (std::uint32_t i = 0; i < r.namedChildCount(); ++i) out.holes.push_back(r.namedChild(i));
        } else {
          out.holes.push_back(r);
        }
        return true;
      }
    }
    if (t == "call" || t == "call_expression") {  // "… {id}".replace("{id}", x) / "SELECT … ".concat(x)
      ts::Node fnode = q.field("function");
      bool member = fnode && (fnode.type() == "attribute" || fnode.type() == "member_expression");
      std::string_view method = member ? fnode.field(fnode.type() == "attribute" ? "attribute" : "property").text(src) : "";
      ts::Node obj = member ? sec::unwrap(fnode.field("object")) : ts::Node();
      auto base = obj ? stringLiteralValue(obj, src, lang) : std::nullopt;
      ts::Node a = callArguments(q);
      if (base && a && ((method == "replace" && lang == Lang::Python && a.namedChildCount() == 2) ||
                        (method == "concat" && core::isJsFamily(lang) && a.namedChildCount() >= 1))) {
        how = method == "replace" ? "str.replace()" : "String.concat()";
        out.fixable = false;
        out.text[0] = std::string(*base);
        for (std::uint32_t i = method == "replace" ? 1 : 0; i < a.namedChildCount(); ++i) {
          out.holes.push_back(a.namedChild(i));
          out.text.emplace_back();
        }
        return true;
      }
    }
    if (lang == Lang::Python && t == "call") {
      ts::Node fnode = q.field("function");
      if (fnode && fnode.type() == "attribute" && fnode.field("attribute").text(src) == "format" &&
          sec::unwrap(fnode.field("object")).type() == "string") {
        how = "str.format()";
        out.text[0] = std::string(fnode.field("object").text(src));
        out.fixable = false;
        ts::Node a = callArguments(q);
        for (std::uint32_t i = 0; a && i < a.namedChildCount(); ++i) {
          ts::Node x = a.namedChild(i);
          out.holes.push_back(x.type() == "keyword_argument" ? x.field("value") : x);
        }
        return !out.holes.empty();
      }
    }
    if (lang == Lang::Go && t == "call_expression" && calleeText(q, src) == "fmt.Sprintf") {
      how = "fmt.Sprintf";
      ts::Node a = callArguments(q);
      ts::Node fmtArg = a ? a.namedChild(0) : ts::Node();
      auto fmtText = fmtArg ? stringLiteralValue(fmtArg, src, lang) : std::nullopt;
      if (!fmtText) return false;
      if (fmtArg.type() != "interpreted_string_literal") out.fixable = false;
      std::string_view f = *fmtText;
      std::uint32_t argi = 1;
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
          out.text.back() += f[i];
          continue;
        }
        if (i + 1 < f.size() && f[i + 1] == '%') {
          out.text.back() += "%";
          ++i;
          continue;
        }
        char verb = i + 1 < f.size() ? f[i + 1] : '\0';
        if (verb != 's' && verb != 'd' && verb != 'v' && verb != 'q') out.fixable = false;
        if (verb == 'q') {  // %q adds its own quotes: treat it as a quoted value
          out.text.back() += "'";
        }
        ts::Node h = a.namedChild(argi++);
        if (!h) return false;
        out.holes.push_back(h);
        out.numeric.resize(out.holes.size(), false);
        out.numeric.back() = verb == 'd';
        out.text.emplace_back(verb == 'q' ? "'" : "");
        ++i;
      }
      if (a.namedChildCount() != argi) out.fixable = false;
      return !out.holes.empty();
    }
    if (core::isJsFamily(lang) && t == "call_expression" &&
        (calleeText(q, src) == "util.format" || calleeText(q, src) == "format")) {  // util.format("… %s", x)
      ts::Node a = callArguments(q);
      auto f = a && a.namedChildCount() ? stringLiteralValue(a.namedChild(0), src, lang) : std::nullopt;
      if (!f || a.namedChildCount() < 2) return false;
      how = "util.format";
      out.fixable = false;
      out.text[0] = std::string(*f);
      for (std::uint32_t i = 1; i < a.namedChildCount(); ++i) {
        out.holes.push_back(a.namedChild(i));
        out.text.emplace_back();
      }
      return true;
    }
    bool concat = (lang == Lang::Python && t == "binary_operator") || (lang != Lang::Python && t == "binary_expression");
    if (concat) {
      // Flatten a + b + c; needs at least one string literal and one non-literal piece.
      std::vector<ts::Node> parts;
      std::vector<ts::Node> stack{q};
      while (!stack.empty()) {
        ts::Node n = sec::unwrap(stack.back());
        stack.pop_back();
        bool plus = (n.type() == "binary_operator" || n.type() == "binary_expression") && n.child(1) &&
                    n.child(1).text(src) == "+";
        if (plus) {
          stack.push_back(n.field("right"));
          stack.push_back(n.field("left"));
        } else {
          parts.push_back(n);
        }
      }
      if (parts.size() < 2) return false;
      bool anyString = false;
      for (ts::Node p : parts) {
        if (auto v = stringLiteralValue(p, src, lang)) {
          anyString = true;
          out.text.back() += *v;
        } else {
          out.holes.push_back(p);
          out.text.emplace_back();
        }
      }
      how = "string concatenation";
      out.fixable = false;
      return anyString && !out.holes.empty();
    }
    return false;
  }

  static Style styleFor(const RuleContext& ctx, std::string_view callee, bool textWrapped) {
    const auto& facts = ctx.facts();
    auto imports = [&](std::string_view m) { return facts.imports_(m); };
    auto importsPrefix = [&](std::string_view m) {
      return std::any_of(facts.imports.begin(), facts.imports.end(),
                         [&](const core::Import& i) { return i.module.starts_with(m); });
    };
    switch (ctx.lang()) {
      case Lang::Python:
        if (textWrapped) return Style::Named;
        if (imports("sqlite3") || imports("aiosqlite")) return Style::Qmark;
        if (imports("psycopg2") || imports("psycopg") || imports("pymysql") || imports("MySQLdb") ||
            imports("mysql.connector") || imports("aiomysql"))
          return Style::Format;
        if (imports("asyncpg")) return Style::DollarArgs;
        return Style::None;
      case Lang::Go:
        if (importsPrefix("github.com/lib/pq") || importsPrefix("github.com/jackc/pgx")) return Style::DollarArgs;
        if (importsPrefix("github.com/go-sql-driver/mysql") || importsPrefix("github.com/mattn/go-sqlite3") ||
            importsPrefix("modernc.org/sqlite") || importsPrefix("gorm.io/"))
          return Style::Qmark;
        return Style::None;
      default:
        if (callee.ends_with("$queryRawUnsafe") || callee.ends_with("$executeRawUnsafe")) return Style::PrismaTagged;
        if (imports("pg") || imports("postgres") || importsPrefix("@neondatabase/")) return Style::Dollar;
        if (imports("mysql") || imports("mysql2") || imports("mysql2/promise") || imports("sqlite3") ||
            imports("better-sqlite3"))
          return Style::Qmark;
        return Style::None;
    }
  }

  /// A parameter name for SQLAlchemy `:name` from the expression (`order_id`, `data["qty"]` → qty).
  static std::string paramName(ts::Node h, std::string_view src, std::size_t i, std::vector<std::string>& used) {
    std::string_view t = h.text(src);
    std::string cand;
    for (char c : t)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') cand += c;
      else cand.clear();
    if (cand.empty() || std::isdigit(static_cast<unsigned char>(cand[0]))) cand = "p" + std::to_string(i + 1);
    while (std::find(used.begin(), used.end(), cand) != used.end()) cand += "_" + std::to_string(i + 1);
    used.push_back(cand);
    return cand;
  }

  static void addFix(core::Finding& f, RuleContext& ctx, ts::Node call, ts::Node args, ts::Node arg, ts::Node query,
                     const Pieces& p, bool textWrapped) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    std::string_view callee = calleeText(call, src);
    Style style = styleFor(ctx, callee, textWrapped);
    if (style == Style::None) return;

    if (style == Style::PrismaTagged) {
      // prisma.$queryRawUnsafe(`… ${x}`) -> prisma.$queryRaw`… ${x}`: the tag parameterizes.
      if (sec::positionalCount(args) != 1) return;
      ts::Node fnode = call.field("function");
      ts::Node prop = fnode.field("property");
      std::string tag = callee.ends_with("$queryRawUnsafe") ? "$queryRaw" : "$executeRaw";
      core::Fix fix{.title = "Use the tagged template " + tag + " (parameterized)",
                    .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {prop.startByte(), call.endByte()};
      e.text = tag + std::string(query.text(src));
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }

    // Every hole must be a value: after = < > ( , or a keyword like LIKE/IN, optionally quoted.
    std::vector<std::string> text = p.text;
    for (std::size_t i = 0; i < p.holes.size(); ++i) {
      std::string& before = text[i];
      std::string& after = text[i + 1];
      if (!before.empty() && (before.back() == '\'' || before.back() == '"')) {
        char q = before.back();
        if (after.empty() || after.front() != q) return;
        before.pop_back();
        after.erase(0, 1);
      }
      std::string_view b = before;
      while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
      if (b.empty()) return;
      char c = b.back();
      std::string lb = sec::lowerCopy(b);
      bool value = c == '=' || c == '<' || c == '>' || c == '(' || c == ',' || lb.ends_with(" like") ||
                   lb.ends_with(" in") || lb.ends_with(" then") || lb.ends_with(" else");
      if (!value) return;
      std::string_view a = after;
      if (!a.empty() && (std::isalnum(static_cast<unsigned char>(a.front())) || a.front() == '_' ||
                         a.front() == '.' || a.front() == '\'' || a.front() == '"'))
        return;
    }
    // The literal must not contain what the new placeholder syntax would misread.
    for (auto& t : text) {
      if (style == Style::Format && t.find('%') != std::string::npos) return;
      if (style == Style::Qmark && t.find('?') != std::string::npos) return;
      if (style == Style::Named && t.find(':') != std::string::npos) return;
    }

    std::vector<std::string> names;
    std::string sql;
    std::vector<std::string> holeText;
    for (std::size_t i = 0; i < p.holes.size(); ++i) {
      std::string t = text[i];
      if (lang == Lang::Python) {  // drop the f-string's brace escapes
        std::string u;
        for (std::size_t k = 0; k < t.size(); ++k) {
          u += t[k];
          if ((t[k] == '{' || t[k] == '}') && k + 1 < t.size() && t[k + 1] == t[k]) ++k;
        }
        t = u;
      }
      sql += t;
      holeText.emplace_back(p.holes[i].text(src));
      switch (style) {
        case Style::Qmark: sql += "?"; break;
        case Style::Format: sql += "%s"; break;
        case Style::Named: sql += ":" + paramName(p.holes[i], src, i, names); break;
        default: sql += "$" + std::to_string(i + 1); break;
      }
    }
    {
      std::string t = text.back();
      if (lang == Lang::Python) {
        std::string u;
        for (std::size_t k = 0; k < t.size(); ++k) {
          u += t[k];
          if ((t[k] == '{' || t[k] == '}') && k + 1 < t.size() && t[k + 1] == t[k]) ++k;
        }
        t = u;
      }
      sql += t;
    }

    core::Fix fix{.title = "Pass the values as query parameters", .applicability = core::Applicability::Unsafe};
    core::TextEdit lit;
    lit.range = {query.startByte(), query.endByte()};
    if (lang == Lang::Python) {
      // Keep the quote style, drop the f prefix.
      std::string_view qt = query.text(src);
      std::size_t pi = 0;
      std::string prefix;
      while (pi < qt.size() && std::isalpha(static_cast<unsigned char>(qt[pi]))) {
        if (qt[pi] != 'f' && qt[pi] != 'F') prefix += qt[pi];
        ++pi;
      }
      std::size_t run = 1;
      while (pi + run < qt.size() && run < 3 && qt[pi + run] == qt[pi]) ++run;
      if (run == 2) run = 1;
      std::string quote(qt.substr(pi, run));
      lit.text = prefix + quote + sql + quote;
      // Parameters go right after the query argument of the execute call.
      ts::Node execArgs = args;
      if (sec::positionalCount(execArgs) != 1) return;
      std::string params;
      if (style == Style::Named) {
        params = "{";
        for (std::size_t i = 0; i < names.size(); ++i)
          params += (i ? ", \"" : "\"") + names[i] + "\": " + holeText[i];
        params += "}";
      } else if (style == Style::DollarArgs) {
        for (std::size_t i = 0; i < holeText.size(); ++i) params += (i ? ", " : "") + holeText[i];
      } else {
        params = "(";
        for (std::size_t i = 0; i < holeText.size(); ++i) params += (i ? ", " : "") + holeText[i];
        params += holeText.size() == 1 ? ",)" : ")";
      }
      core::TextEdit ins;
      ins.range = {arg.endByte(), arg.endByte()};
      ins.text = ", " + params;
      fix.edits.push_back(lit);
      fix.edits.push_back(ins);
    } else if (lang == Lang::Go) {
      // fmt.Sprintf("…%s…", x) as the last argument -> "…$1…", x
      if (sec::unwrap(arg) != query || args.namedChild(args.namedChildCount() - 1) != arg) return;
      std::string lit2 = "\"" + sql + "\"";
      for (auto& h : holeText) lit2 += ", " + h;
      lit.range = {arg.startByte(), arg.endByte()};
      lit.text = lit2;
      fix.edits.push_back(lit);
    } else {
      std::uint32_t n = sec::positionalCount(args);
      if (n > 2) return;
      if (n == 2) {
        auto t2 = sec::positionalArg(args, 1).type();
        if (t2 != "arrow_function" && t2 != "function_expression" && t2 != "function") return;
      }
      lit.text = "`" + sql + "`";
      std::string values = "[";
      for (std::size_t i = 0; i < holeText.size(); ++i) values += (i ? ", " : "") + holeText[i];
      values += "]";
      core::TextEdit ins;
      ins.range = {arg.endByte(), arg.endByte()};
      ins.text = ", " + values;
      fix.edits.push_back(lit);
      fix.edits.push_back(ins);
    }
    f.fixes.push_back(std::move(fix));
  }
};

}  // namespace

const Rule& sqlBuiltFromStrings() {
  static const SqlBuiltFromStrings rule;
  return rule;
}

}  // namespace agentlens::rules
