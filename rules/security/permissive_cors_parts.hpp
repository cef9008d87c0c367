// permissive-cors: the parts shared by the language visitors: reporting, the env-list fix, a
// hand-written Access-Control-Allow-Origin header, and Go's cors packages.
#pragma once
#include <string>
#include <vector>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::cors {

/// Reports `what`, high severity and a credentials message when `credentials`.
core::Finding& flag(RuleContext& ctx, ts::Node at, bool credentials, const std::string& what);

/// Adds the "read allowed origins from CORS_ALLOWED_ORIGINS" fix: `e` plus its imports.
void addFix(core::Finding& f, RuleContext& ctx, core::TextEdit e, std::vector<core::TextEdit> imports);

/// `setHeader("Access-Control-Allow-Origin", v)` (JS) / `Header().Set(…)` (Go) with `*` or the
/// request's Origin echoed without an allowlist check.
void headerCall(ts::Node call, ts::Node args, RuleContext& ctx);

/// Go: rs/cors and gin-contrib/cors options and constructors, and hand-written headers.
void goCors(ts::Node node, RuleContext& ctx);

}  // namespace agentlens::rules::cors
