// password-hash-in-response: a user row written with a password hash (Prisma `data: { password }`)
// and returned whole to the client.
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds a row created or updated with a password field — Prisma-style
`db.user.create({ data: { email, password: hash } })` without `select`/`omit` — that the same
request handler then sends back whole: `return user` from a tRPC procedure (`.mutation`/`.query`)
or a Next.js/route handler, `res.json(user)`, `c.json(user)`, `Response.json(user)`,
`NextResponse.json(user)`, also as a property (`{ user }`).

Not flagged: a `select`/`omit` on the write, a row whose password key is dropped before it is sent
(`const { password, ...safe } = user`), rows returned by helper functions that are not request
handlers, writes without a password field.

## Why is this bad?
The response carries the password hash (and whatever else the row holds: reset tokens, flags).
Hashes are built to be slow to crack, not to be public: a leaked bcrypt hash of a weak password
falls to a dictionary attack, and every client, proxy log and browser cache that sees the response
now holds it. A response should list the fields the client needs, not the database row.

## Example
```typescript
register: publicProcedure.input(schema).mutation(async ({ ctx, input }) => {
  const user = await ctx.db.user.create({ data: { email: input.email, password: await hash(input.password) } });
  return user;
}),
```

Use instead:
```typescript
  const user = await ctx.db.user.create({
    data: { email: input.email, password: await hash(input.password) },
    select: { id: true, email: true, name: true },
  });
  return user;
```

## References
- OWASP API Security Top 10: API3:2023 Broken Object Property Level Authorization
- Prisma docs: `select`, `omit` (exclude fields from results)
- CWE-200
)md";

const RuleMeta kMeta{
    .id = "password-hash-in-response",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Row with the password hash sent back to the client",
    .docs = kDocs,
    .planTitle = "Send the fields the client needs, not the user row",
    .effort = core::Effort::XS,
};

bool passwordKey(std::string_view k) {
  return k == "password" || k == "passwordHash" || k == "hashedPassword" || k == "password_hash" ||
         k == "hashed_password" || k == "passwordDigest";
}

/// The object argument of a Prisma-style write carrying a password in `data` and no `select`/`omit`.
bool writesPasswordWhole(ts::Node call, std::string_view src) {
  auto callee = calleeText(call, src);
  if (!callee.ends_with(".create") && !callee.ends_with(".update") && !callee.ends_with(".upsert")) return false;
  ts::Node args = callArguments(call);
  if (!args || args.namedChildCount() == 0 || args.namedChild(0).type() != "object") return false;
  bool password = false;
  ts::Node obj = args.namedChild(0);
  for (std::uint32_t i = 0; i < obj.namedChildCount(); ++i) {
    ts::Node p = obj.namedChild(i);
    if (p.type() != "pair") {
      if (p.type() == "spread_element") return false;  // options we cannot read
      continue;
    }
    auto key = p.field("key").text(src);
    if (key == "select" || key == "omit") return false;
    if (key != "data" && key != "create" && key != "update") continue;
    ts::Node data = p.field("value");
    for (std::uint32_t j = 0; data && data.type() == "object" && j < data.namedChildCount(); ++j) {
      ts::Node d = data.namedChild(j);
      if ((d.type() == "pair" && passwordKey(d.field("key").text(src))) ||
          (d.type() == "shorthand_property_identifier" && passwordKey(d.text(src))))
        password = true;
    }
  }
  return password;
}

ts::Node unwrapAwait(ts::Node n) {
  while (n && (n.type() == "await_expression" || n.type() == "parenthesized_expression") && n.namedChildCount() == 1)
    n = n.namedChild(0);
  return n;
}

/// The handler kind of `fn`: a tRPC procedure resolver (`.mutation(fn)`/`.query(fn)`) answers
/// with its return value.
bool procedureResolver(ts::Node fn, std::string_view src) {
  ts::Node args = fn.parent();
  if (!args || args.type() != "arguments") return false;
  ts::Node call = args.parent();
  if (!call || call.type() != "call_expression") return false;
  auto callee = calleeText(call, src);
  return callee.ends_with(".mutation") || callee.ends_with(".query");
}

/// `name` as a whole argument or a property value of the argument: `json(user)`, `json({ user })`.
bool sendsName(ts::Node arg, std::string_view name, std::string_view src) {
  if (!arg) return false;
  if (arg.type() == "identifier") return arg.text(src) == name;
  if (arg.type() != "object") return false;
  for (std::uint32_t i = 0; i < arg.namedChildCount(); ++i) {
    ts::Node p = arg.namedChild(i);
    if (p.type() == "shorthand_property_identifier" && p.text(src) == name) return true;
    if (p.type() == "pair" && p.field("value").type() == "identifier" && p.field("value").text(src) == name) return true;
  }
  return false;
}

class PasswordHashInResponse final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"variable_declarator"}; }

  void visit(ts::Node decl, RuleContext& ctx) const override {
    auto src = ctx.source();
    ts::Node name = decl.field("name");
    ts::Node value = unwrapAwait(decl.field("value"));
    if (!name || name.type() != "identifier" || !value || value.type() != "call_expression" ||
        !writesPasswordWhole(value, src))
      return;
    ts::Node fn = enclosingFunction(ctx);
    ts::Node body = fn ? fn.field("body") : ts::Node{};
    if (!body) return;
    auto var = name.text(src);
    bool resolver = procedureResolver(fn, src);
    ts::Node sent;
    bool stripped = false;
    walkSameFunction(body, ctx.lang(), [&](ts::Node n) {
      if (sent || n.startByte() < decl.endByte()) return;
      if (n.type() == "variable_declarator" && n.field("name").type() == "object_pattern" &&
          n.field("value").text(src) == var)
        stripped = true;  // const { password, ...safe } = user
      if (n.type() == "return_statement" && resolver && n.namedChildCount() == 1 &&
          sendsName(unwrapAwait(n.namedChild(0)), var, src))
        sent = n;
      if (n.type() == "call_expression") {
        auto method = calleeName(n, src);
        if (method != "json" && method != "send") return;
        ts::Node args = callArguments(n);
        if (args && args.namedChildCount() > 0 && sendsName(args.namedChild(0), var, src)) sent = n;
      }
    });
    if (!sent || stripped) return;
    ctx.report(sent, "`" + std::string(var) + "` is the row written with the password hash (`" +
                         std::string(calleeText(value, src)) + "` has no `select`/`omit`): the response sends the hash "
                         "to the client; select the fields to return");
  }
};

}  // namespace

const Rule& passwordHashInResponse() {
  static const PasswordHashInResponse rule;
  return rule;
}

}  // namespace agentlens::rules
