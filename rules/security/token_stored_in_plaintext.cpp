// token-stored-in-plaintext: a random token generated and written to the database as is.
#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds a random token (a refresh, reset, verification or API token) generated in a function and
written to the database unchanged in the same function: a local bound to `crypto.randomBytes(…)`,
`crypto.randomUUID()`, `nanoid()`, `uuidv4()`, `secrets.token_urlsafe()`/`token_hex()` or
`uuid.uuid4()`, passed under a token-like key (`token`, `refresh_token`, `resetToken`, `api_key`)
to an ORM write: Prisma/Drizzle/TypeORM/Sequelize/Mongoose `create`, `update`, `insert`, `values`,
`save`, `upsert`; Django/SQLAlchemy model constructors and `objects.create`/`update`.

Not flagged: a hash of the token stored instead (`token: sha256(raw)`, `hashlib.sha256(t)`),
tokens that are not random (a signed JWT), and keys that are not tokens (`id`, `slug`).

## Why is this bad?
Whoever reads the table — a SQL injection, a leaked backup, a read replica, an analytics export —
gets working credentials: they can refresh sessions, reset passwords or call the API as every
user. Stored as a hash (the token has enough entropy that a plain SHA-256 suffices), a leaked
table is useless, and the lookup still works: hash the presented token and compare.

## Example
```typescript
const resetToken = crypto.randomBytes(32).toString("hex");
await db.user.update({ where: { id }, data: { resetToken } });
```

Use instead:
```typescript
const resetToken = crypto.randomBytes(32).toString("hex");
const resetTokenHash = createHash("sha256").update(resetToken).digest("hex");
await db.user.update({ where: { id }, data: { resetTokenHash } });
```

## Fix safety
No automatic fix: the lookup must hash the presented token too, and tokens already issued stop
working (or need a migration).

## References
- OWASP Forgot Password Cheat Sheet (store reset tokens hashed); OWASP ASVS 3.5 / 2.5
- CWE-256, CWE-312
)md";

const RuleMeta kMeta{
    .id = "token-stored-in-plaintext",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "Random token written to the database without hashing",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool randomCall(std::string_view text) {
  for (std::string_view r : {"randomBytes(", "randomUUID(", "nanoid(", "uuidv4(", "uuid.v4(", "token_urlsafe(",
                             "token_hex(", "token_bytes(", "uuid4()"})
    if (text.find(r) != std::string_view::npos) return true;
  return false;
}

/// A key that holds a token (`token`, `refresh_token`, `resetPasswordToken`, `api_key`), not a
/// hash of one (`token_hash`) or its metadata (`token_expires`).
bool tokenKey(std::string_view key) {
  std::string l = sec::lowerCopy(key);
  if (l.find("hash") != std::string::npos || l.find("digest") != std::string::npos) return false;
  for (std::string_view meta : {"expire", "expiry", "type", "_at", "count", "length", "ttl", "id_token"})
    if (l.find(meta) != std::string::npos) return false;
  return l.ends_with("token") || l.ends_with("apikey") || l.ends_with("api_key") || l.ends_with("secret");
}

/// An ORM write: the call's last name, or a model constructor (`RefreshToken(token=…)`).
bool writeCall(ts::Node call, std::string_view src, Lang lang) {
  std::string_view name = calleeName(call, src);
  static constexpr std::string_view kWrites[] = {"create",   "update",    "insert",    "values",    "save",
                                                 "upsert",   "createMany", "updateMany", "insertOne", "updateOne",
                                                 "findOneAndUpdate", "add_token", "bulk_create", "set"};
  if (std::find(std::begin(kWrites), std::end(kWrites), name) != std::end(kWrites)) return name != "set";
  return lang == Lang::Python && !name.empty() && std::isupper(static_cast<unsigned char>(name.front()));
}

class TokenStoredInPlaintext final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"keyword_argument"};
    return {"pair", "shorthand_property_identifier"};
  }

  void visit(ts::Node n, RuleContext& ctx) const override {
    auto role = ctx.facts().role;
    if (ctx.facts().isTestOrGenerated() || role == core::FileRole::Frontend) return;
    auto src = ctx.source();
    std::string_view key;
    ts::Node value;
    if (n.type() == "shorthand_property_identifier") {
      key = n.text(src);
      value = n;
    } else {
      ts::Node k = n.field(n.type() == "pair" ? "key" : "name");
      value = n.field("value");
      key = k ? k.text(src) : "";
    }
    bool local = value && (value == n || value.type() == "identifier");  // `{ resetToken }` or `token: t`
    if (!local || !tokenKey(key)) return;
    // The value is a local bound to a random generator in this function.
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    ts::Node rhs = sec::localAssignment(fn, value.text(src), n.startByte(), src, ctx.lang());
    if (!rhs || !randomCall(rhs.text(src))) return;
    // …and written by an ORM call this pair is an argument of.
    ts::Node call;
    for (auto it = ctx.ancestors().rbegin(); it != ctx.ancestors().rend(); ++it) {
      auto t = it->type();
      if (t == "call" || t == "call_expression") {
        if (writeCall(*it, src, ctx.lang())) call = *it;
        break;
      }
    }
    if (!call) return;
    ctx.report(n, "`" + std::string(value.text(src)) + "` (a random token) is stored as is: whoever reads the table "
                  "or a backup can use it; store its SHA-256 hash and compare hashes on lookup");
  }
};

}  // namespace

const Rule& tokenStoredInPlaintext() {
  static const TokenStoredInPlaintext rule;
  return rule;
}

}  // namespace agentlens::rules
