// in-memory-state-store: user state (sessions, tokens, orders, payments, carts) kept in a
// module-level dict/Map that the service writes to.
#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds user state kept in a module-level container that the service writes to: a Python
`_sessions: dict[str, Session] = {}` (or `dict()`) assigned with `_sessions[key] = …`, a JS/TS
`const sessions = new Map()` / `= {}` written with `.set(…)` or `sessions[key] = …`, when the name
says it holds sessions, tokens, OTPs, orders, payments or carts.

Not flagged: caches (`cache`, `memo`), constant lookup tables that are never written, locks, and
tests and scripts.

## Why is this bad?
The process memory is not a database: every restart or deploy loses the data (users are logged
out, paid sessions and orders vanish), and with several workers or replicas each process sees its
own copy, so a request that lands on another worker does not find what the previous one stored.

## Example
```python
_sessions: dict[str, Session] = {}

def create_session(user_id: str) -> Session:
    _sessions[user_id] = Session(user_id)
```

Use instead: keep the state in Redis or the database (with a TTL for sessions).

## References
- The Twelve-Factor App, VI. Processes ("stateless and share-nothing")
)md";

const RuleMeta kMeta{
    .id = "in-memory-state-store",
    .category = core::Category::Database,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript},
    .roles = {core::FileRole::Server, core::FileRole::Library},
    .summary = "User state kept in a module-level dict/Map: lost on restart, not shared across workers",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool stateName(std::string_view name) {
  static const std::regex re(R"(^_?[A-Za-z_]*(session|Session|token|Token|otp|Otp|OTP|order|Order|payment|Payment|cart|Cart)s?$)");
  std::string n(name);
  if (n.find("cache") != std::string::npos || n.find("Cache") != std::string::npos) return false;
  return std::regex_match(n, re);
}

/// `name[…] = …` or `name.set(…)` somewhere in the file.
bool written(std::string_view src, std::string_view name) {
  std::string n(name);
  for (auto at = src.find(n); at != std::string_view::npos; at = src.find(n, at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(src[at - 1])) || src[at - 1] == '_' || src[at - 1] == '.')) continue;
    auto rest = src.substr(at + n.size());
    if (rest.starts_with(".set(")) return true;
    if (!rest.starts_with("[")) continue;
    auto close = rest.find(']');
    if (close == std::string_view::npos) continue;
    auto after = rest.substr(close + 1);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    if (after.starts_with("=") && !after.starts_with("==")) return true;
  }
  return false;
}

class InMemoryStateStore final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"assignment"};
    return {"variable_declarator"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    ts::Node name, value;
    if (ctx.lang() == Lang::Python) {
      // Module level only: the assignment's statement sits directly in the module.
      auto anc = ctx.ancestors();
      if (anc.size() < 2 || anc[anc.size() - 2].type() != "module") return;
      name = node.field("left");
      value = node.field("right");
    } else {
      for (ts::Node a : ctx.ancestors())
        if (isFunctionNode(a, ctx.lang()) || a.type() == "class_body") return;
      name = node.field("name");
      value = node.field("value");
    }
    if (!name || !value || name.type() != "identifier") return;
    auto v = value.text(src);
    if (v != "{}" && v != "dict()" && v != "new Map()" && !v.starts_with("new Map<")) return;
    auto n = name.text(src);
    if (!stateName(n) || !written(src, n)) return;
    ctx.report(name, "`" + std::string(n) + "` keeps user state in the process memory: lost on every restart or deploy "
                     "and not shared across workers or replicas; keep it in Redis or the database");
  }
};

}  // namespace

const Rule& inMemoryStateStore() {
  static const InMemoryStateStore rule;
  return rule;
}

}  // namespace agentlens::rules
