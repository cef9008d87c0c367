// Value safety of the pieces interpolated into SQL text: which expressions can only ever produce
// fixed SQL (constants, placeholder lists, integers, allowlist lookups, clause lists built from
// literals) and so cannot inject, whatever the caller sends.
#pragma once
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules::sqlsafe {

/// True when `expr` (an interpolated piece of SQL inside `scope`, usually the enclosing function)
/// yields only fixed SQL text or numbers: literals and module constants; `int()`/`len()`/
/// `Number()`/`strconv.Itoa`; `Sprintf` with only `%d`; placeholder lists (`",".join(["?"] * n)`,
/// `strings.Repeat("?,", n)`, `ids.map(() => "?").join()`); lookups in an UPPER_CASE map; locals
/// whose every assignment (and `append`/`push`) is itself safe; paging-clause helpers
/// (`FormatLimitOffset(...)`).
bool valueSafe(ts::Node expr, ts::Node scope, std::string_view src, core::Lang lang);

}  // namespace agentlens::rules::sqlsafe
