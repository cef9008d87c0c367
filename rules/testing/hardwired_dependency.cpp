// hardwired-dependency: a constructor that builds its own external clients, so tests cannot
// substitute them.
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds constructors that create external clients themselves instead of receiving them:
- Python: `self.x = psycopg2.connect(…)` / `create_engine(…)` / `boto3.client(…)` /
  `redis.Redis(…)` / `MongoClient(…)` / `stripe.StripeClient(…)` in `__init__`;
- JavaScript/TypeScript: `this.x = new PrismaClient()` / `new Stripe(key)` / `new Pool()` /
  `new S3Client(…)` / `new MongoClient(…)` / `new Redis()` in a class `constructor`;
- Go: `New…` constructors that call `sql.Open` or build an `&http.Client{}` themselves (a hint:
  Go constructors commonly take a config).

## Why is this bad?
A class that opens its own database connection cannot be unit-tested without that database, and
cannot share a pool with the rest of the app. Taking the client as a parameter (with the current
construction as the default) keeps every caller working and lets tests pass a fake.

Not flagged: HTTP sessions (`requests.Session()`, `httpx.Client()`: tests stub them at the
transport level), default-argument injection (`self.db = db or create_engine(…)`,
`this.db = db ?? new PrismaClient()`), app factories and wiring modules (`create_app()`), Go
factories that return the client they open (`func New() *gorm.DB`), Go constructors whose HTTP
client talks to an injected base URL (tests point it at an `httptest` server), tests.

## Example
```python
class OrderRepo:
    def __init__(self):
        self.conn = psycopg2.connect(os.environ["DATABASE_URL"])
```

Use instead:
```python
class OrderRepo:
    def __init__(self, conn=None):
        self.conn = conn or psycopg2.connect(os.environ["DATABASE_URL"])
```

## Fix safety
"Introduce parameter" appends an optional parameter whose default keeps today's behaviour, so
existing callers are unaffected: safe. It is not offered when the constructor takes `*args` or
`**kwargs` (Python) or a rest parameter (JS).

## References
- Martin Fowler, "Inversion of Control Containers and the Dependency Injection pattern"
- pytest docs: fixtures; Jest docs: mock functions
)md";

const RuleMeta kMeta{
    .id = "hardwired-dependency",
    .category = core::Category::Testing,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Constructor creates its own external client instead of taking it as a parameter",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Inject clients so code can be tested",
    .effort = core::Effort::M,
};

constexpr std::string_view kPyClients[] = {"psycopg2.connect", "psycopg.connect", "pymysql.connect", "create_engine",
                                           "boto3.client", "boto3.resource", "redis.Redis", "redis.from_url",
                                           "MongoClient", "pymongo.MongoClient", "stripe.StripeClient",
                                           "sqlite3.connect"};
constexpr std::string_view kJsClients[] = {"PrismaClient", "Stripe", "Pool", "S3Client", "DynamoDBClient", "MongoClient",
                                           "Redis", "Sequelize", "Client", "OpenAI", "Twilio"};

std::string paramName(std::string_view attr) {
  while (!attr.empty() && attr.front() == '_') attr.remove_prefix(1);
  return std::string(attr);
}

class HardwiredDependency final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"assignment"};
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"assignment_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  static void python(ts::Node assign, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node left = assign.field("left");
    ts::Node right = assign.field("right");
    if (!left || left.type() != "attribute" || left.field("object").text(src) != "self") return;
    if (!right || right.type() != "call") return;  // `db or create_engine(...)` is a boolean_operator
    auto callee = calleeText(right, src);
    bool client = false;
    for (auto c : kPyClients) client = client || callee == c;
    if (!client) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || functionName(fn, src) != "__init__") return;
    std::string attr(left.field("attribute").text(src));
    std::string param = paramName(attr);
    auto& f = ctx.report(right, "`__init__` creates its own `" + std::string(callee) +
                                    "`: tests cannot substitute it; take it as a parameter (`" + param + "=None`)");
    ts::Node params = fn.field("parameters");
    if (!params) return;
    for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
      auto t = params.namedChild(i).type();
      if (t == "list_splat_pattern" || t == "dictionary_splat_pattern") return;
      if (params.namedChild(i).text(src) == param || params.namedChild(i).text(src).starts_with(param + "=")) return;
    }
    core::Fix fix{.title = "Introduce parameter `" + param + "`", .applicability = core::Applicability::Safe};
    core::TextEdit p;
    p.range = {params.endByte() - 1, params.endByte() - 1};
    std::string_view inner = params.text(src).substr(1, params.text(src).size() - 2);
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\n')) inner.remove_suffix(1);
    p.text = inner.ends_with(",") ? " " + param + "=None" : ", " + param + "=None";
    if (params.namedChildCount() == 0) p.text = param + "=None";
    core::TextEdit v;
    v.range = {right.startByte(), right.startByte()};
    v.text = param + " or ";
    fix.edits = {p, v};
    f.fixes.push_back(fix);
  }

  static void js(ts::Node assign, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node left = assign.field("left");
    ts::Node right = assign.field("right");
    if (!left || left.type() != "member_expression" || left.field("object").text(src) != "this") return;
    if (!right || right.type() != "new_expression") return;
    auto ctor = right.field("constructor").text(src);
    bool client = false;
    for (auto c : kJsClients) client = client || ctor == c;
    if (!client) return;
    if (ctor == "Client" && !ctx.facts().imports_("pg")) return;
    if (ctor == "Pool" && !ctx.facts().imports_("pg") && !ctx.facts().imports_("mysql2")) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || fn.type() != "method_definition" || functionName(fn, src) != "constructor") return;
    std::string param = paramName(left.field("property").text(src));
    auto& f = ctx.report(right, "constructor creates its own `" + std::string(ctor) +
                                    "`: tests cannot substitute it; take it as a parameter");
    ts::Node params = fn.field("parameters");
    if (!params) return;
    for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
      auto t = params.namedChild(i).type();
      if (t == "rest_pattern" || params.namedChild(i).text(src).starts_with(param)) return;
    }
    bool ts = ctx.lang() != Lang::JavaScript;
    core::Fix fix{.title = "Introduce parameter `" + param + "`", .applicability = core::Applicability::Safe};
    core::TextEdit p;
    p.range = {params.endByte() - 1, params.endByte() - 1};
    std::string decl = param + (ts ? "?: " + std::string(ctor) : "");
    p.text = params.namedChildCount() == 0 ? decl : ", " + decl;
    core::TextEdit v;
    v.range = {right.startByte(), right.startByte()};
    v.text = param + " ?? ";
    fix.edits = {p, v};
    f.fixes.push_back(fix);
  }

  static void go(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    bool hit = false;
    std::string what;
    if (node.type() == "call_expression") {
      auto callee = calleeText(node, src);
      if (callee == "sql.Open" || callee == "sqlx.Open" || callee == "gorm.Open" || callee == "pgxpool.New" ||
          callee == "redis.NewClient") {
        hit = true;
        what = std::string(callee);
      }
    } else {
      auto t = node.field("type").text(src);
      if (t == "http.Client") {
        hit = true;
        what = "http.Client";
      }
    }
    if (!hit) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || fn.type() != "function_declaration") return;
    auto name = functionName(fn, src);
    if (!name.starts_with("New")) return;
    // The factory of the dependency itself (`func New() *gorm.DB`): it is what callers receive.
    auto result = fn.field("result").text(src);
    for (std::string_view t : {"*sql.DB", "*sqlx.DB", "*gorm.DB", "*pgxpool.Pool", "*redis.Client", "*http.Client"})
      if (result == t || result.starts_with(std::string("(") + std::string(t) + ",")) return;
    // An HTTP client behind an injected base URL: tests point it at an httptest server.
    auto params = fn.field("parameters").text(src);
    if (what == "http.Client" && (params.find("URL") != std::string_view::npos ||
                                  params.find("url") != std::string_view::npos ||
                                  params.find("Url") != std::string_view::npos))
      return;
    auto& f = ctx.report(node, "`" + std::string(name) + "` builds its own `" + what +
                                   "`: accept it as a parameter so tests can pass a fake");
    f.severity = core::Severity::Info;
  }
};

}  // namespace

const Rule& hardwiredDependency() {
  static const HardwiredDependency rule;
  return rule;
}

}  // namespace agentlens::rules
