// unbounded-query: a request handler that reads a whole table (no LIMIT, no pagination).
#include <cctype>
#include <set>

#include "rules/common/web.hpp"
#include "rules/common/syntax.hpp"
#include "rules/database/page_size_cap.hpp"
#include "rules/database/unbounded_query_parts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds request handlers that return every row of a table: `Model.query.all()`,
`session.query(Model).all()` (also through a local: `q = session.query(Model)…; q.all()`),
Sequelize or repository `findAll()` without `limit`/`where`, `Model.objects.all()` (unsliced), `prisma.<model>.findMany()` without
`take`, Mongoose `Model.find()` without `.limit()`, GORM `db.Find(&xs)` without `Limit`/`Where`, and
`SELECT … FROM t` strings with neither `WHERE` nor `LIMIT`.

## Why is this bad?
The endpoint works with the 20 rows of a development database and degrades linearly with
production data: memory, serialisation time and response size grow with the table until requests
time out or the worker is killed. Lists served over HTTP need a limit and pagination.

Also flagged: page-size parameters the client controls with no upper bound: FastAPI
`limit: int = Query(20, ge=1)` without `le=`, and JS/TS `const limit = parseInt(req.query.limit)`
(also through an options object) used in `.limit(limit)` / `take: limit` with no `Math.min` or
`<` clamp.

Not flagged: small reference tables (countries, currencies, roles, permissions, settings…),
streaming or export endpoints, aggregates (`COUNT`, `SUM`, `GROUP BY`), filtered queries, code
outside request handlers. The density score counts every handler that reads a collection.

## Example
```python
@app.get("/orders")
def list_orders():
    return jsonify([o.to_dict() for o in Order.query.all()])
```

Use instead:
```python
@app.get("/orders")
def list_orders():
    page = request.args.get("page", 1, type=int)
    orders = Order.query.order_by(Order.id).limit(50).offset((page - 1) * 50).all()
    return jsonify([o.to_dict() for o in orders])
```

## Fix safety
The fix caps the query at 100 rows (`.limit(100)`, `take: 100`, `LIMIT 100`, `.Limit(100)`).
Clients that expected every row now get the first 100: unsafe; add pagination parameters.

## References
- Microsoft REST API guidelines: pagination; Django REST framework docs: pagination
- Prisma docs: pagination (`take`/`skip`)
)md";

const RuleMeta kMeta{
    .id = "unbounded-query",
    .category = core::Category::Database,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Request handler reads a whole table without a limit",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
    .planTitle = "Paginate list endpoints",
    .effort = core::Effort::S,
};

struct State final : RuleState {
  std::set<std::uint32_t> handlers;
};

using namespace unbounded;

class UnboundedQuery final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "typed_default_parameter", "default_parameter"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "variable_declarator"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (call.type() != "call" && call.type() != "call_expression") {
      if (ctx.facts().role == core::FileRole::Script) return;
      if (ctx.lang() == Lang::Python) pagesize::python(call, ctx);
      else pagesize::js(call, ctx);
      return;
    }
    auto src = ctx.source();
    auto name = calleeName(call, src);
    auto callee = calleeText(call, src);
    // Cheap shape test before the handler lookup.
    bool shape = name == "all" || name == "findMany" || name == "findAll" || name == "find" || name == "Find" || name == "execute" ||
                 name == "query" || name == "Query" || name == "QueryContext" || name == "fetchall";
    if (!shape) return;
    ts::Node handler = enclosingHandler(ctx).fn;
    if (!handler) return;
    std::string hname = upper(functionName(handler, src));
    Site s{call, handler, ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().back(), name, callee,
           has(hname, "EXPORT") || has(hname, "CSV") || has(hname, "STREAM") || has(hname, "DOWNLOAD")};
    core::Fix fix{.title = "Cap the query at 100 rows", .applicability = core::Applicability::Unsafe};
    core::Finding* f = nullptr;
    bool js = core::isJsFamily(ctx.lang());
    if (ctx.lang() == Lang::Python && name == "all") f = pythonAll(s, ctx, fix);
    else if (js && name == "findAll") f = sequelizeFindAll(s, ctx);
    else if (js && name == "findMany") f = prismaFindMany(s, ctx, fix);
    else if (js && name == "find") f = mongooseFind(s, ctx);
    else if (ctx.lang() == Lang::Go && name == "Find") f = gormFind(s, ctx, fix);
    else f = rawSelect(s, ctx, fix);
    if (f && !fix.edits.empty()) f->fixes.push_back(fix);
  }

  void finish(RuleContext& ctx) const override {
    ctx.countSite(static_cast<std::uint32_t>(ctx.state<State>().handlers.size()));
  }

 private:
  /// The call being judged and where it sits.
  struct Site {
    ts::Node call, handler, parent;
    std::string_view name, callee;
    bool exportish;  ///< the handler exports or streams: every row is the point
  };

  static void countHandler(RuleContext& ctx, ts::Node handler) { ctx.state<State>().handlers.insert(handler.startByte()); }

  /// Python `.all()` on an ORM query (or a query held by a local) without a limit or filter.
  static core::Finding* pythonAll(const Site& s, RuleContext& ctx, core::Fix& fix) {
    auto src = ctx.source();
    ts::Node call = s.call;
    std::string callee(s.callee);
    bool orm = has(callee, ".query") || has(callee, ".objects") || has(callee, "scalars(");
    std::string built;  // `q = session.query(...)…` then `q.all()`: the query the variable holds
    if (!orm) {
      built = queryHeldBy(call, s.handler, src);
      if (built.empty()) return nullptr;
      callee = built;
    }
    countHandler(ctx, s.handler);
    for (auto b : {"limit(", "filter", "where(", "get(", "paginate", "offset(", "[", "slice(", "first(", "count("})
      if (has(callee, b)) return nullptr;
    if (s.parent.type() == "subscript" || s.parent.type() == "attribute") return nullptr;  // Model.objects.all()[:50]
    if (referenceTable(callee) || s.exportish) return nullptr;
    core::Finding* f = &ctx.report(call, "returns every row of the table to the client: add a limit and pagination");
    ts::Node fn = call.field("function");
    if (has(callee, ".query") && fn.type() == "attribute") {
      core::TextEdit e;
      e.range = {fn.field("object").endByte(), fn.field("object").endByte()};
      e.text = ".limit(100)";
      fix.edits.push_back(e);
    }
    return f;
  }

  /// Sequelize `Model.findAll()` / a repository's `findAll()` without a limit.
  static core::Finding* sequelizeFindAll(const Site& s, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node call = s.call;
    std::string_view callee = s.callee;
    ts::Node args = call.field("arguments");
    auto a = args ? args.text(src) : std::string_view();
    countHandler(ctx, s.handler);
    if (has(a, "limit") || has(a, "where") || has(a, "...") || referenceTable(callee) || s.exportish) return nullptr;
    if (args && args.namedChildCount() > 0 && args.namedChild(0).type() != "object") return nullptr;
    return &ctx.report(call, "`findAll()` without a limit returns every row: add a limit and pagination");
  }

  /// Prisma `findMany()` without `take`.
  static core::Finding* prismaFindMany(const Site& s, RuleContext& ctx, core::Fix& fix) {
    auto src = ctx.source();
    ts::Node call = s.call;
    std::string_view callee = s.callee;
    countHandler(ctx, s.handler);
    ts::Node args = call.field("arguments");
    auto a = args ? args.text(src) : std::string_view();
    if (has(a, "take") || has(a, "where") || has(a, "...") || referenceTable(callee) || s.exportish) return nullptr;
    core::Finding* f = &ctx.report(call, "`findMany()` without `take` returns every row: add `take`/`skip` pagination");
    if (args && args.namedChildCount() == 0) {
      core::TextEdit e;
      e.range = {args.startByte() + 1, args.startByte() + 1};
      e.text = "{ take: 100 }";
      fix.edits.push_back(e);
    } else if (args && args.namedChild(0).type() == "object") {
      core::TextEdit e;
      e.range = {args.namedChild(0).startByte() + 1, args.namedChild(0).startByte() + 1};
      e.text = " take: 100,";
      fix.edits.push_back(e);
    }
    return f;
  }

  /// Mongoose `Model.find()` / `Model.find({})` without `.limit()`.
  static core::Finding* mongooseFind(const Site& s, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node call = s.call;
    ts::Node fn = call.field("function");
    if (fn.type() != "member_expression") return nullptr;
    auto recv = fn.field("object").text(src);
    if (recv.empty() || !std::isupper(static_cast<unsigned char>(recv.front()))) return nullptr;  // Model.find
    ts::Node args = call.field("arguments");
    if (args && args.namedChildCount() > 0 && args.namedChild(0).text(src) != "{}") return nullptr;
    countHandler(ctx, s.handler);
    if (s.parent.type() == "member_expression") return nullptr;  // .limit()/.skip() chained
    if (referenceTable(recv) || s.exportish) return nullptr;
    return &ctx.report(call, "`" + std::string(recv) + ".find()` returns every document: add `.limit()` and pagination");
  }

  /// GORM `Find` without `Limit`.
  static core::Finding* gormFind(const Site& s, RuleContext& ctx, core::Fix& fix) {
    auto src = ctx.source();
    ts::Node call = s.call;
    std::string_view callee = s.callee;
    countHandler(ctx, s.handler);
    if (has(callee, "Limit(") || has(callee, "Where(") || has(callee, "Scopes(") || s.exportish) return nullptr;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() != 1 || referenceTable(args.text(src))) return nullptr;
    core::Finding* f = &ctx.report(call, "`Find` without `Limit` returns every row: add `.Limit(n)` and pagination");
    ts::Node fn = call.field("function");
    core::TextEdit e;
    e.range = {fn.field("operand").endByte(), fn.field("operand").endByte()};
    e.text = ".Limit(100)";
    fix.edits.push_back(e);
    return f;
  }

  /// Raw SQL: SELECT without WHERE and LIMIT.
  static core::Finding* rawSelect(const Site& s, RuleContext& ctx, core::Fix& fix) {
    auto src = ctx.source();
    ts::Node call = s.call;
    std::string_view name = s.name;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0) return nullptr;
    ts::Node q = args.namedChild(0);
    if (ctx.lang() == Lang::Go && args.namedChildCount() > 1 && (name == "QueryContext")) q = args.namedChild(1);
    auto v = stringLiteralValue(q, src, ctx.lang());
    if (!v) return nullptr;
    auto sql = upper(*v);
    auto start = sql.find_first_not_of(" \t\n");
    if (start == std::string::npos || sql.compare(start, 6, "SELECT") != 0) return nullptr;
    countHandler(ctx, s.handler);
    for (auto b : {"WHERE", "LIMIT", "FETCH FIRST", "TOP ", "COUNT(", "SUM(", "AVG(", "MIN(", "MAX(", "GROUP BY",
                   "EXISTS", " 1"})
      if (has(sql, b)) return nullptr;
    auto from = sql.find(" FROM ");
    if (from == std::string::npos || referenceTable(sql.substr(from)) || s.exportish) return nullptr;
    core::Finding* f = &ctx.report(call, "`SELECT` without `WHERE` or `LIMIT` returns the whole table: add `LIMIT` and pagination");
    auto content = stringContentRange(q, src);
    std::string_view body = src.substr(content.start, content.end - content.start);
    std::uint32_t at = content.end;
    while (at > content.start && (src[at - 1] == ' ' || src[at - 1] == '\n')) --at;
    if (!body.empty() && body.back() != ';' && src[at - 1] != ';') {
      core::TextEdit e;
      e.range = {at, at};
      e.text = " LIMIT 100";
      fix.edits.push_back(e);
    }
    return f;
  }
};

}  // namespace

const Rule& unboundedQuery() {
  static const UnboundedQuery rule;
  return rule;
}

}  // namespace agentlens::rules
