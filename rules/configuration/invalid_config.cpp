// invalid-config: a problem in `.agentlens.toml`, `[tool.agentlens]` or a custom rule file.
// Reported by core's config and custom-rule readers (core/config/); this file is its identity
// and documentation (explain, SARIF, hover).
#include "core/config/config.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a problem in AgentLens's own configuration, on the line where it is: a TOML syntax error,
an unknown key, a value of the wrong type, an unknown rule id or category in `select`/`ignore`,
an unknown rule option, or a custom rule (`.agentlens/rules/*.toml`) that is incomplete or whose
tree-sitter query does not compile (with the position of the error in the query). Everything
else in the file still applies.

## Why is this bad?
A configuration mistake silently changes what is checked: a misspelt rule id in `ignore` leaves
the rule on, a misspelt key does nothing at all, and a broken custom rule never runs. Tools that
drop bad configuration without a word make people distrust every result.

## Example
```toml
# .agentlens.toml
ignore = ["print-insted-of-logging"]   # unknown rule id
[score]
fail_under = 80                        # unknown key (it is `fail-under`)
```

Use instead:
```toml
ignore = ["print-instead-of-logging"]
[score]
fail-under = 80
```

## References
- `agentlens config --show PATH` prints the effective configuration for a file
- README, section "Configuration"
)md";

const RuleMeta kMeta{
    .id = core::kInvalidConfigRule,
    .category = core::Category::Configuration,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {},
    .summary = "AgentLens configuration or custom rule file that cannot be applied as written",
    .docs = kDocs,
    .fix = std::nullopt,
};

class InvalidConfig final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
};

}  // namespace

const Rule& invalidConfig() {
  static const InvalidConfig r;
  return r;
}

}  // namespace agentlens::rules
