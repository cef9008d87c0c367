// query-in-loop: a database call inside a loop over a collection (the N+1 query pattern).
#include <cctype>
#include <optional>
#include <set>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds database calls made inside a loop over a collection — a previous result set, request data,
a list of ids: `cursor.execute`, `session.query`/`Model.query…`, Django `.objects.…`,
`prisma.<model>.find…`, `db.query`, Mongoose `Model.findOne`, Go `db.QueryRow`/`Query`/`Exec`,
including `for rows.Next()` loops and `.forEach`/`.map` callbacks.

## Why is this bad?
One query per item is the N+1 pattern: a page of 50 orders becomes 51 round trips. It is fast
against a local database with 10 rows and collapses under production data and latency, holding a
connection for the whole loop. One query with `WHERE id = ANY(…)`/`IN (…)`, a join, or eager
loading (`joinedload`, `select_related`/`prefetch_related`, Prisma `include`) does the same work in
one round trip.

Not flagged: queries in a per-item transaction inside the loop (`with transaction.atomic():`),
code that is not the running service (seed and one-off scripts, management
commands, CLIs, migrations, tests), loops over literal lists and `range(…)` (small constant sets), `while` loops
(pagination and retries), `executemany` and bulk operations. The density score counts every loop
that contains a database call.

## Example
```python
for order in orders:
    order.items = session.query(Item).filter_by(order_id=order.id).all()
```

Use instead:
```python
orders = session.query(Order).options(selectinload(Order.items)).all()
```

## References
- SQLAlchemy docs: relationship loading techniques
- Django docs: `select_related`, `prefetch_related`
- Prisma docs: "Solving the n+1 problem"
)md";

const RuleMeta kMeta{
    .id = "query-in-loop",
    .category = core::Category::Database,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Database query inside a loop over a collection (N+1)",
    .docs = kDocs,
    .fix = std::nullopt,
    .mode = ScoreMode::Density,
    .planTitle = "Replace per-item queries with one query (N+1)",
    .effort = core::Effort::M,
};

struct State final : RuleState {
  std::set<std::uint32_t> loops;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool dbReceiver(std::string_view recv) {
  auto l = lower(recv);
  for (auto k : {"db", "tx", "conn", "pool", "client", "knex", "sequelize", "cursor", "cur", "store", "repo", "session"})
    if (l.find(k) != std::string::npos) return true;
  return false;
}

bool isDbCall(ts::Node call, std::string_view src, Lang lang) {
  auto callee = calleeText(call, src);
  auto name = calleeName(call, src);
  ts::Node fn = call.field("function");
  std::string_view recv;
  if (fn.type() == "attribute") recv = fn.field("object").text(src);
  else if (fn.type() == "member_expression") recv = fn.field("object").text(src);
  else if (fn.type() == "selector_expression") recv = fn.field("operand").text(src);
  if (recv.empty()) return false;
  if (lang == Lang::Python) {
    if (name == "execute" || name == "fetchone" || name == "fetchall") return dbReceiver(recv);
    if (callee.find(".objects.") != std::string_view::npos) return true;
    if (callee.find(".query.") != std::string_view::npos || callee.find("session.query") != std::string_view::npos)
      return true;
    if (recv.ends_with("session") && (name == "get" || name == "scalar" || name == "scalars" || name == "query"))
      return true;
    return false;
  }
  if (lang == Lang::Go) {
    for (auto m : {"QueryRow", "QueryRowContext", "Query", "QueryContext", "Exec", "ExecContext", "Get", "Select",
                   "GetContext", "SelectContext", "First", "Find"})
      if (name == m) return recv != "http" && dbReceiver(recv);
    return false;
  }
  if (callee.starts_with("prisma.") || callee.find(".prisma.") != std::string_view::npos) return true;
  if (name == "query" || name == "execute") return dbReceiver(recv);
  if (!recv.empty() && std::isupper(static_cast<unsigned char>(recv.front())))
    for (auto m : {"findById", "findOne", "findByPk", "findAll", "findOneAndUpdate", "findUnique"})
      if (name == m) return true;
  return false;
}

/// True when a loop iterates over data (a variable, a result set, request input) rather than a
/// literal, a range or a non-database call (`glob(...)`, `Object.keys(...)`).
bool iterable(ts::Node it, std::string_view src, Lang lang) {
  for (int guard = 0; guard < 4 && it; ++guard) {
    auto t = it.type();
    if (t == "await" || t == "await_expression" || t == "parenthesized_expression") {
      it = it.namedChild(0);
      continue;
    }
    if (t == "call" || t == "call_expression") {
      auto callee = calleeText(it, src);
      if (callee == "enumerate" || callee == "sorted" || callee == "reversed" || callee == "list" || callee == "zip" ||
          callee == "tuple" || callee == "set") {
        ts::Node args = it.field("arguments");
        it = args ? args.namedChild(0) : ts::Node();
        continue;
      }
      return isDbCall(it, src, lang) || calleeName(it, src) == "fetchall" || calleeName(it, src) == "all";
    }
    return t == "identifier" || t == "attribute" || t == "member_expression" || t == "subscript" ||
           t == "subscript_expression" || t == "selector_expression" || t == "index_expression";
  }
  return false;
}

class QueryInLoop final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || ctx.facts().role == core::FileRole::Migration) return;
    auto src = ctx.source();
    if (!isDbCall(call, src, ctx.lang())) return;
    auto hit = enclosingLoop(call, ctx);
    if (!hit) return;
    auto& [loop, over, eligible] = *hit;
    auto& st = ctx.state<State>();
    if (!st.loops.insert(loop.startByte()).second) return;
    ctx.countSite();
    if (!eligible) return;
    if (over.size() > 40) over = over.substr(0, 37) + "...";
    ctx.report(call, "query runs once per item of `" + over +
                         "` (N+1): fetch them in one query (`IN`/`ANY(...)`, a join, or eager loading)");
  }

 private:
  /// Go: what a for loop runs over: its range expression, a `rows.Next()` condition, or its
  /// for clause when the call sits in it; null for a bare loop.
  static ts::Node goLoopHead(ts::Node loop, ts::Node call) {
    ts::Node iter;
    for (std::uint32_t k = 0; k < loop.namedChildCount(); ++k) {
      ts::Node c = loop.namedChild(k);
      if (c.type() == "range_clause") iter = c.field("right");
      if (c.type() == "call_expression") iter = c;  // for rows.Next() {
      if (c.type() == "for_clause" && holds(c, call)) iter = c;
    }
    return iter;
  }

  static bool holds(ts::Node n, ts::Node call) {
    return n && n.startByte() <= call.startByte() && call.endByte() <= n.endByte();
  }

  /// The loop that runs the call once per item, what it iterates over, and whether that is a
  /// collection of items (eligible).
  struct LoopHit {
    ts::Node loop;
    std::string over;
    bool eligible = false;
  };

  /// The innermost loop whose *body* holds the call, within the same function (JS array
  /// callbacks count). A call in a loop's iterable runs once: look further out. Nullopt when
  /// there is none, or a while/do loop, a transaction block or a plain function comes first.
  static std::optional<LoopHit> enclosingLoop(ts::Node call, const RuleContext& ctx) {
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    ts::Node loop;
    std::string over;
    bool eligible = false;
    auto inside = [&](ts::Node n) { return holds(n, call); };
    for (std::size_t i = anc.size(); i-- > 0 && !loop;) {
      ts::Node a = anc[i];
      auto t = a.type();
      ts::Node iter;
      bool isLoop = false;
      if (t == "while_statement" || t == "do_statement") return std::nullopt;  // pagination, retries
      // `for x in xs: with transaction.atomic(): …`: one transaction per item, chosen on purpose
      // (each commit and its on_commit hooks stand alone).
      if (t == "with_statement" && a.field("body") &&
          src.substr(a.startByte(), a.field("body").startByte() - a.startByte()).find("atomic(") != std::string_view::npos)
        return std::nullopt;
      if (ctx.lang() == Lang::Python && t == "for_statement") {
        isLoop = true;
        iter = a.field("right");
      } else if (ctx.lang() == Lang::Python && (t == "list_comprehension" || t == "generator_expression" ||
                                                t == "set_comprehension" || t == "dictionary_comprehension")) {
        for (std::uint32_t k = 0; k < a.namedChildCount(); ++k)
          if (a.namedChild(k).type() == "for_in_clause") iter = a.namedChild(k).field("right");
        isLoop = static_cast<bool>(iter);
      } else if (t == "for_in_statement") {
        isLoop = true;
        iter = a.field("right");
      } else if (t == "for_statement" && core::isJsFamily(ctx.lang())) {
        isLoop = true;
        ts::Node cond = a.field("condition");
        if (inside(cond) || inside(a.field("initializer"))) continue;
        auto c = cond.text(src);
        if (c.find(".length") != std::string_view::npos) {
          loop = a;
          over = std::string(c.substr(c.find_last_of(' ') + 1));
          eligible = true;
        } else {
          loop = a;
        }
        break;
      } else if (t == "for_statement" && ctx.lang() == Lang::Go) {
        isLoop = true;
        iter = goLoopHead(a, call);
        if (iter && iter.type() == "call_expression" && calleeName(iter, src) == "Next" && !inside(iter)) {
          loop = a;
          over = std::string(iter.text(src));
          eligible = true;
          break;
        }
        if (!iter) {  // 3-clause or bare loop: retries and counters
          loop = a;
          break;
        }
      } else if (isFunctionNode(a, ctx.lang())) {
        // arr.forEach(cb) / arr.map(cb) / Promise.all(ids.map(...))
        if (i >= 2 && anc[i - 1].type() == "arguments" && anc[i - 2].type() == "call_expression") {
          ts::Node outer = anc[i - 2];
          auto m = calleeName(outer, src);
          ts::Node ofn = outer.field("function");
          if ((m == "forEach" || m == "map" || m == "flatMap") && ofn.type() == "member_expression") {
            loop = outer;
            iter = ofn.field("object");
            over = std::string(iter.text(src));
            eligible = iterable(iter, src, ctx.lang());
            break;
          }
        }
        return std::nullopt;
      }
      if (!isLoop || !iter) continue;
      if (inside(iter)) continue;
      loop = a;
      over = std::string(iter.text(src));
      eligible = iterable(iter, src, ctx.lang());
    }
    if (!loop) return std::nullopt;
    return LoopHit{loop, over, eligible};
  }
};

}  // namespace

const Rule& queryInLoop() {
  static const QueryInLoop rule;
  return rule;
}

}  // namespace agentlens::rules
