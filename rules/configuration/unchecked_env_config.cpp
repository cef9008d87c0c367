// unchecked-env-config: environment reads that can silently yield None, "" or NaN and fail later.
#include <algorithm>
#include <map>
#include <set>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds environment reads whose missing value is not handled before it is used:
- Python: `os.getenv("X")` / `os.environ.get("X")` without a default passed to `int()`/`float()`,
  called as a string (`.split(",")`), concatenated, or handed to a client (`create_engine`,
  `redis.from_url`, `MongoClient`, …) — directly or through a variable that is never checked
  (`if not X`, `X is None`, `assert X`); and non-string defaults (`os.getenv("PORT", 8000)`
  returns `str` when set and `int` when not);
- JavaScript/TypeScript: `parseInt`/`Number`/`parseFloat(process.env.X)` without a fallback
  (NaN), and `process.env.X` passed straight to a client or to `jwt.sign`/`jwt.verify` with no
  check anywhere in the file;
- Go: `x := os.Getenv("X")` never compared with `""`, `strconv.Atoi(os.Getenv("X"))` with the error
  discarded, and `os.Getenv("X")` passed straight to `sql.Open`, `gorm.Open`, `pgxpool.New`,
  `redis.Options{Addr: …}` and similar.

## Why is this bad?
A missing variable does not stop the program at start-up: it becomes `None`, `""` or `NaN`, and the
failure shows up later, in a request, far from its cause ("will it start correctly in production,
or crash because of missing config?"). Reading required configuration once, at start-up, and
failing with the variable's name is what makes a misconfigured deploy fail fast.

Not flagged: `os.environ["X"]` (fails fast), reads with a string default
(`os.environ.get("TIMEOUT", "30")`), values checked anywhere in the file, centralized validated
configuration (pydantic-settings, django-environ, envalid, `@t3-oss/env`, envconfig, caarlos0/env,
viper), `NEXT_PUBLIC_*` and `NODE_ENV`, and code that does not run in the service: one-off and seed
scripts (run with their own `--env-file`), CLI commands, migrations, frontend code, tool config and
tests.

## Example
```python
engine = create_engine(os.getenv("DATABASE_URL"))
```

Use instead:
```python
engine = create_engine(os.environ["DATABASE_URL"])
```

## Fix safety
Replaces the read with a required lookup (`os.environ["X"]`, a `requiredEnv("X")` helper in
JavaScript, a `mustEnv("X")` helper in Go), adds the import or helper and `X=` to `.env.example`;
a non-string default becomes a string (`os.getenv("PORT", "8000")`). Unsafe: the program now stops
at start-up when the variable is missing, which is the point.

## References
- The Twelve-Factor App, III. Config
- Ruff PLW1508 (invalid-envvar-default), PLE1507 (invalid-envvar-value)
)md";

const RuleMeta kMeta{
    .id = "unchecked-env-config",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Environment variable used without handling a missing value",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

bool in(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// Clients whose constructor gets a connection string, address or key.
bool clientCallee(std::string_view last) {
  return in(last, {"create_engine", "create_async_engine", "connect", "from_url", "Redis", "StrictRedis", "MongoClient",
                   "AsyncIOMotorClient", "Client", "AsyncClient", "Stripe", "OpenAI", "Anthropic", "Pool", "createClient",
                   "createConnection", "createPool", "Sequelize", "PrismaClient", "S3Client", "Minio", "sign", "verify",
                   "Open", "New", "NewClient", "Dial", "ParseURL", "initializeApp", "create_pool", "Elasticsearch"});
}

bool goSink(std::string_view callee) {
  return in(callee, {"sql.Open", "gorm.Open", "postgres.Open", "mysql.Open", "pgxpool.New", "pgx.Connect", "grpc.Dial",
                     "grpc.NewClient", "http.Get", "redis.ParseURL", "mongo.Connect", "sqlx.Connect", "sqlx.Open",
                     "amqp.Dial", "nats.Connect", "http.ListenAndServe", "jwt.Parse"});
}

struct Binding {
  ts::Node read;     ///< the env read call
  std::string env;   ///< the variable's name
  std::uint32_t scopeStart = 0, scopeEnd = 0;  ///< enclosing function (0,0 = file)
};

struct State final : RuleState {
  bool centralized = false;
  std::vector<std::pair<std::string, Binding>> bindings;         ///< local name → env read, in source order
  std::vector<std::pair<std::string, std::uint32_t>> checks;     ///< names seen in conditions
  std::vector<std::pair<std::string, ts::Node>> sinks;           ///< names used where None/"" breaks
  std::set<std::string> checkedEnv;                              ///< JS: process.env.X tested somewhere
  struct ClientRead {
    std::string env;
    std::string callee;
    ts::Node node;
  };
  std::vector<ClientRead> jsClientReads;  ///< JS: process.env.X passed to a client
  std::vector<std::uint32_t> reported;
};

class UncheckedEnvConfig final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python)
      return {"call", "if_statement", "assert_statement", "boolean_operator", "comparison_operator", "not_operator",
              "conditional_expression"};
    if (lang == Lang::Go) return {"call_expression", "binary_expression"};
    return {"member_expression", "if_statement", "binary_expression", "unary_expression", "ternary_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    auto& st = ctx.state<State>();
    if (st.centralized || centralized(facts, ctx.lang())) {
      st.centralized = true;
      return;
    }
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (st.centralized) return;
    std::set<std::uint32_t> done;
    for (const auto& [name, node] : st.sinks) {
      // The binding of `name` that this use sees: the last read before it in an enclosing scope.
      const Binding* b = nullptr;
      for (const auto& [bn, cand] : st.bindings) {
        if (bn != name || cand.read.startByte() > node.startByte()) continue;
        if (cand.scopeEnd != 0 && (node.startByte() < cand.scopeStart || node.startByte() >= cand.scopeEnd)) continue;
        b = &cand;
      }
      if (!b || done.count(b->read.startByte())) continue;
      bool checked = std::any_of(st.checks.begin(), st.checks.end(), [&, &name = name](const auto& c) {
        return c.first == name && (b->scopeEnd == 0 || (c.second >= b->scopeStart && c.second < b->scopeEnd));
      });
      if (checked) continue;
      done.insert(b->read.startByte());
      report(b->read, b->env, ctx,
             "`" + name + "` holds " + b->env + " from the environment and is used without checking that it is set");
    }
    for (const auto& r : st.jsClientReads)
      if (!st.checkedEnv.count(r.env))
        report(r.node, r.env, ctx,
               "process.env." + r.env + " goes straight into " + r.callee + "(): when it is unset it gets undefined");
  }

 private:
  static bool centralized(const core::Facts& f, Lang lang) {
    for (const auto& imp : f.imports) {
      std::string_view m = imp.module;
      if (lang == Lang::Python &&
          (m.starts_with("pydantic_settings") || m == "environ" || m == "decouple" || m.starts_with("dynaconf")))
        return true;
      if (core::isJsFamily(lang) && (m == "envalid" || m.starts_with("@t3-oss/env") || m == "env-var" || m == "znv"))
        return true;
      if (lang == Lang::Go && (m.find("envconfig") != std::string_view::npos || m.find("caarlos0/env") != std::string_view::npos ||
                               m.find("spf13/viper") != std::string_view::npos || m.find("knadh/koanf") != std::string_view::npos))
        return true;
    }
    return false;
  }

  void report(ts::Node read, const std::string& env, RuleContext& ctx, const std::string& message) const {
    auto& st = ctx.state<State>();
    if (std::find(st.reported.begin(), st.reported.end(), read.startByte()) != st.reported.end()) return;
    st.reported.push_back(read.startByte());
    core::Finding& f = ctx.report(read, message + ": require it at start-up");
    if (auto fix = requiredEnvFix(ctx.file(), read, env)) f.fixes.push_back(std::move(*fix));
  }

  static std::uint32_t scopeEnd(const RuleContext& ctx, std::uint32_t& start) {
    ts::Node fn = enclosingFunction(ctx);
    start = fn ? fn.startByte() : 0;
    return fn ? fn.endByte() : 0;
  }

  /// Names of identifiers inside a (small) condition subtree.
  static void collectNames(ts::Node cond, RuleContext& ctx) {
    auto& st = ctx.state<State>();
    auto src = ctx.source();
    ts::walk(cond, [&](ts::Node n) {
      auto t = n.type();
      if (t == "identifier") st.checks.emplace_back(std::string(n.text(src)), n.startByte());
      if (t == "member_expression" && n.text(src).starts_with("process.env."))
        st.checkedEnv.insert(std::string(n.field("property").text(src)));
      return t != "lambda" && t != "arrow_function" && t != "function_definition";
    });
  }

  // ---------------------------------------------------------------- Python

  /// `os.getenv("X"[, d])`, `os.environ.get("X"[, d])`, `getenv("X")`: the name and the default node.
  static bool pyEnvRead(ts::Node call, std::string_view src, std::string& name, ts::Node& dflt, std::size_t& nargs) {
    auto callee = calleeText(call, src);
    if (!in(callee, {"os.getenv", "os.environ.get", "getenv", "environ.get"})) return false;
    ts::Node args = callArguments(call);
    if (!args || args.namedChildCount() == 0) return false;
    auto v = stringLiteralValue(args.namedChild(0), src, Lang::Python);
    if (!v) return false;
    name = std::string(*v);
    nargs = args.namedChildCount();
    dflt = nargs >= 2 ? args.namedChild(1) : ts::Node();
    if (dflt && dflt.type() == "keyword_argument") dflt = dflt.field("value");
    return true;
  }

  void python(ts::Node node, RuleContext& ctx) const {
    auto src = ctx.source();
    auto t = node.type();
    if (t != "call") {
      ts::Node cond = t == "if_statement" ? node.field("condition") : node;
      if (t == "conditional_expression" && node.namedChildCount() >= 2) cond = node.namedChild(1);
      collectNames(cond, ctx);
      return;
    }
    auto& st = ctx.state<State>();
    auto anc = ctx.ancestors();
    // Sinks of bound names: int(x), float(x), x.method(…), client(x).
    std::string_view callee = calleeText(node, src);
    std::string_view last = calleeName(node, src);
    ts::Node args = callArguments(node);
    if (args) {
      bool sinkCall = in(callee, {"int", "float"}) || clientCallee(last);
      for (std::uint32_t i = 0; sinkCall && i < args.namedChildCount(); ++i) {
        ts::Node a = args.namedChild(i);
        if (a.type() == "keyword_argument") a = a.field("value");
        if (a && a.type() == "identifier") st.sinks.emplace_back(std::string(a.text(src)), a);
      }
    }
    ts::Node fn = node.field("function");
    if (fn && fn.type() == "attribute" && fn.field("object").type() == "identifier" &&
        in(fn.field("attribute").text(src), {"split", "lower", "upper", "strip", "startswith", "endswith", "encode",
                                             "replace", "format", "rstrip", "lstrip"}))
      st.sinks.emplace_back(std::string(fn.field("object").text(src)), fn.field("object"));

    std::string name;
    ts::Node dflt;
    std::size_t nargs = 0;
    if (!pyEnvRead(node, src, name, dflt, nargs)) return;
    ts::Node parent = anc.empty() ? ts::Node() : anc.back();
    ts::Node grand = anc.size() >= 2 ? anc[anc.size() - 2] : ts::Node();
    bool wrappedNumber = parent && parent.type() == "argument_list" && grand && grand.type() == "call" &&
                         in(calleeText(grand, src), {"int", "float", "bool"});
    if (dflt && in(dflt.type(), {"integer", "float", "true", "false"})) {
      if (wrappedNumber) return;  // int(os.getenv("PORT", 8000)) works either way
      auto& stt = ctx.state<State>();
      if (std::find(stt.reported.begin(), stt.reported.end(), node.startByte()) != stt.reported.end()) return;
      stt.reported.push_back(node.startByte());
      core::Finding& f = ctx.report(dflt, name + " has a non-string default (" + std::string(dflt.text(src)) +
                                              "): the value is a str when the variable is set, so the types differ; "
                                              "use a string default and convert it");
      core::Fix fix{.title = "Use the string default \"" + std::string(dflt.text(src)) + "\"",
                    .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {dflt.startByte(), dflt.endByte()};
      e.text = "\"" + std::string(dflt.text(src)) + "\"";
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }
    if (dflt && dflt.type() != "none") return;  // a real default
    // Direct use of the possibly-None value.
    if (wrappedNumber && calleeText(grand, src) != "bool") {
      report(node, name, ctx, name + " may be unset, and " + std::string(calleeText(grand, src)) + "(None) raises TypeError");
      return;
    }
    if (parent && parent.type() == "attribute" && parent.field("object") == node) {
      report(node, name, ctx, name + " may be unset, and calling ." + std::string(parent.field("attribute").text(src)) +
                                  "() on None raises AttributeError");
      return;
    }
    if (parent && parent.type() == "binary_operator" && parent.field("operator").text(src) == "+") {
      report(node, name, ctx, name + " may be unset, and concatenating None raises TypeError");
      return;
    }
    if (parent && (parent.type() == "argument_list" || parent.type() == "keyword_argument")) {
      ts::Node call = parent.type() == "argument_list" ? grand : (anc.size() >= 3 ? anc[anc.size() - 3] : ts::Node());
      if (call && call.type() == "call" && clientCallee(calleeName(call, src))) {
        report(node, name, ctx, name + " may be unset, and " + std::string(calleeText(call, src)) + "() then gets None");
        return;
      }
    }
    // Bound to a name: decided in finish() from its uses and checks.
    if (parent && parent.type() == "assignment" && parent.field("left").type() == "identifier") {
      Binding b{node, name, 0, 0};
      b.scopeEnd = scopeEnd(ctx, b.scopeStart);
      st.bindings.emplace_back(std::string(parent.field("left").text(src)), b);
    }
  }

  // ---------------------------------------------------------------- JavaScript / TypeScript

  void js(ts::Node node, RuleContext& ctx) const {
    auto src = ctx.source();
    auto t = node.type();
    if (t == "if_statement") return collectNames(node.field("condition"), ctx);
    if (t == "unary_expression") {
      if (node.field("operator").text(src) == "!") collectNames(node.field("argument"), ctx);
      return;
    }
    if (t == "ternary_expression") return collectNames(node.field("condition"), ctx);
    if (t == "binary_expression") {
      auto op = node.field("operator").text(src);
      if (op == "||" || op == "??" || op == "===" || op == "!==" || op == "==" || op == "!=")
        collectNames(node.field("left"), ctx);
      return;
    }
    // member_expression: process.env.X
    if (node.field("object").text(src) != "process.env") return;
    std::string env(node.field("property").text(src));
    if (env.empty() || env == "NODE_ENV" || env.starts_with("NEXT_PUBLIC_") || env.starts_with("VITE_")) return;
    auto anc = ctx.ancestors();
    if (anc.empty()) return;
    ts::Node parent = anc.back();
    auto pt = parent.type();
    if (pt == "binary_expression") return;  // process.env.X || default, comparisons
    ts::Node call;
    if (pt == "arguments" && anc.size() >= 2) call = anc[anc.size() - 2];
    if (pt == "pair" && anc.size() >= 4 && anc[anc.size() - 2].type() == "object" &&
        anc[anc.size() - 3].type() == "arguments")
      call = anc[anc.size() - 4];
    if (!call) return;
    // A fallback around the call: parseInt(process.env.X) || 3000.
    if (anc.size() >= 3 && call == anc[anc.size() - 2]) {
      ts::Node outer = anc.size() >= 3 ? anc[anc.size() - 3] : ts::Node();
      if (outer && outer.type() == "binary_expression" && in(outer.field("operator").text(src), {"||", "??"})) return;
    }
    std::string_view callee = call.type() == "new_expression" ? call.field("constructor").text(src) : calleeText(call, src);
    auto dot = callee.find_last_of('.');
    std::string_view last = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
    if (pt == "arguments" && in(callee, {"parseInt", "Number", "parseFloat", "Number.parseInt", "Number.parseFloat"})) {
      report(node, env, ctx, std::string(callee) + "(process.env." + env + ") is NaN when the variable is unset");
      return;
    }
    if (clientCallee(last)) ctx.state<State>().jsClientReads.push_back({env, std::string(callee), node});
  }

  // ---------------------------------------------------------------- Go

  void go(ts::Node node, RuleContext& ctx) const {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    if (node.type() == "binary_expression") {
      auto op = node.field("operator").text(src);
      ts::Node l = node.field("left"), r = node.field("right");
      if (op == "+" && l.type() == "interpreted_string_literal" && l.text(src).starts_with("\":") &&
          r.type() == "identifier") {
        st.sinks.emplace_back(std::string(r.text(src)), r);  // ":" + port: an empty port listens anywhere
        return;
      }
      if (op != "==" && op != "!=") return;
      if (l.type() == "identifier" && r.type() == "interpreted_string_literal")
        st.checks.emplace_back(std::string(l.text(src)), node.startByte());
      if (r.type() == "identifier" && l.type() == "interpreted_string_literal")
        st.checks.emplace_back(std::string(r.text(src)), node.startByte());
      return;
    }
    std::string_view callee = calleeText(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    // len(x), cmp.Or(x, …) count as checks of x.
    if (callee == "len" || callee == "cmp.Or" || callee == "strings.TrimSpace") {
      for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
        if (args.namedChild(i).type() == "identifier")
          st.checks.emplace_back(std::string(args.namedChild(i).text(src)), node.startByte());
      return;
    }
    if (goSink(callee) || calleeName(node, src) == "ApplyURI") {
      for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
        if (args.namedChild(i).type() == "identifier")
          st.sinks.emplace_back(std::string(args.namedChild(i).text(src)), args.namedChild(i));
    }
    if (callee != "os.Getenv" || args.namedChildCount() != 1) return;
    auto v = stringLiteralValue(args.namedChild(0), src, Lang::Go);
    if (!v) return;
    std::string env(*v);
    auto anc = ctx.ancestors();
    if (anc.size() < 2) return;
    ts::Node parent = anc.back();
    // strconv.Atoi(os.Getenv("X")) with the error discarded.
    if (parent.type() == "argument_list") {
      ts::Node call = anc[anc.size() - 2];
      std::string_view outer = calleeText(call, src);
      if (outer == "strconv.Atoi" || outer.starts_with("strconv.Parse")) {
        if (anc.size() >= 4 && anc[anc.size() - 3].type() == "expression_list") {
          ts::Node decl = anc[anc.size() - 4];
          ts::Node left = decl.field("left");
          if (left && left.namedChildCount() == 2 && left.namedChild(1).text(src) == "_")
            report(node, env, ctx, std::string(outer) + "(os.Getenv(\"" + env +
                                       "\")) discards the error: an unset or malformed value silently becomes 0");
        }
        return;
      }
      std::string_view last = calleeName(call, src);
      if (in(callee, {"cmp.Or"}) || outer.find("nv") != std::string_view::npos) return;  // getEnv helpers
      if (goSink(outer) || last == "ApplyURI") {
        report(node, env, ctx, "os.Getenv(\"" + env + "\") goes straight into " + std::string(outer) +
                                   ": an unset variable becomes \"\" and fails far from its cause");
      }
      return;
    }
    // x := os.Getenv("X") / var x = os.Getenv("X"): decided in finish() from the checks of x.
    if (parent.type() == "expression_list" && anc.size() >= 3) {
      ts::Node decl = anc[anc.size() - 2];
      ts::Node left = decl.type() == "var_spec" ? decl.field("name") : decl.field("left");
      if (decl.type() == "var_spec" && left) {
        // var x = os.Getenv("X"): the name is the spec's first identifier
      } else if (left && left.namedChildCount() == 1) {
        left = left.namedChild(0);
      } else {
        return;
      }
      if (!left || left.type() != "identifier") return;
      if (decl.type() != "short_var_declaration" && decl.type() != "var_spec") return;
      Binding b{node, env, 0, 0};
      b.scopeEnd = scopeEnd(ctx, b.scopeStart);
      std::string name(left.text(src));
      st.bindings.emplace_back(name, b);
    }
  }
};

}  // namespace

const Rule& uncheckedEnvConfig() {
  static const UncheckedEnvConfig rule;
  return rule;
}

}  // namespace agentlens::rules
