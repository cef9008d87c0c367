// error-details-in-response (JS/TS): the raw text of a database client's `{ error }` result
// (Supabase/PostgREST `const { data, error } = await supabase.from(...)…`) handed back to the
// caller of a Next.js server action (`return { error: error.message }` in a 'use server' file),
// or thrown as a protocol error payload (`throw { code, message: error.message }`): both reach
// the browser or the API client verbatim.

#include "rules/common/syntax.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {
namespace {

bool serverActionFile(std::string_view src) {
  auto p = src.find_first_not_of(" \t\r\n");
  if (p == std::string_view::npos) return false;
  if (src.substr(p).starts_with("//") || src.substr(p).starts_with("/*")) {
    auto q = src.find("use server");
    return q != std::string_view::npos && q < 400 && (src[q - 1] == '\'' || src[q - 1] == '"');
  }
  return src.substr(p).starts_with("'use server'") || src.substr(p).starts_with("\"use server\"");
}

/// A query of a database client: `supabase.from('t')…`, `.rpc('fn')` (auth calls are left out:
/// their messages, like "Invalid login credentials", are written for users).
bool databaseQuery(std::string_view call) {
  return (call.find(".from(") != std::string_view::npos || call.find(".rpc(") != std::string_view::npos) &&
         call.find(".auth.") == std::string_view::npos && call.find(".storage.") == std::string_view::npos;
}

/// Names bound to the `error` of a destructured database result in `fn`: `{ error }`, `{ error: e }`.
std::vector<std::string> resultErrors(ts::Node fn, std::string_view src) {
  std::vector<std::string> out;
  ts::walk(fn, [&](ts::Node n) {
    if (n.type() != "variable_declarator") return true;
    ts::Node name = n.field("name"), value = n.field("value");
    if (!name || !value || name.type() != "object_pattern" || value.type() != "await_expression" ||
        !databaseQuery(value.text(src)))
      return true;
    for (std::uint32_t i = 0; i < name.namedChildCount(); ++i) {
      ts::Node p = name.namedChild(i);
      if (p.type() == "shorthand_property_identifier_pattern" && p.text(src) == "error") out.emplace_back("error");
      if (p.type() == "pair_pattern" && p.field("key").text(src) == "error" && p.field("value").type() == "identifier")
        out.emplace_back(p.field("value").text(src));
    }
    return true;
  });
  return out;
}

}  // namespace

void jsResultError(ts::Node stmt, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node value = stmt.namedChildCount() > 0 ? stmt.namedChild(0) : ts::Node();
  if (!value || value.type() != "object") return;
  bool thrown = stmt.type() == "throw_statement";
  if (!thrown && !serverActionFile(src)) return;
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  for (const auto& err : resultErrors(fn, src)) {
    ts::Node exposure = findExposure(value, err, src, ctx.lang());
    if (!exposure) continue;
    ctx.report(exposure, "`" + std::string(exposure.text(src).substr(0, 40)) + "` " +
                             (thrown ? "throws the database error's raw text as the error payload"
                                     : "returns the database error's raw text from a server action") +
                             ": constraint, table and policy names reach the client; log it and return a generic message");
    return;
  }
}

}  // namespace agentlens::rules::errdetails
