// node-module-not-imported: a Node core module (`path`, `fs`, …) used in a JavaScript file that
// never requires or imports it: the line throws a ReferenceError when it runs.
#include <array>
#include <map>
#include <set>
#include <string>

#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds JavaScript server code that calls a Node core module by its usual name — `path.resolve(…)`,
`fs.readFileSync(…)`, `os.hostname()`, `util.promisify(…)`, `url.parse(…)`, `http.get(…)`,
`zlib.gzip(…)`, `child_process.exec(…)` — while nothing in the file binds that name: no
`require`, no `import`, no variable, parameter or destructured name.

Not flagged: TypeScript (the compiler rejects the file), a name bound anywhere in the file
(even in another scope), `crypto` (a global in current Node), browser code, tests and tooling.

## Why is this bad?
Node has no global `path` or `fs`: the call throws `ReferenceError: path is not defined` the
first time the line runs. In a route handler that is a 500 on every request to the route; in a
startup or background path it crashes the process. Nothing fails at start-up, so the bug ships
and waits for the first request that reaches it (often a fallback route that tests never hit).

## Example
```javascript
const express = require("express");
const app = express();
app.get("/", (req, res) => res.sendFile(path.join(__dirname, "views/index.html")));
```

Use instead:
```javascript
const path = require("path");
const express = require("express");
const app = express();
app.get("/", (req, res) => res.sendFile(path.join(__dirname, "views/index.html")));
```

## References
- Node.js docs: Modules (core modules must be required), `ReferenceError`
- ESLint `no-undef`
)md";

const RuleMeta kMeta{
    .id = "node-module-not-imported",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript},
    .roles = kServiceCode,
    .summary = "Node core module used without require/import (ReferenceError)",
    .docs = kDocs,
    .planTitle = "Require the modules you use",
    .effort = core::Effort::XS,
};

constexpr std::array<std::string_view, 13> kModules{"path", "fs", "os", "util", "url", "http", "https", "zlib",
                                                    "querystring", "child_process", "net", "dns", "readline"};

bool coreModule(std::string_view name) {
  for (auto m : kModules)
    if (m == name) return true;
  return false;
}

struct State final : RuleState {
  std::set<std::string, std::less<>> bound;
  std::map<std::string, ts::Node, std::less<>> firstUse;  // name -> the `name.member` expression
};

class NodeModuleNotImported final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override {
    return {"identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier", "comment"};
  }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }

  void visit(ts::Node node, RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    auto text = ctx.text(node);
    if (node.type() == "comment") {
      // `/* global path */` and `/* eslint-env node */` files declare their globals themselves.
      if (text.find("global ") != std::string_view::npos || text.find("eslint-env") != std::string_view::npos)
        for (auto m : kModules)
          if (text.find(m) != std::string_view::npos) st.bound.emplace(m);
      return;
    }
    if (!coreModule(text)) return;
    auto anc = ctx.ancestors();
    ts::Node parent = anc.empty() ? ts::Node{} : anc.back();
    bool use = node.type() == "identifier" && parent && parent.type() == "member_expression" &&
               parent.field("object") == node;
    if (!use) {
      st.bound.emplace(text);
      return;
    }
    st.firstUse.try_emplace(std::string(text), parent);
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    for (const auto& [name, use] : st.firstUse) {
      if (st.bound.count(name)) continue;
      ctx.report(use, "`" + name + "` is used but never required or imported in this file: `" +
                          std::string(ctx.text(use)) + "` throws a ReferenceError when it runs; add `const " + name +
                          " = require(\"" + name + "\")` (or `import " + name + " from \"node:" + name + "\"`)");
    }
  }
};

}  // namespace

const Rule& nodeModuleNotImported() {
  static const NodeModuleNotImported rule;
  return rule;
}

}  // namespace agentlens::rules
