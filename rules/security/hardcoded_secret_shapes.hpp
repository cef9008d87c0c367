// hardcoded-secret: shapes beyond `name = "literal"` — Go `[]byte("…")` keys, a literal whose
// binding is used as a signing key in the same file, and comparisons with a literal password.
#pragma once
#include <string_view>
#include <utility>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::secretshapes {

/// The string literal inside Go `[]byte("…")`, or a null node.
ts::Node byteSliceLiteral(ts::Node value, std::string_view src);

/// True when `name` is used in this file as a signing or session key: `[]byte(NAME)`,
/// `SignedString(NAME)`, `jwt.sign(p, NAME)`, `jwt.encode(p, NAME)`, `secret: NAME`, ….
bool usedAsSigningKey(std::string_view name, std::string_view src);

/// `password == "literal"` (Python comparison, JS `==`/`===`, Go `==`): the side with the name
/// and the literal, or false.
bool literalComparison(ts::Node cmp, std::string_view src, core::Lang lang, ts::Node& nameSide, ts::Node& literal);

/// The literal password given to a password-hashing call (`generate_password_hash("…")`,
/// `make_password("…")`, `bcrypt.hash("…", 10)`, `bcrypt.GenerateFromPassword([]byte("…"), …)`):
/// an account created with a password everyone who reads the code knows. Null when none.
ts::Node hashedLiteralPassword(ts::Node call, std::string_view src, core::Lang lang);

/// Inside `if os.environ.get("GITHUB_WORKFLOW"):` (or `CI`, `GITHUB_ACTIONS`): settings for the
/// CI job's throwaway service containers, whose credentials the workflow file declares too.
bool inCiOnlyBranch(const RuleContext& ctx);

/// Inside the arguments of a session/JWT middleware call (`session({...})`, `expressjwt({...})`).
bool inSessionCall(const RuleContext& ctx);

/// In a seed or maintenance script: the credential `name` belongs to an administrator account —
/// the name says so (`admin_password`, `root_pw`), or the enclosing function creates one
/// (`is_admin=True`, `isAdmin: true`, `is_superuser=True`, `create_superuser`, `role: "admin"`).
bool createsPrivilegedAccount(const RuleContext& ctx, std::string_view name);

/// The name and value nodes of a binding (assignment, keyword, pair, declarator, Go spec or keyed
/// element); null when the node binds several names or none.
std::pair<ts::Node, ts::Node> bindingParts(ts::Node node);

}  // namespace agentlens::rules::secretshapes
