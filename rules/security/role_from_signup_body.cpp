// role-from-signup-body: a sign-up handler copies the new account's role (or admin flag) from the
// request body, so anyone can register as an administrator.
#include <cctype>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds sign-up and registration code that takes the new account's role from the client:
- Python / JS / TS: inside a function or route whose name or path says register / sign-up, a
  `role` / `is_admin` / `is_staff` / `is_superuser` keyword, dict or object entry, or attribute
  assignment whose value is read from the request data (`data.get('role')`, `data['role']`,
  `req.body.role`, `body.role`);
- Go: a request struct for registration (`RegisterRequest`, `SignupInput`, or a `CreateUser…`
  struct in a file that documents it as sign-up / registration) whose `role` field validates with
  `oneof=` a list that includes `admin`.

## Why is this bad?
Registration is open to anyone. When the role comes from the body, a caller sends
`{"role": "admin"}` and gets an administrator account: every admin-only route is then one request
away. The server must choose the role of a self-registered account (the default, least-privileged
role) and let only an administrator change it later.

Not flagged: a role fixed by the server (`role="user"`), user creation by an administrator (a
function or route not named for registration), a role mapped through a server-side allow-list
into a local first, tests.

## Example
```python
@app.post("/api/register")
def register():
    data = request.get_json()
    user = User(email=data["email"], role=data.get("role", "user"))
```

Use instead:
```python
    user = User(email=data["email"], role="user")
```

## References
- OWASP API Security Top 10 2023, API3: Broken Object Property Level Authorization (mass assignment)
- CWE-269: Improper Privilege Management
)md";

const RuleMeta kMeta{
    .id = "role-from-signup-body",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Sign-up takes the new account's role from the request",
    .docs = kDocs,
    .planTitle = "Let the server choose the role at sign-up",
    .effort = core::Effort::XS,
};

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

bool signupWord(std::string_view text) {
  auto l = core::text::asciiLower(text);
  if (has(l, "admin")) return false;  // an administrator creating accounts may choose the role
  for (auto k : {"register", "signup", "sign_up", "sign-up", "createaccount", "create_account"})
    if (has(l, k)) return true;
  return false;
}

bool privilegeKey(std::string_view key) {
  auto l = core::text::asciiLower(key);
  return l == "role" || l == "roles" || l == "is_admin" || l == "isadmin" || l == "is_staff" ||
         l == "is_superuser" || l == "role_id" || l == "roleid";
}

/// `data.get('role', …)`, `data['role']`, `req.body.role`, `body.role`: a read of the same key from
/// request data (the root name says it is the body, not a server-side object).
bool readsKeyFromRequest(std::string_view value, std::string_view key) {
  std::string k(key);
  bool keyed = has(value, "['" + k + "'") || has(value, "[\"" + k + "\"") || has(value, ".get('" + k + "'") ||
               has(value, ".get(\"" + k + "\"") || value.ends_with("." + k);
  if (!keyed) return false;
  auto l = core::text::asciiLower(value);
  if (l.starts_with("c.req.")) return true;  // Hono
  std::string root = l.substr(0, l.find_first_of(".[("));
  for (auto r : {"request", "req", "ctx", "data", "payload", "body", "json", "json_data", "form", "params", "args",
                 "input", "dto", "user_data", "userdata", "request_data", "user_in", "signup_data"})
    if (root == r) return true;
  return false;
}

/// The handler is a sign-up: an enclosing function is named for it, or the enclosing route
/// registration call's path says so (`router.post('/register', …)`).
bool inSignupHandler(const RuleContext& ctx) {
  auto src = ctx.source();
  for (const auto& a : ctx.ancestors()) {
    if (isFunctionNode(a, ctx.lang()) && signupWord(functionName(a, src))) return true;
    if (a.type() == "call_expression" || a.type() == "call") {
      ts::Node args = callArguments(a);
      if (!args || args.namedChildCount() == 0) continue;
      auto first = stringLiteralValue(args.namedChild(0), src, ctx.lang());
      if (first && signupWord(*first)) return true;
    }
  }
  return false;
}

/// Go: `Role string `json:"role" binding:"oneof=user admin"`` in a registration request struct.
void visitGoField(ts::Node field, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node name = field.field("name");
  ts::Node tag = field.field("tag");
  if (!name || !tag || !privilegeKey(name.text(src))) return;
  auto t = core::text::asciiLower(tag.text(src));
  auto oneof = t.find("oneof=");
  if (oneof == std::string::npos || !has(t.substr(oneof), "admin")) return;
  std::string_view structName;
  for (const auto& a : ctx.ancestors())
    if (a.type() == "type_spec" && a.field("name")) structName = a.field("name").text(src);
  auto sl = core::text::asciiLower(structName);
  bool signup = signupWord(structName);
  if (!signup && sl.starts_with("create") && has(sl, "user")) {
    auto file = core::text::asciiLower(src);  // a generic CreateUser struct counts when the file documents sign-up
    signup = has(file, "public signup") || has(file, "register a new user") || has(file, "sign up");
  }
  if (!signup || has(sl, "admin")) return;
  ctx.report(field, "the sign-up request lets the client pick the role, and `admin` is an allowed value: anyone "
                    "can register as an administrator; set the role on the server");
}

class RoleFromSignupBody final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"field_declaration"};
    if (lang == Lang::Python) return {"keyword_argument", "pair", "assignment"};
    return {"pair", "assignment_expression"};
  }

  void visit(ts::Node n, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Go) return visitGoField(n, ctx);
    auto src = ctx.source();
    auto t = n.type();
    ts::Node keyNode = n.field(t == "pair" ? "key" : (t == "keyword_argument" ? "name" : "left"));
    ts::Node value = n.field(t == "pair" || t == "keyword_argument" ? "value" : "right");
    if (!keyNode || !value) return;
    std::string_view key = keyNode.text(src);
    if (auto s = stringLiteralValue(keyNode, src, ctx.lang())) key = *s;
    if (t == "assignment" || t == "assignment_expression") {  // user.role = data['role']
      if (keyNode.type() != "attribute" && keyNode.type() != "member_expression") return;
      auto dot = key.rfind('.');
      if (dot == std::string_view::npos) return;
      key = key.substr(dot + 1);
    }
    if (!privilegeKey(key)) return;
    if (!readsKeyFromRequest(value.text(src), key)) return;
    if (!inSignupHandler(ctx)) return;
    ctx.report(value, "the sign-up handler takes the new account's role from the request: anyone can register as "
                      "an administrator by sending it; set the role on the server");
  }
};

}  // namespace

const Rule& roleFromSignupBody() {
  static const RoleFromSignupBody rule;
  return rule;
}

}  // namespace agentlens::rules
