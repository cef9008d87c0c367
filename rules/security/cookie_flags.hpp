// insecure-cookie-flags: the per-language checks (cookie_flags_{python,js,go}.cpp) and the
// finding they share. Internal to the rule.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::cookie_flags {

struct Flags {
  bool secure = false, httpOnly = false, sameSite = false;
};

/// A flag counts as set unless it is absent or the literal false.
bool setFlag(ts::Node v);
/// CSRF cookies are read by scripts on purpose: HttpOnly is not asked of them.
bool csrfName(std::string_view n);
/// Reports the cookie `name` at `at` when a flag is missing (`s`/`h`/`ss`: the flags' spelling in
/// the language); info severity unless the name reads as a session or token. Null when complete.
core::Finding* flag(RuleContext& ctx, ts::Node at, std::string_view name, const Flags& fl, std::string_view s,
                    std::string_view h, std::string_view ss);

void python(ts::Node node, RuleContext& ctx);
void js(ts::Node call, RuleContext& ctx);
void go(ts::Node lit, RuleContext& ctx);

}  // namespace agentlens::rules::cookie_flags
