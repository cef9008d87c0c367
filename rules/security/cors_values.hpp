// permissive-cors: what an origins setting evaluates to, through one local or module binding.
#pragma once
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::cors {

/// `"*"` or a list/array/slice literal containing `"*"`.
bool isWildcardList(ts::Node n, std::string_view src, core::Lang lang);

/// An identifier's value from its last assignment before `at` in the enclosing function or the
/// module (`origins = ["*"]` … `allow_origins=origins`); other nodes are returned as they are.
ts::Node resolveLocal(ts::Node n, const RuleContext& ctx);

/// Inside a branch whose condition tests the echoed value against something (`if
/// slices.Contains(allowed, origin)`, `if origin in ALLOWED`, `if (list.includes(origin))`); a bare
/// truthiness test (`if (origin)`) is not a check.
bool checkedAgainstAllowlist(ts::Node value, const RuleContext& ctx);

}  // namespace agentlens::rules::cors
