// outbound-call-without-timeout: the per-language checks (outbound_timeout_{python,js,node_http,go}.cpp)
// and the pieces they share. Internal to the rule.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::outbound_timeout {

/// requests/httpx/axios verbs: get, post, put, patch, delete, head, options, request.
bool isRequestsVerb(std::string_view m);
/// Findings in tests and scripts are low severity.
void soften(core::Finding& f, const RuleContext& ctx);
/// A JS object literal with `key`, or with a spread (which could carry it).
bool jsObjectHas(ts::Node obj, std::string_view key, std::string_view src);

void python(ts::Node call, RuleContext& ctx);
void js(ts::Node call, RuleContext& ctx);
/// Node: `http.request` / `https.request` / `http.get` / `https.get` with neither a `timeout`
/// nor a `signal` option, nor a `.setTimeout(…)` on the request. Returns true when the call was
/// one of these (reported or not).
bool nodeHttpRequest(ts::Node call, std::string_view callee, ts::Node args, RuleContext& ctx);
void go(ts::Node node, RuleContext& ctx);

}  // namespace agentlens::rules::outbound_timeout
