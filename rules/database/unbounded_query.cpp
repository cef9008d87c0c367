// unbounded-query: a request handler that reads a whole table (no LIMIT, no pagination).
#include <cctype>
#include <set>

#include "rules/common/web.hpp"
#include "rules/common/syntax.hpp"
#include "rules/database/page_size_cap.hpp"
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

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool referenceTable(std::string_view text) {
  auto l = upper(text);
  for (auto t : {"COUNTR", "CURRENC", "ROLE", "PERMISSION", "SETTING", "LANGUAGE", "LOCALE", "TIMEZONE", "STATUS",
                 "CATEGOR", "TAG", "PLAN", "FEATURE_FLAG", "CONFIG"})
    if (l.find(t) != std::string::npos) return true;
  return false;
}

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// Python: the ORM query an identifier receiver was assigned in the handler (`q = db.session.query(A)`
/// then `q.all()`), as text, or "" when the receiver is not a plain local holding a query.
std::string queryHeldBy(ts::Node call, ts::Node handler, std::string_view src) {
  ts::Node fn = call.field("function");
  if (!fn || fn.type() != "attribute") return {};
  ts::Node obj = fn.field("object");
  if (!obj || obj.type() != "identifier") return {};
  auto name = obj.text(src);
  std::string held;
  std::vector<ts::Node> stack{handler.field("body")};
  while (!stack.empty()) {
    ts::Node n = stack.back();
    stack.pop_back();
    if (!n || n.startByte() >= call.startByte()) continue;
    if (n.type() == "assignment" && n.field("left").text(src) == name && n.field("right")) {
      auto right = n.field("right").text(src);
      if (has(right, ".query") || has(right, "select(") || has(right, ".objects")) held = std::string(right) + ".all";
      else held.clear();  // reassigned to something else
    }
    for (std::uint32_t i = n.namedChildCount(); i-- > 0;) stack.push_back(n.namedChild(i));
  }
  return held;
}

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
    ts::Node parent = ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().back();
    core::Finding* f = nullptr;
    core::Fix fix{.title = "Cap the query at 100 rows", .applicability = core::Applicability::Unsafe};
    auto& st = ctx.state<State>();
    auto count = [&] { st.handlers.insert(handler.startByte()); };
    bool exportish = has(hname, "EXPORT") || has(hname, "CSV") || has(hname, "STREAM") || has(hname, "DOWNLOAD");

    if (ctx.lang() == Lang::Python && name == "all") {
      bool orm = has(callee, ".query") || has(callee, ".objects") || has(callee, "scalars(");
      std::string built;  // `q = session.query(...)…` then `q.all()`: the query the variable holds
      if (!orm) {
        built = queryHeldBy(call, handler, src);
        if (built.empty()) return;
        callee = built;
      }
      count();
      for (auto b : {"limit(", "filter", "where(", "get(", "paginate", "offset(", "[", "slice(", "first(", "count("})
        if (has(callee, b)) return;
      if (parent.type() == "subscript" || parent.type() == "attribute") return;  // Model.objects.all()[:50]
      if (referenceTable(callee) || exportish) return;
      f = &ctx.report(call, "returns every row of the table to the client: add a limit and pagination");
      ts::Node fn = call.field("function");
      if (has(callee, ".query") && fn.type() == "attribute") {
        core::TextEdit e;
        e.range = {fn.field("object").endByte(), fn.field("object").endByte()};
        e.text = ".limit(100)";
        fix.edits.push_back(e);
      }
    } else if (core::isJsFamily(ctx.lang()) && name == "findAll") {
      // Sequelize `Model.findAll()` / a repository's `findAll()` without a limit.
      ts::Node args = call.field("arguments");
      auto a = args ? args.text(src) : std::string_view();
      count();
      if (has(a, "limit") || has(a, "where") || has(a, "...") || referenceTable(callee) || exportish) return;
      if (args && args.namedChildCount() > 0 && args.namedChild(0).type() != "object") return;
      f = &ctx.report(call, "`findAll()` without a limit returns every row: add a limit and pagination");
    } else if (core::isJsFamily(ctx.lang()) && name == "findMany") {
      count();
      ts::Node args = call.field("arguments");
      auto a = args ? args.text(src) : std::string_view();
      if (has(a, "take") || has(a, "where") || has(a, "...") || referenceTable(callee) || exportish) return;
      f = &ctx.report(call, "`findMany()` without `take` returns every row: add `take`/`skip` pagination");
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
    } else if (core::isJsFamily(ctx.lang()) && name == "find") {
      ts::Node fn = call.field("function");
      if (fn.type() != "member_expression") return;
      auto recv = fn.field("object").text(src);
      if (recv.empty() || !std::isupper(static_cast<unsigned char>(recv.front()))) return;  // Model.find
      ts::Node args = call.field("arguments");
      if (args && args.namedChildCount() > 0 && args.namedChild(0).text(src) != "{}") return;
      count();
      if (parent.type() == "member_expression") return;  // .limit()/.skip() chained
      if (referenceTable(recv) || exportish) return;
      f = &ctx.report(call, "`" + std::string(recv) + ".find()` returns every document: add `.limit()` and pagination");
    } else if (ctx.lang() == Lang::Go && name == "Find") {
      count();
      if (has(callee, "Limit(") || has(callee, "Where(") || has(callee, "Scopes(") || exportish) return;
      ts::Node args = call.field("arguments");
      if (!args || args.namedChildCount() != 1 || referenceTable(args.text(src))) return;
      f = &ctx.report(call, "`Find` without `Limit` returns every row: add `.Limit(n)` and pagination");
      ts::Node fn = call.field("function");
      core::TextEdit e;
      e.range = {fn.field("operand").endByte(), fn.field("operand").endByte()};
      e.text = ".Limit(100)";
      fix.edits.push_back(e);
    } else {
      // Raw SQL: SELECT without WHERE and LIMIT.
      ts::Node args = call.field("arguments");
      if (!args || args.namedChildCount() == 0) return;
      ts::Node q = args.namedChild(0);
      if (ctx.lang() == Lang::Go && args.namedChildCount() > 1 && (name == "QueryContext")) q = args.namedChild(1);
      auto v = stringLiteralValue(q, src, ctx.lang());
      if (!v) return;
      auto sql = upper(*v);
      auto start = sql.find_first_not_of(" \t\n");
      if (start == std::string::npos || sql.compare(start, 6, "SELECT") != 0) return;
      count();
      for (auto b : {"WHERE", "LIMIT", "FETCH FIRST", "TOP ", "COUNT(", "SUM(", "AVG(", "MIN(", "MAX(", "GROUP BY",
                     "EXISTS", " 1"})
        if (has(sql, b)) return;
      auto from = sql.find(" FROM ");
      if (from == std::string::npos || referenceTable(sql.substr(from)) || exportish) return;
      f = &ctx.report(call, "`SELECT` without `WHERE` or `LIMIT` returns the whole table: add `LIMIT` and pagination");
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
    }
    if (f && !fix.edits.empty()) f->fixes.push_back(fix);
  }

  void finish(RuleContext& ctx) const override {
    ctx.countSite(static_cast<std::uint32_t>(ctx.state<State>().handlers.size()));
  }
};

}  // namespace

const Rule& unboundedQuery() {
  static const UnboundedQuery rule;
  return rule;
}

}  // namespace agentlens::rules
