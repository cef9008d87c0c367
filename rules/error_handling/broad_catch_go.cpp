// broad-exception-catch, Go: a deferred `recover()` that drops the panic.
#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/broad_exception_catch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::broad_catch {
namespace {

using core::Lang;

/// `if r := recover(); r != nil` -> "r".
std::string_view recoveredName(ts::Node ifStmt, std::string_view src) {
  ts::Node init = ifStmt.field("initializer");
  ts::Node left = init ? init.field("left") : ts::Node();
  return left && left.namedChildCount() == 1 ? left.namedChild(0).text(src) : std::string_view();
}

}  // namespace

// Go: defer func() { if r := recover(); r != nil { … } }()  /  defer func() { recover() }()
void go(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  if (calleeText(call, src) != "recover") return;
  auto anc = ctx.ancestors();
  // Must be inside a deferred func literal.
  bool deferred = false;
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (anc[i].type() == "defer_statement") {
      deferred = true;
      break;
    }
    if (anc[i].type() == "function_declaration" || anc[i].type() == "method_declaration") break;
  }
  if (!deferred) return;
  ctx.countSite();
  ts::Node branch;
  if (!anc.empty() && anc.back().type() == "expression_statement") {
    branch = ts::Node();  // recover() as a statement: the panic is dropped outright
  } else {
    ts::Node ifStmt = ctx.nearestAncestor({"if_statement"});
    if (!ifStmt) return;  // value used elsewhere (assigned, returned): cannot tell
    branch = ifStmt.field("consequence");
    if (!branch) return;
    if (containsLogging(branch, src, Lang::Go) || containsRethrow(branch, src, Lang::Go)) return;
    // Handed to a reporter (`ReportPanic(r)`) or answered 500 (unlogged-server-error's concern).
    HandlerIntent in = handlerIntent(branch, recoveredName(ifStmt, src), src, Lang::Go);
    if (in.handsOff || in.answers5xx) return;
    // Converted to an error: `err = fmt.Errorf(...)` / `retErr = ...`
    bool converts = false;
    walkSameFunction(branch, Lang::Go, [&](ts::Node n) {
      if (n.type() == "assignment_statement" || n.type() == "return_statement") {
        auto t = n.text(src);
        if (t.find("rr") != std::string_view::npos || t.find("Errorf") != std::string_view::npos ||
            t.find("errors.New") != std::string_view::npos)
          converts = true;
      }
      if (n.type() == "call_expression") {
        auto c = calleeText(n, src);
        if (c == "http.Error" || c.ends_with(".AbortWithStatus") || c.ends_with(".AbortWithStatusJSON") ||
            c.ends_with(".AbortWithError"))
          converts = true;  // answered the request: still reported by unlogged-server-error if silent
      }
    });
    if (converts) return;
  }
  ctx.report(call, "`recover()` drops the panic: log it with the stack (`debug.Stack()`), re-panic, or return it "
                   "as an error");
}

}  // namespace agentlens::rules::broad_catch
