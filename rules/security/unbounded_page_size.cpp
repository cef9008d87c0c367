// unbounded-page-size: a page-size request parameter (limit, page_size, per_page, top, first)
// read with no upper bound.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/value_flow.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds page-size parameters (`limit`, `page_size`, `per_page`, `pageSize`, `take`, `top`, and
GraphQL `first`/`last`) that a client controls and nothing caps:
- FastAPI: `limit: int = Query(20, ge=1)` without `le`/`lt`;
- Flask/Django: `int(request.args.get("limit"))` or `request.args.get("per_page", type=int)`;
  DRF paginators that set `page_size_query_param` without `max_page_size`;
- JS/TS: `parseInt(req.query.limit)` / `Number(query.pageSize)`, Joi and zod schemas with a
  `limit` number and no `.max()`, NestJS DTO or GraphQL `@ArgsType()` classes with a page-size
  field and no `@Max()`;
- Go: `strconv.Atoi(c.Query("limit"))` (gin, echo, fiber, `r.URL.Query().Get`) and
  `strconv.Atoi(limit)`.
A parse is not flagged when its function clamps the value (`min(...)`/`Math.min(...)`, a
comparison with a bound other than 0 or 1 such as `if limit > 100`, `clamp`, or Flask-SQLAlchemy's
`paginate(..., max_per_page=100)`), or only does
arithmetic on it to cut a list already in memory (`start = (page - 1) * limit`,
`items.slice(skip, skip + top)`) instead of passing it on to a query or a call.
Environment and config values (`process.env`, `os.Getenv`, `os.environ`) are not request input.

## Why is this bad?
`?limit=1000000` turns one request into a full-table read: the database, the serializer and the
response all grow with the table, and a few such requests exhaust memory or connections (OWASP
API4: unrestricted resource consumption). A maximum page size makes the cost of a request bounded.

## Example
```python
@app.get("/articles")
def list_articles(limit: int = Query(20, ge=1)):
    ...
```

Use instead:
```python
@app.get("/articles")
def list_articles(limit: int = Query(20, ge=1, le=100)):
    ...
```

## References
- OWASP API Security Top 10 (2023): API4 Unrestricted Resource Consumption
- Django REST framework: `max_page_size`; FastAPI: numeric validations (`le`)
)md";

const RuleMeta kMeta{
    .id = "unbounded-page-size",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Client-chosen page size without an upper bound",
    .docs = kDocs,
    .planTitle = "Cap page sizes",
    .effort = core::Effort::S,
};

struct State final : RuleState {
  std::set<std::uint32_t> statements;  ///< one finding per statement (`x && parseInt(x) > 0 ? parseInt(x) : 10`)
};

std::string squash(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_' && c != '-' && c != '"' && c != '\'') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// A name that means "how many rows": graphql also accepts first/last (only in argument classes).
bool pageSizeName(std::string_view name, bool graphql = false) {
  if (name.size() < 3 || name.size() > 14) return false;
  auto n = squash(name);
  for (auto k : {"limit", "pagesize", "perpage", "pagelimit", "take", "top", "maxresults", "size"})
    if (n == k) return true;
  return graphql && (n == "first" || n == "last");
}

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

bool fromEnvironment(std::string_view text) {
  return has(text, "process.env") || has(text, "os.Getenv") || has(text, "os.environ") || has(text, "getenv") ||
         has(text, "config.") || has(text, "settings.");
}

/// The page-size name a parsed expression reads: `req.query.limit`, `c.Query("limit")`, `limit`.
std::string_view readName(ts::Node arg, std::string_view src) {
  if (!arg) return {};
  auto t = arg.text(src);
  if (fromEnvironment(t)) return {};
  auto type = arg.type();
  if (type == "identifier") return t;
  if (type == "member_expression" || type == "attribute" || type == "selector_expression") {
    ts::Node prop = arg.field(type == "attribute" ? "attribute" : type == "selector_expression" ? "field" : "property");
    return prop ? prop.text(src) : std::string_view();
  }
  if (type == "call_expression" || type == "call") {
    // c.Query("limit", "10"), request.args.get("limit"), r.URL.Query().Get("limit"), c.DefaultQuery(...)
    auto name = calleeName(arg, src);
    if (name != "Query" && name != "DefaultQuery" && name != "Get" && name != "get" && name != "QueryParam" &&
        name != "FormValue")
      return {};
    ts::Node args = callArguments(arg);
    if (!args || args.namedChildCount() == 0) return {};
    auto key = args.namedChild(0).text(src);
    return key.size() >= 2 ? key.substr(1, key.size() - 2) : std::string_view();
  }
  return {};
}

/// The statement-level node holding the parse and the variable it assigns ("" when none).
std::pair<ts::Node, std::string_view> assignedVariable(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    auto t = anc[i].type();
    if (t == "variable_declarator" || t == "assignment" || t == "assignment_expression" ||
        t == "short_var_declaration" || t == "assignment_statement") {
      ts::Node left = anc[i].field(t == "variable_declarator" ? "name" : "left");
      if (left && left.namedChildCount() > 0 && (t == "short_var_declaration" || t == "assignment_statement"))
        left = left.namedChild(0);
      return {anc[i], left ? left.text(ctx.source()) : std::string_view()};
    }
    if (t.ends_with("statement") || t == "expression_statement" || isFunctionNode(anc[i], ctx.lang()))
      return {anc[i], {}};
  }
  return {{}, {}};
}

/// A schema object that describes a paged response (`total`, `hasNext`, `items`…), not a request.
bool responseEnvelope(std::string_view object) {
  for (auto k : {"total", "hasNext", "has_next", "nextPage", "next_page", "totalPages", "currentPage", "items:"})
    if (object.find(k) != std::string_view::npos) return true;
  return false;
}

constexpr std::string_view kMessage =
    "` comes from the client with no upper bound: asking for a million rows reads the whole table in one request; "
    "cap it (e.g. at 100)";

class UnboundedPageSize final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "class_definition"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "pair", "class_declaration"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto type = node.type();
    if (type == "class_definition") return drfPaginator(node, ctx);
    if (type == "class_declaration") return argsClass(node, ctx);
    if (type == "pair") return schemaField(node, ctx);
    if (ctx.lang() == Lang::Python && fastapiQuery(node, ctx)) return;
    parse(node, ctx);
  }

 private:
  // parseInt(req.query.limit) / int(request.args.get("limit")) / strconv.Atoi(c.Query("limit")).
  static void parse(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.namedChildCount() == 0) return;
    ts::Node arg = args.namedChild(0);
    std::string_view name;
    if (callee == "parseInt" || callee == "Number" || callee == "int" || callee == "strconv.Atoi" ||
        callee == "strconv.ParseInt" || callee == "strconv.ParseUint") {
      name = readName(arg, src);
    } else if (ctx.lang() == Lang::Python && calleeName(call, src) == "get" && has(callee, "request.") &&
               has(args.text(src), "type=int")) {
      name = readName(call, src);
    }
    if (name.empty() || !pageSizeName(name)) return;
    // A bare identifier or an object field must come from a request somewhere: require that the
    // enclosing function is a handler or the name itself is a page-size word (the fields above).
    if (squash(name) == "size" && !has(arg.text(src), "query") && !has(arg.text(src), "Query")) return;
    auto [stmt, var] = assignedVariable(ctx);
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    for (auto it = ctx.ancestors().rbegin(); it != ctx.ancestors().rend() && *it != fn; ++it)
      if (it->type().find("call") != std::string_view::npos && calleeText(*it, src).ends_with("min")) return;
    if (clamped(fn.text(src), var.empty() ? name : var)) return;
    if (!var.empty() && slicesLoadedList(fn.text(src), var)) return;
    if (!var.empty() && stmt && !flowsOn(src.substr(stmt.endByte(), fn.endByte() - std::min(fn.endByte(), stmt.endByte())), var))
      return;
    if (stmt && !ctx.state<State>().statements.insert(stmt.startByte()).second) return;
    ctx.report(call, "page size `" + std::string(name) + std::string(kMessage));
  }

  // FastAPI: `limit: int = Query(20, ge=1)` without le/lt.
  static bool fastapiQuery(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (callee != "Query" && callee != "fastapi.Query") return false;
    ts::Node param = call.parent();
    if (!param || (param.type() != "typed_default_parameter" && param.type() != "default_parameter")) return true;
    ts::Node pname = param.field("name");
    if (!pname || !pageSizeName(pname.text(src))) return true;
    auto a = callArguments(call).text(src);
    if (has(a, "le=") || has(a, "lt=") || has(a, "le =") || has(a, "lt =")) return true;
    ctx.report(param, "page size `" + std::string(pname.text(src)) + std::string(kMessage) + ": add `le=`");
    return true;
  }

  // DRF: page_size_query_param without max_page_size.
  static void drfPaginator(ts::Node cls, RuleContext& ctx) {
    auto body = cls.field("body").text(ctx.source());
    auto at = body.find("page_size_query_param");
    if (at == std::string_view::npos || has(body, "max_page_size") || has(body, "max_limit")) return;
    ts::Node b = cls.field("body");
    for (ts::Node stmt : statements(b))
      if (stmt.text(ctx.source()).starts_with("page_size_query_param")) {
        ctx.report(stmt, "`page_size_query_param` lets the client choose the page size and `max_page_size` is not set: "
                         "asking for a million rows reads the whole table in one request; set `max_page_size`");
        return;
      }
  }

  // Joi / zod: `limit: Joi.number().integer()` / `limit: z.coerce.number()` without .max().
  static void schemaField(ts::Node pair, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node key = pair.field("key"), value = pair.field("value");
    if (!key || !value || !pageSizeName(key.text(src))) return;
    auto v = value.text(src);
    bool number = v.starts_with("Joi.number(") || v.starts_with("z.number(") || v.starts_with("z.coerce.number(") ||
                  v.starts_with("Type.Number(") || v.starts_with("Type.Integer(") || v.starts_with("yup.number(");
    if (!number || has(v, ".max(") || has(v, ".lte(") || has(v, ".lt(") || has(v, "maximum")) return;
    if (pair.parent() && responseEnvelope(pair.parent().text(src))) return;
    ctx.report(pair, "page size `" + std::string(key.text(src)) + std::string(kMessage) + ": add `.max(...)`");
  }

  // NestJS DTO or GraphQL argument classes: a page-size field and no @Max in the class.
  static void argsClass(ts::Node cls, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node outer = cls.parent() && cls.parent().type() == "export_statement" ? cls.parent() : cls;
    auto text = outer.text(src);
    bool graphql = has(text, "@ArgsType(") || has(text, "@InputType(");
    bool dto = has(text, "@IsInt(") || has(text, "@IsNumber(") || has(text, "@IsPositive(") || has(text, "@Min(");
    if ((!graphql && !dto) || has(text, "@Max(")) return;
    ts::Node body = cls.field("body");
    if (!body) return;
    for (std::uint32_t i = 0; i < body.namedChildCount(); ++i) {
      ts::Node f = body.namedChild(i);
      if (f.type() != "public_field_definition" && f.type() != "field_definition") continue;
      ts::Node name = f.field("name");
      if (!name || !pageSizeName(name.text(src), graphql)) continue;
      auto ft = f.text(src);  // a count: `first?: number`, `@Field(() => Int)`
      if (!has(ft, "number") && !has(ft, "Int")) continue;
      ctx.report(name, "page size `" + std::string(name.text(src)) + std::string(kMessage) + ": add `@Max(...)`");
    }
  }
};

}  // namespace

const Rule& unboundedPageSize() {
  static const UnboundedPageSize rule;
  return rule;
}

}  // namespace agentlens::rules
