// command-or-code-injection: what the language detectors share (see command_or_code_injection.cpp).
#pragma once
#include <string>
#include <vector>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::cmdinj {

/// The value is shell-quoted on its way (`shlex.quote`, `shellescape`, `shell-quote`).
bool quoted(ts::Node n, std::string_view src);

/// Splits an interpolated string into argv words when every literal part is plain words and
/// every hole is a whole word. Returns the list's elements as source text, or empty.
std::vector<std::string> argvWords(ts::Node str, std::string_view src, core::Lang lang);

/// Request data (route parameters, body, query, headers) reaches `expr` in its function.
bool fromRequest(ts::Node expr, const RuleContext& ctx);

/// Reports `what` at `at`, naming request data when it reaches `expr` (then high confidence).
core::Finding& flag(RuleContext& ctx, ts::Node at, ts::Node expr, std::string what);

/// Python: subprocess with shell=True, os.system/os.popen (also via getattr), eval/exec.
void python(ts::Node call, RuleContext& ctx);

}  // namespace agentlens::rules::cmdinj
