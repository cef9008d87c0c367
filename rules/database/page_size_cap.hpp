// unbounded-query: page-size parameters a client controls with no upper bound
// (`limit: int = Query(20, ge=1)`, `const limit = parseInt(req.query.limit) || 10`).
#pragma once

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::pagesize {

/// FastAPI: `limit: int = Query(20, ge=1)` without `le=`/`lt=`.
void python(ts::Node param, RuleContext& ctx);
/// JS/TS: `const limit = parseInt(options.limit) > 0 ? parseInt(options.limit) : 10` with no cap,
/// used in `.limit(limit)` / `take: limit` in the same function.
void js(ts::Node decl, RuleContext& ctx);

}  // namespace agentlens::rules::pagesize
