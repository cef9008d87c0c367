// unvalidated-request-body: the per-language visitors and the per-handler bookkeeping they share.
// The rule (unvalidated_request_body.cpp) owns the state; a visitor records, for the handler
// function `fn` it is in, the first raw read of the body and whether the body was validated.
#pragma once
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {
class RuleContext;

namespace request_body {

inline bool in(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Visitors: `node` is one of the rule's node types, `fn` its enclosing function.
void python(ts::Node node, ts::Node fn, RuleContext& ctx);
void js(ts::Node node, ts::Node fn, RuleContext& ctx);
void go(ts::Node node, ts::Node fn, RuleContext& ctx);

// Bookkeeping (defined in unvalidated_request_body.cpp).
/// Counts `fn` as a handler that reads the body (once).
void noteHandler(ts::Node fn, RuleContext& ctx);
/// The first unvalidated read in `fn`, with the message to report it with.
void noteRaw(ts::Node fn, ts::Node at, std::string what, RuleContext& ctx);
/// `fn` validates the body: its raw reads are not reported.
void noteValidated(ts::Node fn, RuleContext& ctx);
/// The finding in `fn` holds only when `fn` is a registered route handler.
void onlyInRoute(ts::Node fn, RuleContext& ctx);
/// Variable `name` in `fn` holds the raw body (`dict`: a plain dict, not a MultiDict).
void setBodyVar(ts::Node fn, std::string_view name, bool dict, RuleContext& ctx);
/// Whether `name` in `fn` holds the raw body, and if so whether it is a plain dict.
std::optional<bool> bodyVar(ts::Node fn, std::string_view name, RuleContext& ctx);

}  // namespace request_body
}  // namespace agentlens::rules
