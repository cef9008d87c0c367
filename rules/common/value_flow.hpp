// Text-level questions about a local value inside one function, for rules that judge whether a
// request value is bounded before it is used (unbounded-page-size).
#pragma once
#include <string_view>

namespace agentlens::rules {

/// True when the function bounds `var`: min()/Math.min()/clamp, or `var > N` / `var >= N` with N
/// other than 0 or 1.
bool clamped(std::string_view fn, std::string_view var);
/// JS: `var` only cuts a list already in memory (`items.slice(skip, skip + top)`).
bool slicesLoadedList(std::string_view fn, std::string_view var);
/// True when `var` reaches a call, a keyword argument, an assignment, a return or an object
/// shorthand in `rest` (the function after its declaration); arithmetic alone does not count.
bool flowsOn(std::string_view rest, std::string_view var);

}  // namespace agentlens::rules
