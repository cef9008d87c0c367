// unchecked-env-config: environment reads that can silently yield None, "" or NaN and fail later.
#include <algorithm>
#include <map>
#include <set>

#include "rules/configuration/unchecked_env_shared.hpp"
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
tests. One variable is one gap: when the module that starts the service (Python, JS/TS) reads X
unchecked in a top-level statement, that read is reported and the other unchecked reads of X in
the files under its folder are not (requiring X at start-up fixes them all).

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

using namespace unchecked_env;

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
};

}  // namespace

const Rule& uncheckedEnvConfig() {
  static const UncheckedEnvConfig rule;
  return rule;
}

}  // namespace agentlens::rules
