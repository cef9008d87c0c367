// weak-password-length: a password field validated with a minimum length under 6 characters.
#include <cctype>
#include <regex>
#include <string>

#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds the validation of a password field that accepts very short passwords — a minimum length
under 6 characters:
- Python: marshmallow `password = fields.String(validate=validate.Length(min=3))`, pydantic
  `password: str = Field(min_length=4)` / `constr(min_length=4)`;
- JavaScript/TypeScript: zod/yup/joi `password: z.string().min(4)`;
- Go: struct tags `json:"password" … validate:"min=4"` / `binding:"min=4"`.

Not flagged: minimums of 6 or more (NIST SP 800-63B asks for 8: raise it too), fields that are not
passwords (`password_hint`), login forms that only check that a password was sent (`min(1)`), tests.

## Why is this bad?
A 3- or 4-character password falls to an online guessing attack in minutes, even with a rate limit,
and to an offline attack on a leaked hash in seconds. Users pick the shortest password allowed more
often than anyone expects, so the minimum is the real policy.

## Example
```python
password = ma.String(required=True, load_only=True, validate=validate.Length(min=3))
```

Use instead:
```python
password = ma.String(required=True, load_only=True, validate=validate.Length(min=8, max=128))
```

## References
- NIST SP 800-63B §5.1.1.2 (at least 8 characters); OWASP Authentication Cheat Sheet
- CWE-521: Weak Password Requirements
)md";

const RuleMeta kMeta{
    .id = "weak-password-length",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go},
    .roles = kServiceCode,
    .summary = "Password validated with a minimum length under 6 characters",
    .docs = kDocs,
    .planTitle = "Require passwords of at least 8 characters",
    .effort = core::Effort::XS,
};

bool passwordName(std::string_view name) {
  std::string l(name);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  while (!l.empty() && (l.back() == '"' || l.back() == '\'')) l.pop_back();
  return l == "password" || l == "new_password" || l == "newpassword" || l == "password1";
}

/// The minimum length the validator text sets, or -1.
int minimumLength(std::string_view text, Lang lang) {
  static const std::regex py(R"((?:Length\(\s*min|min_length)\s*=\s*(\d+))");
  static const std::regex js(R"(\.min\(\s*(\d+)\s*[,)])");
  static const std::regex go(R"((?:validate|binding):"[^"]*\bmin=(\d+))");
  const std::regex& re = lang == Lang::Python ? py : lang == Lang::Go ? go : js;
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(text.begin(), text.end(), m, re)) return -1;
  return std::stoi(m[1].str());
}

class WeakPasswordLength final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"assignment"};
    if (lang == Lang::Go) return {"field_declaration"};
    return {"pair"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    std::string_view name, validator;
    if (ctx.lang() == Lang::Python) {
      name = node.field("left").text(src);
      validator = node.field("right") ? node.field("right").text(src) : node.field("type").text(src);
      if (node.field("type")) validator = node.text(src);
    } else if (ctx.lang() == Lang::Go) {
      auto tag = node.field("tag").text(src);
      if (tag.find("json:\"password\"") == std::string_view::npos && tag.find("form:\"password\"") == std::string_view::npos)
        return;
      name = "password";
      validator = tag;
    } else {
      name = node.field("key").text(src);
      validator = node.field("value").text(src);
    }
    if (!passwordName(name)) return;
    int min = minimumLength(validator, ctx.lang());
    if (min < 2 || min >= 6) return;  // min(1): "a password was sent", a login form
    ctx.report(node, "passwords of " + std::to_string(min) +
                         " characters are accepted: short passwords fall to guessing in minutes; require at least 8");
  }
};

}  // namespace

const Rule& weakPasswordLength() {
  static const WeakPasswordLength rule;
  return rule;
}

}  // namespace agentlens::rules
