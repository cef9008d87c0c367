// insecure-random-token: a token, session id or cookie value made with a non-cryptographic
// random generator (Python `random`, JavaScript `Math.random()`).
#include <cctype>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds a value made with a non-cryptographic random generator — Python's `random` module
(`random.getrandbits`, `randint`, `random`, `choice`, `choices`, `randrange`, `sample`) or
JavaScript's `Math.random()` — that is assigned to a name of a secret (`token`, `secret`,
`password`, `otp`, `nonce`, `salt`, `api_key`, `session_id`, `csrf…`, `reset_code`) or sent to
the client as a cookie value (`resp.set_cookie("voter_id", v)`, `res.cookie("sid", v)`) in the
same function.

Not flagged: `secrets`, `random.SystemRandom()`, `os.urandom`, `crypto.randomBytes`,
`crypto.randomUUID()`, `uuid.uuid4()`; random values that are neither (jitter, sampling, demo
data); tests, seeds and scripts.

## Why is this bad?
Python's `random` (Mersenne Twister) and V8's `Math.random()` (xorshift128+) are predictable:
from a few outputs an attacker reconstructs the generator state and computes the values issued
before and after, so a token, reset code or cookie identity made with them can be guessed. A
client-held identifier that grants anything (one vote per voter, a session, a reset) must be
unguessable.

## Example
```python
voter_id = hex(random.getrandbits(64))[2:]
resp.set_cookie("voter_id", voter_id)
```

Use instead:
```python
voter_id = secrets.token_hex(16)
resp.set_cookie("voter_id", voter_id, httponly=True, secure=True, samesite="Lax")
```

## References
- Python docs: `random` ("should not be used for security purposes"), `secrets`
- MDN: `Math.random()` ("does not provide cryptographically secure random numbers")
- CWE-330, CWE-338
)md";

const RuleMeta kMeta{
    .id = "insecure-random-token",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Token or cookie value made with a non-cryptographic random generator",
    .docs = kDocs,
    .planTitle = "Make tokens with a cryptographic generator",
    .effort = core::Effort::XS,
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool secretName(std::string_view name) {
  auto l = lower(name);
  for (auto w : {"token", "secret", "password", "passwd", "otp", "nonce", "salt", "apikey", "api_key", "session_id",
                 "sessionid", "csrf", "reset_code", "resetcode", "verification_code", "verificationcode"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

/// The weak generator the expression calls, or "".
std::string_view weakRandom(std::string_view expr, std::string_view src, Lang lang) {
  if (lang != Lang::Python) return expr.find("Math.random()") != std::string_view::npos ? "Math.random()" : "";
  if (expr.find("SystemRandom") != std::string_view::npos) return "";
  if (src.find("import random") == std::string_view::npos) return "";
  for (std::string_view f : {"random.getrandbits(", "random.randint(", "random.random(", "random.choice(",
                             "random.choices(", "random.randrange(", "random.sample("})
    if (auto at = expr.find(f); at != std::string_view::npos && (at == 0 || !std::isalnum(static_cast<unsigned char>(expr[at - 1]))))
      return f.substr(0, f.size() - 1);
  return "";
}

/// `name` is sent as a cookie value in the function: set_cookie(key, name) / res.cookie(key, name).
bool sentAsCookie(ts::Node fn, std::string_view name, std::string_view src, Lang lang) {
  bool sent = false;
  walkSameFunction(fn, lang, [&](ts::Node n) {
    if (sent || (n.type() != "call" && n.type() != "call_expression")) return;
    auto callee = calleeName(n, src);
    if (callee != "set_cookie" && callee != "cookie" && callee != "setCookie") return;
    ts::Node args = callArguments(n);
    for (std::uint32_t i = 1; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument" && a.field("name").text(src) == "value") a = a.field("value");
      if (a.text(src) == name) sent = true;
    }
  });
  return sent;
}

class InsecureRandomToken final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"assignment"};
    return {"variable_declarator", "assignment_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    auto src = ctx.source();
    bool py = ctx.lang() == Lang::Python;
    ts::Node left = node.field(py || node.type() == "assignment_expression" ? "left" : "name");
    ts::Node right = node.field(py || node.type() == "assignment_expression" ? "right" : "value");
    if (!left || !right || (left.type() != "identifier" && left.type() != "attribute" && left.type() != "member_expression"))
      return;
    auto gen = weakRandom(right.text(src), src, ctx.lang());
    if (gen.empty()) return;
    auto name = left.text(src);
    auto leaf = name.substr(name.find_last_of('.') == std::string_view::npos ? 0 : name.find_last_of('.') + 1);
    std::string why;
    if (secretName(leaf)) {
      why = "`" + std::string(name) + "` is made with `" + std::string(gen) + "`";
    } else if (ts::Node fn = enclosingFunction(ctx); fn && left.type() == "identifier" && sentAsCookie(fn, name, src, ctx.lang())) {
      why = "the cookie value `" + std::string(name) + "` is made with `" + std::string(gen) + "`";
    } else {
      return;
    }
    ctx.report(node, why + ", which is predictable: from a few outputs the generator's state and every other value "
                         "can be computed; use " +
                         std::string(py ? "`secrets.token_hex()`/`secrets.token_urlsafe()`" : "`crypto.randomBytes()`/`crypto.randomUUID()`"));
  }
};

}  // namespace

const Rule& insecureRandomToken() {
  static const InsecureRandomToken rule;
  return rule;
}

}  // namespace agentlens::rules
