// retry-without-backoff: a poll loop around an outbound call with no attempt limit and no deadline
// (`while (!result) { fetch(status); await sleep(1000) }`): a job that never reaches a final
// state keeps the request (and its upstream) busy until the platform kills it.
#pragma once

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::pollloop {

/// Reports `loop` when it is an unbounded poll loop. `outbound` and `sleep` classify callees.
void check(ts::Node loop, RuleContext& ctx, bool (*outbound)(std::string_view, core::Lang),
           bool (*sleep)(std::string_view));

}  // namespace agentlens::rules::pollloop
