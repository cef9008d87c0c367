// session-without-store: server-side sessions kept in the process memory (no `store`).
#include <string>
#include <vector>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds server-side session middleware configured without a session store, so sessions live in the
process memory: express-session's `session({ … })` and `@fastify/session` registered with
`register(fastifySession, { … })`, when the options object has no `store`.

Not flagged: options that set `store` (connect-redis, connect-mongo, connect-pg-simple, …),
options passed as a variable (they may set one), cookie sessions that keep the data in the signed
cookie itself (`cookie-session`, `@fastify/secure-session`), and tests.

## Why is this bad?
The default memory store loses every session on restart and deploy (everyone is logged out), is
not shared between instances (a user bounces between logged in and out behind a load balancer),
and express-session's MemoryStore is documented as leaking memory and not meant for production.

## Example
```js
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
```

Use instead:
```js
app.use(session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));
```

## References
- express-session README: "The default server-side session storage, MemoryStore, is purposely not
  designed for a production environment."
- @fastify/session README: `store` option
)md";

const RuleMeta kMeta{
    .id = "session-without-store",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Server-side sessions kept in process memory: lost on restart, not shared across instances",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

struct State final : RuleState {
  std::vector<ts::Node> calls;
};

/// The local names bound to a module: `import x from "m"`, `import * as x from "m"`,
/// `const x = require("m")`.
std::vector<std::string> localNames(std::string_view src, std::string_view module) {
  std::vector<std::string> out;
  for (char q : {'"', '\''}) {
    std::string quoted = q + std::string(module) + q;
    for (auto at = src.find(quoted); at != std::string_view::npos; at = src.find(quoted, at + 1)) {
      auto lineStart = src.rfind('\n', at);
      std::string_view line = src.substr(lineStart == std::string_view::npos ? 0 : lineStart + 1,
                                         at - (lineStart == std::string_view::npos ? 0 : lineStart + 1));
      std::string_view name;
      if (line.starts_with("import ")) {
        auto from = line.find(" from");
        if (from == std::string_view::npos) continue;
        name = line.substr(7, from - 7);
        if (name.starts_with("* as ")) name = name.substr(5);
      } else if (auto eq = line.find('='); eq != std::string_view::npos && line.find("require(") != std::string_view::npos) {
        name = line.substr(0, eq);
        for (std::string_view kw : {"const ", "let ", "var "})
          if (name.starts_with(kw)) name = name.substr(kw.size());
      }
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      if (!name.empty() && name.find_first_of("{},") == std::string_view::npos) out.emplace_back(name);
    }
  }
  return out;
}

bool oneOf(std::string_view s, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (s == n) return true;
  return false;
}

/// An options object literal without a `store` key (nullopt-like: an invalid node when the
/// options are not a literal).
bool literalWithoutStore(ts::Node obj, std::string_view src) {
  if (!obj || obj.type() != "object") return false;
  for (std::uint32_t i = 0; i < obj.namedChildCount(); ++i) {
    ts::Node p = obj.namedChild(i);
    if (p.type() == "spread_element") return false;  // may carry a store
    if (p.type() == "pair" && p.field("key").text(src) == "store") return false;
    if (p.type() == "shorthand_property_identifier" && p.text(src) == "store") return false;
  }
  return true;
}

class SessionWithoutStore final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call_expression"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    ctx.state<State>().calls.push_back(call);
  }

  void finish(RuleContext& ctx) const override {
    auto src = ctx.source();
    auto express = localNames(src, "express-session");
    auto fastify = localNames(src, "@fastify/session");
    if (express.empty() && fastify.empty()) return;
    for (ts::Node call : ctx.state<State>().calls) {
      ts::Node fn = call.field("function");
      ts::Node args = call.field("arguments");
      if (!fn || !args) continue;
      ts::Node options;
      if (fn.type() == "identifier" && oneOf(fn.text(src), express)) {
        options = args.namedChild(0);
      } else if (fn.type() == "member_expression" && fn.field("property").text(src) == "register" &&
                 args.namedChildCount() >= 2 && oneOf(args.namedChild(0).text(src), fastify)) {
        options = args.namedChild(1);
      } else {
        continue;
      }
      ctx.countSite();
      if (!literalWithoutStore(options, src)) continue;
      ctx.report(call, "sessions are kept in the process memory (no `store`): every restart logs everyone out, "
                       "instances do not share them, and the memory store is not meant for production; pass a "
                       "`store` (Redis, Postgres, …)");
    }
  }
};

}  // namespace

const Rule& sessionWithoutStore() {
  static const SessionWithoutStore rule;
  return rule;
}

}  // namespace agentlens::rules
