// error-details-in-response: Go (`http.Error`, gin `c.JSON`, `fmt.Fprint*` to the writer).
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/central_error_handler.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {

using core::Lang;

void go(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  auto callee = calleeText(call, src);
  auto name = calleeName(call, src);
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() < 2) return;
  Handler h = enclosingHandler(ctx);
  ts::Node body;
  std::optional<int> status;
  if (callee == "http.Error" && args.namedChildCount() == 3) {
    body = args.namedChild(1);
    status = statusValue(args.namedChild(2).text(src));
  } else if (h && h.framework == "gin" &&
             (name == "JSON" || name == "String" || name == "AbortWithStatusJSON" || name == "IndentedJSON")) {
    body = args.namedChild(1);
    status = statusValue(args.namedChild(0).text(src));
    if (!status) return;  // a variable status: cannot tell
  } else if (h && (callee == "fmt.Fprintf" || callee == "fmt.Fprint" || callee == "fmt.Fprintln")) {
    auto params = paramNames(h.fn, src, Lang::Go);
    if (params.empty() || args.namedChild(0).text(src) != params[0]) return;
    body = args;
  } else {
    return;
  }
  if (status && *status < 500) return;
  // The error variable: anything whose .Error() is called, or an `err` argument to Fprint*.
  ts::Node exposure;
  ts::walk(body, [&](ts::Node n) {
    if (exposure) return false;
    if (n.type() == "call_expression") {
      auto c = calleeText(n, src);
      if (c.ends_with(".Error") && n.field("arguments").namedChildCount() == 0) {
        auto recv = c.substr(0, c.size() - 6);
        if (recv == "err" || recv.ends_with("Err") || recv.ends_with("err")) exposure = n;
      }
    }
    if (callee.starts_with("fmt.") && n.type() == "identifier" && n.text(src) == "err") exposure = n;
    return true;
  });
  if (!exposure || debugGuarded(ctx)) return;
  auto errName = exposure.type() == "identifier" ? exposure.text(src)
                                                  : calleeText(exposure, src).substr(0, calleeText(exposure, src).size() - 6);
  core::Finding& f = ctx.report(exposure, "`" + std::string(exposure.text(src)) +
                                              "` sends error details to the client: respond with a generic message "
                                              "and log the error");
  if (callee.starts_with("fmt.")) return;  // rewriting a format string is left to a human
  core::Fix fix{.title = "Respond with a generic message and log the error",
                .applicability = core::Applicability::Unsafe};
  auto anc = ctx.ancestors();
  ts::Node stmt = !anc.empty() && anc.back().type() == "expression_statement" ? anc.back() : ts::Node();
  ts::Node branch = ctx.nearestAncestor({"block"});
  if (stmt && branch && !containsLogging(branch, src, Lang::Go)) {
    fix.edits = goEnsureImport(ctx.file(), "log/slog");
    std::string fnName(functionName(h ? h.fn : enclosingFunction(ctx), src));
    core::TextEdit log;
    log.range = {stmt.startByte(), stmt.startByte()};
    log.text = "slog.Error(\"" + (fnName.empty() ? std::string("request") : fnName) + " failed\", \"err\", " +
               std::string(errName) + ")\n" + std::string(lineIndent(src, stmt.startByte()));
    fix.edits.push_back(log);
  }
  core::TextEdit e;
  e.range = {exposure.startByte(), exposure.endByte()};
  e.text = "\"internal error\"";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace agentlens::rules::errdetails
