// swallowed-exception: the per-language detectors behind the rule (swallowed_exception.cpp).
// Each reports the handlers of one language that discard the error, with their fixes.
#pragma once
#include <string_view>
#include <vector>

#include "core/lang.hpp"

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {
class RuleContext;

namespace swallowed {

/// Python: an `except` clause whose body only passes, continues or returns None.
void python(ts::Node clause, RuleContext& ctx);
/// JavaScript/TypeScript: an empty `catch {}` or a `.catch(() => {})` that drops a rejection.
void js(ts::Node node, RuleContext& ctx);
/// Go: an empty `if err != nil {}` or a fallible call's error assigned to `_`.
void go(ts::Node node, RuleContext& ctx);
/// Go: a context-taking write (`store.DeleteSession(ctx, id)`) called as a bare statement.
void goDropped(ts::Node stmt, RuleContext& ctx);

/// Deliberate handling (error_intent.hpp): an expected, narrowly caught error turned into a
/// sentinel for a caller that checks it (`except jwt.InvalidTokenError: return None`), a
/// best-effort cleanup (`conn.close()`), or a comment that explains the choice.
bool handledDeliberately(const std::vector<ts::Node>& body, ts::Node tryStmt,
                         const std::vector<std::string_view>& comments, bool narrow, std::string_view src,
                         core::Lang lang);

}  // namespace swallowed
}  // namespace agentlens::rules
