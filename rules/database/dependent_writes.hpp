// missing-rollback (JS/TS): dependent writes outside a transaction. A row is created
// (`const [user] = await db.insert(users)…`, `const user = await prisma.user.create(…)`) and later
// writes of the same function use it (`user.id`) with no transaction around them: when a later
// write fails, the first row stays, half set up (a user with no team, an order with no items).
#pragma once

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::depwrites {

/// Reports `decl` when it binds the result of a write that later writes of its function depend on.
void js(ts::Node decl, RuleContext& ctx);

}  // namespace agentlens::rules::depwrites
