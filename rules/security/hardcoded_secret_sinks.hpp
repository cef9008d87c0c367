// hardcoded-secret: literals that are secrets by where they go, whatever they look like.
#pragma once

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::secretsinks {

/// Framework sinks: `jwt.encode(payload, "lit")`, `jwt.sign(p, "lit")`, jose
/// `sign(new TextEncoder().encode("…"))`, and a literal given to a password hasher (a default
/// account created at start-up).
void sinkCall(ts::Node call, RuleContext& ctx);

/// The string literal the local `ident` is bound to exactly once in the enclosing function (or
/// the module at top level): `key = "…"` / `const key = "…"`. Null otherwise.
ts::Node localStringBinding(ts::Node ident, const RuleContext& ctx);

/// `password == "literal"`: a fixed password (or token) accepted by the code itself.
void comparison(ts::Node node, RuleContext& ctx);

}  // namespace agentlens::rules::secretsinks
