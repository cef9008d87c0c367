// invalid-suppression: an `agentlens: ignore[…]` comment without a reason, naming an unknown
// rule, or malformed. Reported by core/suppression.cpp inside Engine::analyze.
#include "core/config/config.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Checks inline suppression comments: `agentlens: ignore[rule-id] -- reason` (covers its own line
when it follows code, otherwise the next line) and `agentlens: ignore-file[rule-id] -- reason`
(the whole file). Reports a suppression that gives no reason after ` -- `, names a rule or
category that does not exist, or cannot be read. A suppression without a reason still applies.

## Why is this bad?
A suppression is a decision that a finding is acceptable. Without a reason, the next reader cannot
tell a considered exception from a silenced warning; with a misspelt rule id, the suppression
silently does nothing.

## Example
```python
except Exception:  # agentlens: ignore[swallowed-exceptoin]
    pass
```

Use instead:
```python
except Exception:  # agentlens: ignore[swallowed-exception] -- best-effort cache warm-up
    pass
```

## References
- README, section "Inline suppressions"
)md";

const RuleMeta kMeta{
    .id = core::kInvalidSuppressionRule,
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {},
    .summary = "inline suppression without a reason, with an unknown rule id, or malformed",
    .docs = kDocs,
    .fix = std::nullopt,
};

class InvalidSuppression final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
};

}  // namespace

const Rule& invalidSuppression() {
  static const InvalidSuppression r;
  return r;
}

}  // namespace agentlens::rules
