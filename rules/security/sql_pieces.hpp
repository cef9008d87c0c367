// sql-built-from-strings: the query as literal text and interpolated pieces, and the
// parameterized rewrite (see sql_built_from_strings.cpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::sqlrule {

/// The query split into literal text (as written) and interpolated expressions.
struct Pieces {
  std::vector<std::string> text;   // text.size() == holes.size() + 1
  std::vector<ts::Node> holes;
  bool fixable = true;             // format specs, conversions, unusual verbs: no fix
  std::vector<bool> numeric;       // per hole: printed as an integer (Sprintf %d)
};

/// True when the text reads as SQL (keywords split across lines or tabs included).
bool looksLikeSql(std::string_view t);

/// Splits an interpolated query (f-string, template literal, `%`, `.format()`, `+`, `util.format`,
/// `replace`/`concat`, `Sprintf`) into `out`; `how` names the construction. False when `q` is not
/// one. `scope` (the enclosing function) resolves a format string held in a local.
bool split(ts::Node q, std::string_view src, core::Lang lang, Pieces& out, std::string& how, ts::Node scope = ts::Node());

/// Go `sb.String()` of a `strings.Builder`/`bytes.Buffer` declared in `scope`: the text written to
/// it before this call (`sb.WriteString("…")` is text, `sb.WriteString(x)` a piece).
/// (One of the shapes split() tries.)
bool builderString(ts::Node q, std::string_view src, Pieces& out, ts::Node scope);

/// Adds the "pass the values as parameters" fix when the driver's placeholder style is known.
void addFix(core::Finding& f, RuleContext& ctx, ts::Node call, ts::Node args, ts::Node arg, ts::Node query,
            const Pieces& p, bool textWrapped);

}  // namespace agentlens::rules::sqlrule
