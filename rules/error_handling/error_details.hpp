// error-details-in-response: the pieces shared by the per-language checks (what exposes an error,
// what makes the exposure deliberate) and the per-language entry points.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::errdetails {

/// Python response constructors (`jsonify`, `JSONResponse`, ...).
bool isPySink(std::string_view name);
/// The first node in `root` that exposes the error named `err`.
ts::Node findExposure(ts::Node root, std::string_view err, std::string_view src, core::Lang lang);
/// Exception types whose message is meant for the client (validation, HTTP errors).
bool userFacingType(std::string_view t);
/// A condition that makes exposure deliberate: debug mode, a non-production environment, or a
/// status check that keeps messages to 4xx answers.
bool deliberateCondition(std::string_view c);
/// True when `exposure` sits in a conditional expression (below `stop`) with a deliberate condition.
bool conditionallyExposed(ts::Node exposure, ts::Node stop, std::string_view src);
/// True when the visited node is under an `if`/ternary with a deliberate condition.
bool debugGuarded(const RuleContext& ctx);

void python(ts::Node node, RuleContext& ctx);
void js(ts::Node call, RuleContext& ctx);
/// A database client's `{ error }` text returned from a server action or thrown as a payload.
void jsResultError(ts::Node stmt, RuleContext& ctx);
void go(ts::Node call, RuleContext& ctx);
/// Go error-body constructors (`func NewError(err error) Error`) that copy `err.Error()` in.
void goErrorBody(ts::Node fn, RuleContext& ctx);

}  // namespace agentlens::rules::errdetails
