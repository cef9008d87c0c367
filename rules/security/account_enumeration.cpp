// account-enumeration: a login or password-reset flow answers "no user with this email", telling
// anyone which addresses have accounts.
#include <cctype>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds error messages that say an email address has no account ("No user found for email",
"No users found with this email", "Email … not found", "email is not registered") thrown or
returned by code of a file that handles passwords (login, password reset, local strategies).

## Why is this bad?
When login or "forgot password" answers differently for unknown addresses, anyone can test a list
of addresses and learn who has an account: the first step of credential stuffing, targeted
phishing and a privacy leak of its own. Answer the same way for both cases ("invalid email or
password"; "if the address exists, we sent a link").

Not flagged: one message that covers both cases ("invalid email or password"), log lines,
internal exceptions that a handler translates (`EntityDoesNotExist`), files that handle no
password (OAuth sign-in, where the identity provider has proven the address already), tests.

## Example
```js
if (!user) throw new ApiError(404, "No users found with this email");
```

Use instead:
```js
if (!user) return; // the caller answers 204 "if the address exists, an email was sent"
```

## References
- OWASP Authentication Cheat Sheet: "Authentication and error messages"
- OWASP WSTG-IDNT-04: Testing for account enumeration
)md";

const RuleMeta kMeta{
    .id = "account-enumeration",
    .category = core::Category::Security,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Login or reset flow reveals whether an email has an account",
    .docs = kDocs,
    .planTitle = "Answer the same for unknown accounts",
    .effort = core::Effort::XS,
};

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// "No user found for email" / "Email x not found" / "email is not registered", but not
/// "Invalid email or password".
bool unknownAccountMessage(std::string_view text) {
  auto l = core::text::asciiLower(text);
  if (!has(l, "email") && !has(l, "e-mail")) return false;
  if (has(l, " or ")) return false;
  for (auto k : {"not found", "no user", "no account", "does not exist", "doesn't exist", "not registered",
                 "no such user"})
    if (has(l, k)) return true;
  return false;
}

class AccountEnumeration final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"string"};
    if (lang == Lang::Go) return {"interpreted_string_literal"};
    return {"string", "template_string"};
  }

  void visit(ts::Node lit, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    if (!anc.empty() && (anc.back().type() == "template_string" || anc.back().type() == "string")) return;
    auto raw = lit.text(src);
    if (raw.find("mail") == std::string_view::npos && raw.find("MAIL") == std::string_view::npos &&
        raw.find("Mail") == std::string_view::npos)
      return;  // cheap filter before the lower-case copy
    if (!unknownAccountMessage(raw)) return;
    if (!has(core::text::asciiLower(src), "password")) return;
    // The message must leave through an error or a response, not a log line or an internal error.
    bool carried = false;
    for (auto it = anc.rbegin(); it != anc.rend(); ++it) {
      auto t = it->type();
      if (isFunctionNode(*it, ctx.lang()) || t.ends_with("statement") || t == "block") break;
      if (t != "call" && t != "call_expression" && t != "new_expression") continue;
      ts::Node fn = it->field(t == "new_expression" ? "constructor" : "function");
      auto callee = core::text::asciiLower(fn ? fn.text(src) : std::string_view());
      if (has(callee, "log") || has(callee, "console") || has(callee, "print") || has(callee, "warn") ||
          has(callee, "debug") || has(callee, "info") || has(callee, "doesnotexist") || has(callee, "notexist"))
        return;
      carried = true;
    }
    if (!carried) return;
    ctx.report(lit, "this message tells the caller that no account uses the email: anyone can test which "
                    "addresses are registered; answer the same way for unknown accounts and wrong passwords");
  }
};

}  // namespace

const Rule& accountEnumeration() {
  static const AccountEnumeration rule;
  return rule;
}

}  // namespace agentlens::rules
