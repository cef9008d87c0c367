// unstructured-log-message: the per-language detectors behind the rule
// (unstructured_log_message.cpp), each with its fix that moves the values into fields.
#pragma once
#include <string_view>

#include "core/finding.hpp"

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {
class RuleContext;

namespace unstructured_log {

/// The arguments of a Python logging/structlog call whose message is an f-string, `.format()`, `%` or `+`.
void python(ts::Node args, RuleContext& ctx);
/// The arguments of a JS logger call whose message is a template literal or a concatenation.
void js(ts::Node args, RuleContext& ctx);
/// Go `log.Printf` or a slog call with a `fmt.Sprintf` message.
void go(ts::Node call, ts::Node args, std::string_view recv, std::string_view method, RuleContext& ctx);

/// Low in server code, Info elsewhere (defined with the rule).
core::Severity severityFor(const RuleContext& ctx);

}  // namespace unstructured_log
}  // namespace agentlens::rules
