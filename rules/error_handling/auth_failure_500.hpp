// catch-all-500: a missing session or user answered with a 500 (`if (!session) return
// res.status(500)…`, `if not current_user: return …, 500`): every logged-out request looks like a
// server error to clients, alerts and retries; it is a 401.
#pragma once

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::authfail {

/// Reports the 5xx status of an `if` whose condition is a missing session, user or token.
void check(ts::Node ifStmt, RuleContext& ctx);

}  // namespace agentlens::rules::authfail
