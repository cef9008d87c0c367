// unused-suppression: an `agentlens: ignore[rule-id]` comment that suppressed nothing (a hint).
// Reported by core/suppression.cpp inside Engine::analyze.
#include "core/config/config.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports an inline suppression whose rule produced no finding on the line it covers (or, for
`ignore-file`, in the whole file). Only rules that are enabled for the file count: a suppression
for a rule switched off by configuration is left alone.

## Why is this bad?
Stale suppressions pile up after code is fixed or moved. They hide the next real finding on that
line and make the codebase look riskier (or more reviewed) than it is.

## Example
```python
logger.info("started")  # agentlens: ignore[print-instead-of-logging] -- legacy
```

Use instead:
```python
logger.info("started")
```

## References
- Ruff RUF100, ESLint `--report-unused-disable-directives`
)md";

const RuleMeta kMeta{
    .id = core::kUnusedSuppressionRule,
    .category = core::Category::Configuration,
    .severity = core::Severity::Info,
    .confidence = core::Confidence::High,
    .languages = {},
    .summary = "inline suppression that suppresses nothing",
    .docs = kDocs,
    .fix = std::nullopt,
};

class UnusedSuppression final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
};

}  // namespace

const Rule& unusedSuppression() {
  static const UnusedSuppression r;
  return r;
}

}  // namespace agentlens::rules
